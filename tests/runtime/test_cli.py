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
from bot.cli.failures import NO_TOKEN
from bot.settings import Settings
from lokisi import migrate
from lokisi.db import create_engine, session_factory
from lokisi.enums import DocumentFamily
from lokisi.schemas import MemberView
from lokisi.services import Services
from tests.factories import private_person, professional
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
    ["account", "list"],
    ["account", "show"],
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
        ("METRICS_PORT", "70000", "METRICS_PORT: Input should be less than or equal to 65535"),
        ("LOG_FORMAT", "xml", "LOG_FORMAT: Input should be 'text' or 'json'"),
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


@pytest.mark.parametrize("name", ["", "   ", "\t", "x" * 121, "Dupont\nChauffage"])
def test_an_account_name_must_be_a_name(
    workdir: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["account", "create", name, "--manager", "1001"])
    assert exit_.value.code == 2
    error = capsys.readouterr().err
    assert "is not a name: 1 to 120 characters" in error and error.count("\n") == 1
    assert not (workdir / "var").exists()


@pytest.mark.parametrize("user_id", ["0", "-5", "99999999999999999999", "4503599627370496", "١٢"])
def test_a_telegram_user_id_must_be_positive_and_in_telegram_s_range(
    workdir: Path, user_id: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["account", "create", "Dupont Chauffage", f"--manager={user_id}"])
    assert exit_.value.code == 2
    error = capsys.readouterr().err
    assert f"{user_id!r} is not a Telegram user id" in error and error.count("\n") == 1


def test_two_accounts_cannot_have_the_same_name(
    shared_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["account", "create", "Dupont Chauffage", "--manager", "1001"]) == 0
    assert main(["account", "create", "  dupont CHAUFFAGE ", "--manager", "1002"]) == 1
    assert capsys.readouterr().err == (
        "lokisi-bot: account #1 is already named 'Dupont Chauffage': "
        "give the new one another name\n"
    )
    assert managers_of(shared_url, 1002) == []


async def test_account_list_shows_each_account_s_id_name_members_and_clients(
    shared_url: str,
    services: Services,
    manager: MemberView,
    technicien: MemberView,
    outsider_manager: MemberView,
    capsys: pytest.CaptureFixture[str],
) -> None:
    await services.clients.create(manager, professional())
    deleted = await services.clients.create(manager, private_person())
    await services.clients.delete(manager, deleted.id)
    assert await asyncio.to_thread(main, ["account", "list"]) == 0
    header, *rows = capsys.readouterr().out.splitlines()
    assert header.split()[:4] == ["ID", "NAME", "MEMBERS", "CLIENTS"]
    assert [row.split()[:5] for row in rows] == [
        ["1", "Dupont", "Chauffage", "2", "1"],
        ["2", "Autre", "Société", "1", "0"],
    ]


async def test_account_show_describes_one_account(
    shared_url: str,
    services: Services,
    manager: MemberView,
    technicien: MemberView,
    capsys: pytest.CaptureFixture[str],
) -> None:
    client = await services.clients.create(manager, professional())
    await services.documents.create(manager, client.id, DocumentFamily.FACTURE)
    assert await asyncio.to_thread(main, ["account", "show", str(manager.account_id)]) == 0
    shown = capsys.readouterr().out
    assert shown.startswith(f"account #{manager.account_id} 'Dupont Chauffage', created ")
    assert "clients: 1 (and 0 in the Corbeille)" in shown
    assert "documents in progress: 1" in shown
    assert "1001  manager     fr  Marie Manager" in shown
    assert "1002  technicien  fr  Théo Technicien" in shown
    assert await asyncio.to_thread(main, ["account", "show", "42"]) == 1
    assert capsys.readouterr().err == "lokisi-bot: no account #42 (see `lokisi-bot account list`)\n"


def test_the_env_file_option_works_after_the_command_name_and_must_exist(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (workdir / "prod.env").write_text("WEBHOOK_PORT=0\n")
    assert main(["check", "--env-file", "prod.env"]) == 2
    assert "WEBHOOK_PORT: Input should be greater than or equal to 1" in capsys.readouterr().err
    assert main(["account", "list", "--env-file=prod.env"]) == 2
    assert "WEBHOOK_PORT" in capsys.readouterr().err
    assert main(["--env-file", "missing.env", "check"]) == 2
    assert capsys.readouterr().err == "lokisi-bot: --env-file missing.env: no such file\n"
    assert main(["db", "upgrade", "--env-file", "missing.env"]) == 2
    assert capsys.readouterr().err == "lokisi-bot: --env-file missing.env: no such file\n"


def test_check_on_a_fresh_clone_reports_every_problem_and_creates_nothing(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check"]) == 1
    output = capsys.readouterr()
    assert output.out.startswith("ok    configuration")
    problems = output.err.splitlines()
    assert problems == [
        f"lokisi-bot: no database at {workdir / 'var' / 'lokisi.sqlite3'}: run `lokisi-bot db "
        "upgrade` to create it, or set DATABASE_URL (relative paths start from the current "
        "folder)",
        f"lokisi-bot: {NO_TOKEN}",
    ]
    assert list(workdir.iterdir()) == []


def test_check_reports_an_unreachable_database_and_a_refused_token_together(
    workdir: Path,
    api: FakeBotApi,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql://u:pw@127.0.0.1:1/x")
    monkeypatch.setenv("TELEGRAM_API_BASE_URL", api.base_url)
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123:REVOKED")
    assert main(["check"]) == 2
    first, second = capsys.readouterr().err.splitlines()
    assert first.startswith(
        "lokisi-bot: database postgresql+asyncpg://u:***@127.0.0.1:1/x unreachable"
    )
    assert second == "lokisi-bot: Telegram refused TELEGRAM_BOT_TOKEN (revoked?)"
