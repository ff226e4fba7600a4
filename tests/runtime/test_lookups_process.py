"""The real `lokisi-bot run`, its look-ups pointed at the fake registers by the environment: a
client made from the company register and placed on the map, as a user would."""

from __future__ import annotations

from pathlib import Path

from tests.runtime.test_process import MARIE, bot_process, real_bot_settings, tap
from tests.support.fake_bot_api import FakeBotApi
from tests.support.fake_lookups import FakeLookups


def test_the_running_bot_fills_a_client_from_the_register_and_refuses_it_twice(
    tmp_path: Path, api: FakeBotApi, public_apis: FakeLookups
) -> None:
    env = real_bot_settings(
        api,
        tmp_path / "e2e.sqlite3",
        COMPANY_LOOKUP_URL=public_apis.companies_url,
        GEOCODER_URL=public_apis.geocoder_url,
    )
    marie = api.user(MARIE)
    with bot_process("run", env, tmp_path, tmp_path / "bot.log"):
        for attempt in ("CLI-000001", "Ce SIRET est déjà celui de CLI-000001"):
            marie.send("/start")
            tap(marie, "+ Nouveau client")
            tap(marie, "Oui")
            marie.wait_for_text("Tapez « Raison sociale »")
            marie.send("boulangerie dupont")
            marie.wait_for_text("Au registre des entreprises")
            tap(marie, "BOULANGERIE DUPONT")
            marie.wait_for_text("Rempli depuis le registre", "12 Rue de la Paix")
            tap(marie, "Enregistrer")
            marie.wait_for_text(attempt)
    assert public_apis.asked("/entreprises/search")
