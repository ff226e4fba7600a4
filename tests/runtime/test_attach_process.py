"""The attach flow once through the real `lokisi-bot run` against the fake Bot API: a photo
sent with the card open is attached in one tap, then sent back from "📎 Pièces" by its file
id."""

from __future__ import annotations

from pathlib import Path

from tests.runtime.test_process import MARIE, bot_process, real_bot_settings, tap
from tests.support import builders
from tests.support.fake_bot_api import FakeBotApi


def test_a_photo_is_attached_and_sent_back_by_the_real_bot(tmp_path: Path, api: FakeBotApi) -> None:
    env = real_bot_settings(api, tmp_path / "attach.sqlite3")
    marie = api.user(MARIE)
    with bot_process("run", env, tmp_path, tmp_path / "bot.log"):
        marie.send("/start")
        tap(marie, "+ Nouveau client")
        tap(marie, "Oui")
        marie.wait_for_text("Tapez « Raison sociale »")
        marie.send("Boulangerie Dupont")
        marie.wait_for_text("Boulangerie Dupont", "Tapez « Mobile »")
        tap(marie, "Enregistrer")
        marie.wait_for_text("FICHE CLIENT", "CLI-000001")
        marie.send_content(
            photo=builders.photo_sizes("photo-boiler", "unique-boiler"), caption="Chaudière"
        )
        marie.wait_for_text("📎 Joindre 1 photo à Boulangerie Dupont (CLI-000001) ?")
        tap(marie, "Oui")
        marie.wait_for_text("✅ Joint à Boulangerie Dupont (CLI-000001) : 1 photo.")
        tap(marie, "Voir les pièces")
        marie.wait_for_text("📎 Pièces de Boulangerie Dupont (CLI-000001)")
        tap(marie, "1 photo")
        marie.wait_for_text("Joint par Manager 1001", "Légende : Chaudière")
    [sent] = api.calls_to("sendPhoto")
    assert (sent.params["photo"], sent.params["caption"]) == ("photo-boiler", "Chaudière")
