"""The attach flow once through the real `lokisi-bot run` against the fake Bot API: a photo
sent with the card open is attached in one tap, then sent back from "📎 Pièces" by its file
id."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.runtime.test_process import LOKISI_BOT, MARIE, bot_process, tap
from tests.support import builders
from tests.support.fake_bot_api import TOKEN, FakeBotApi


def test_a_photo_is_attached_and_sent_back_by_the_real_bot(tmp_path: Path, api: FakeBotApi) -> None:
    env = {
        "PATH": "/usr/bin:/bin",
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_API_BASE_URL": api.base_url,
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'attach.sqlite3'}",
    }
    subprocess.run(
        [LOKISI_BOT, "account", "create", "Dupont Chauffage", "--manager", str(MARIE)],
        env=env,
        cwd=tmp_path,
        check=True,
        capture_output=True,
    )
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
