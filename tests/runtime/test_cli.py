"""`lokisi-bot`: help everywhere, one clear line for bad configuration, and the
administrator's commands (db upgrade, account create, check)."""

from __future__ import annotations

import asyncio
import re
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import load_settings, main
from bot.settings import Settings
from lokisi import migrate
from lokisi.db import create_engine, session_factory
from lokisi.services import Services
from tests.support.fake_bot_api import TOKEN, FakeBotApi

LOKISI_BOT = str(Path(sys.executable).with_name("lokisi-bot"))

COMMANDS = (
    [],
    ["start"],
    ["run"],
    ["console"],
    ["db"],
    ["db", "upgrade"],
    ["account"],
    ["account", "create"],
    ["check"],
    ["import"],
)


@pytest.fixture
def sqlite_url(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite+aiosqlite:///{workdir / 'admin.sqlite3'}"
    monkeypatch.setenv("DATABASE_URL", url)
    return url


@pytest.fixture
def shared_url(
    workdir: Path, database_url: str, engine: object, monkeypatch: pytest.MonkeyPatch
) -> str:
    """The test database (SQLite or PostgreSQL), emptied, as DATABASE_URL."""
    monkeypatch.setenv("DATABASE_URL", database_url)
    return database_url


def managers_of(url: str, telegram_id: int) -> list[str]:
    async def find() -> list[str]:
        engine = create_engine(url)
        try:
            member = await Services.over(session_factory(engine)).accounts.member_for(telegram_id)
        finally:
            await engine.dispose()
        return [member.name] if member else []

    return asyncio.run(find())


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "lokisi-bot")
def test_every_command_has_help(command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main([*command, "--help"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.startswith("usage: lokisi-bot")


@pytest.mark.parametrize(
    ("variable", "value", "expected"),
    [
        ("WEBHOOK_PORT", "70000", "WEBHOOK_PORT: Input should be less than or equal to 65535"),
        ("WEBHOOK_PORT", "https", "WEBHOOK_PORT: Input should be a valid integer"),
        ("DATABASE_URL", "lokisi.db", "DATABASE_URL: not a database URL"),
        ("DATABASE_URL", "mysql://db/lokisi", "DATABASE_URL: unsupported database 'mysql'"),
        ("DATABASE_URL", "postgresql://u:pw@127.0.0.1:1/x", "database postgresql+asyncpg://u:***@"),
        ("TELEGRAM_BOT_TOKEN", "my-token", "TELEGRAM_BOT_TOKEN: not a bot token"),
        ("TELEGRAM_API_BASE_URL", "api.telegram.org", "TELEGRAM_API_BASE_URL: must start with"),
        ("LOG_LEVEL", "LOUD", "LOG_LEVEL: must be DEBUG, INFO, WARNING or ERROR"),
        ("WEBHOOK_URL", "http://bot.example.org", "WEBHOOK_URL: Telegram only calls https://"),
        ("DEFAULT_LANGUAGE", "de", "DEFAULT_LANGUAGE: Input should be 'fr' or 'en'"),
    ],
)
def test_bad_configuration_is_one_line_and_exit_code_2(
    workdir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    variable: str,
    value: str,
    expected: str,
) -> None:
    monkeypatch.setenv(variable, value)
    assert main(["db", "upgrade"]) == 2
    error = capsys.readouterr().err
    assert error.startswith(f"lokisi-bot: {expected}")
    assert error.count("\n") == 1
    assert "pw" not in error


def test_the_installed_program_shows_no_traceback(workdir: Path) -> None:
    done = subprocess.run(
        [LOKISI_BOT, "run"],
        env={"PATH": "/usr/bin:/bin", "DATABASE_URL": "postgresql://u@127.0.0.1:1/x"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert done.stderr.startswith("lokisi-bot: no TELEGRAM_BOT_TOKEN configured")
    assert "Traceback" not in done.stderr and done.stderr.count("\n") == 1


def test_a_wrong_port_on_the_command_line_is_one_line(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["run", "--webhook", "--port", "99999"])
    assert exit_.value.code == 2
    assert "'99999' is not a port" in capsys.readouterr().err


def test_settings_are_read_from_the_env_file(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (workdir / ".env").write_text("WEBHOOK_PORT=0\n")
    assert main(["check"]) == 2
    assert "WEBHOOK_PORT: Input should be greater than or equal to 1" in capsys.readouterr().err


def test_db_upgrade_creates_a_database_at_the_newest_migration(
    sqlite_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["db", "upgrade"]) == 0
    assert "is up to date" in capsys.readouterr().out

    async def current() -> bool:
        engine = create_engine(sqlite_url)
        try:
            return await migrate.is_current(engine)
        finally:
            await engine.dispose()

    assert asyncio.run(current())


def test_account_create_makes_its_first_manager(
    shared_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        main(["account", "create", "Dupont Chauffage", "--manager", "1001", "--name", "Marie"]) == 0
    )
    assert "'Dupont Chauffage' created" in capsys.readouterr().out
    assert managers_of(shared_url, 1001) == ["Marie"]


def test_a_telegram_user_cannot_manage_two_accounts(
    shared_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["account", "create", "Dupont Chauffage", "--manager", "1001"]) == 0
    assert main(["account", "create", "Autre", "--manager", "1001"]) == 1
    assert capsys.readouterr().err == (
        "lokisi-bot: Telegram user 1001 is already a member of account 'Dupont Chauffage'\n"
    )


def test_check_without_a_token_says_so(sqlite_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["db", "upgrade"]) == 0
    assert main(["check"]) == 2
    output = capsys.readouterr()
    assert "ok    database reachable and at the newest migration" in output.out
    assert "no TELEGRAM_BOT_TOKEN configured" in output.err


def test_check_finds_a_database_that_needs_upgrading(
    sqlite_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check"]) == 1
    assert "run `lokisi-bot db upgrade`" in capsys.readouterr().err


def test_check_asks_telegram_whether_the_token_is_accepted(
    sqlite_url: str,
    api: FakeBotApi,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("TELEGRAM_API_BASE_URL", api.base_url)
    assert main(["db", "upgrade"]) == 0
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
    assert main(["check"]) == 0
    assert "token accepted by Telegram: the bot is @lokisi_test_bot" in capsys.readouterr().out
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123:REVOKED")
    assert main(["check"]) == 2
    assert capsys.readouterr().err == "lokisi-bot: Telegram refused TELEGRAM_BOT_TOKEN (revoked?)\n"


def test_a_webhook_port_already_taken_is_one_line(
    sqlite_url: str,
    api: FakeBotApi,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("TELEGRAM_API_BASE_URL", api.base_url)
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        webhook = ["--webhook-url", "https://bot.example.org/hook", "--listen", "127.0.0.1"]
        assert main(["run", *webhook, "--port", str(port)]) == 2
    last_line = capsys.readouterr().err.splitlines()[-1]
    assert last_line.startswith(f"lokisi-bot: cannot listen on 127.0.0.1:{port}: ")


def test_the_env_example_documents_every_setting_and_works_as_it_is(workdir: Path) -> None:
    example = Path(__file__).resolve().parents[2] / ".env.example"
    documented = re.findall(r"^([A-Z_]+)=", example.read_text(), flags=re.MULTILINE)
    assert sorted(documented) == sorted(name.upper() for name in Settings.model_fields)
    shutil.copy(example, workdir / ".env")
    assert load_settings(None) == Settings(_env_file=None)  # type: ignore[call-arg]
