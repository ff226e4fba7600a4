"""End to end, at process level: the real `lokisi-bot` program, started as the README says,
talking HTTP to the fake Bot API; stopped with SIGTERM in the middle of a form, started
again, and nothing is lost."""

from __future__ import annotations

import signal
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.support.fake_bot_api import TOKEN, FakeBotApi
from tests.support.processes import LOKISI_BOT, tap

__all__ = ["MARIE", "bot_process", "real_bot_settings", "tap"]

MARIE = 1001


@contextmanager
def bot_process(command: str, env: dict[str, str], cwd: Path, log: Path) -> Iterator[None]:
    """`lokisi-bot COMMAND` running until the block ends; SIGTERM must stop it cleanly."""
    with log.open("a") as output:
        process = subprocess.Popen(
            [LOKISI_BOT, command], env=env, cwd=cwd, stdout=output, stderr=subprocess.STDOUT
        )
        try:
            yield
        finally:
            process.send_signal(signal.SIGTERM)
            try:
                code = process.wait(timeout=15)
            finally:
                process.kill()
    assert code == 0, log.read_text()


def real_bot_settings(api: FakeBotApi, database: Path, **more: str) -> dict[str, str]:
    """The environment of a real bot talking to the fake Bot API, over a database where the
    account "Dupont Chauffage" has Marie for manager."""
    env = {
        "PATH": "/usr/bin:/bin",
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_API_BASE_URL": api.base_url,
        # The public registers stay off unless asked: tests never reach the internet.
        "COMPANY_LOOKUP_URL": "",
        "GEOCODER_URL": "",
        "DATABASE_URL": f"sqlite+aiosqlite:///{database}",
        **more,
    }
    subprocess.run(
        [LOKISI_BOT, "account", "create", "Dupont Chauffage", "--manager", str(MARIE)],
        env=env,
        cwd=database.parent,
        check=True,
        capture_output=True,
    )
    return env


def test_the_bot_survives_a_restart_in_the_middle_of_a_form(
    tmp_path: Path, api: FakeBotApi
) -> None:
    env = real_bot_settings(api, tmp_path / "e2e.sqlite3", LOG_LEVEL="DEBUG")
    log = tmp_path / "bot.log"
    marie = api.user(MARIE)

    # The README's first command, with a token: the real bot.
    with bot_process("start", env, tmp_path, log):
        marie.send("/start")
        tap(marie, "+ Nouveau client")
        tap(marie, "Oui")
        marie.wait_for_text("Tapez « Raison sociale »")
        marie.send("Boulangerie Dupont")
        marie.wait_for_text("Boulangerie Dupont", "Tapez « Mobile »")
        tap(marie, "Enregistrer")
        marie.wait_for_text("Boulangerie Dupont", "CLI-000001")
        # A second client, left half-filled when the bot stops.
        marie.send("/start")
        tap(marie, "+ Nouveau client")
        tap(marie, "Oui")
        marie.wait_for_text("Tapez « Raison sociale »")
        marie.send("Hôtel du Nord")
        marie.wait_for_text("Hôtel du Nord", "Tapez « Mobile »")

    with bot_process("run", env, tmp_path, log):
        marie.send("06 12 34 56 78")
        marie.wait_for_text("Hôtel du Nord", "6 12 34 56 78")
        tap(marie, "Enregistrer")
        marie.wait_for_text("Hôtel du Nord", "CLI-000002")
        marie.send("Boulangerie")
        marie.wait_for_text("Boulangerie Dupont", "CLI-000001")

    written = log.read_text()
    assert "is running (long polling)" in written
    assert TOKEN not in written and "TEST/getUpdates" not in written
