"""The local console: the real handlers in a terminal, on demo data."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from telegram import Update

from bot import demo
from bot.cli import main
from bot.console import Console, ConsoleOptions, open_console, run_console
from bot.demo import NotADemoDatabase
from bot.settings import Settings
from lokisi import migrate
from lokisi.db import create_engine, session_factory
from lokisi.enums import Role
from lokisi.services import Services

LOKISI_BOT = str(Path(sys.executable).with_name("lokisi-bot"))


class Terminal:
    """What the console wrote, line by line."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def write(self, text: str) -> None:
        self.lines.extend(text.splitlines())

    def since(self, start: int) -> str:
        return "\n".join(self.lines[start:])

    def number_of(self, label: str) -> str:
        """The number the console gave to the button with this label, in its latest keyboard."""
        for line in reversed(self.lines):
            for cell in line.split("   "):
                number, _, shown = cell.strip().partition("] ")
                if shown == label:
                    return number.lstrip("[")
        raise AssertionError(f"no button {label!r} in:\n{self.since(-10)}")


def options(tmp_path: Path, role: Role = Role.MANAGER) -> ConsoleOptions:
    return ConsoleOptions(
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'demo.sqlite3'}", role=role, files=tmp_path
    )


def settings() -> Settings:
    return Settings(_env_file=None)  # type: ignore[call-arg]


@pytest.fixture
def terminal() -> Terminal:
    return Terminal()


@pytest.fixture
async def console(tmp_path: Path, terminal: Terminal) -> AsyncIterator[Console]:
    opened, close = await open_console(settings(), options(tmp_path), terminal.write)
    yield opened
    await close()


async def test_the_menu_comes_with_numbered_buttons(console: Console, terminal: Terminal) -> None:
    await console.handle("/start")
    shown = terminal.since(0)
    assert "Démo LoKisi" in shown
    assert "[1] + Nouveau client" in shown
    assert "⚙️ Réglages" in shown, "the demo member is a manager by default"


async def test_typing_a_number_presses_that_button(console: Console, terminal: Terminal) -> None:
    await console.handle("/start")
    start = len(terminal.lines)
    await console.handle(terminal.number_of("🔎 Rechercher"))
    assert "Tapez une partie du nom" in terminal.since(start)


async def test_a_client_is_created_by_pressing_numbers_and_typing(
    console: Console, terminal: Terminal
) -> None:
    await console.handle("/start")
    await console.handle(terminal.number_of("+ Nouveau client"))
    await console.handle(terminal.number_of("Oui"))
    await console.handle("Plomberie Martin")
    start = len(terminal.lines)
    await console.handle(f"/press {terminal.number_of('💾 Enregistrer')}")
    assert "CLI-000031" in terminal.since(start)
    found = await console.services.clients.search(console.member, "Plomberie")
    assert [client.name for client in found.items] == ["Plomberie Martin"]


async def test_a_form_left_in_one_session_goes_on_in_the_next(
    tmp_path: Path, terminal: Terminal
) -> None:
    first, close = await open_console(settings(), options(tmp_path), terminal.write)
    await first.handle("/start")
    await first.handle(terminal.number_of("+ Nouveau client"))
    await first.handle(terminal.number_of("Oui"))
    await first.handle("Plomberie Martin")
    await close()
    second, close = await open_console(settings(), options(tmp_path), terminal.write)
    start = len(terminal.lines)
    await second.handle("06 12 34 56 78")
    await close()
    resumed = terminal.since(start)
    assert "Plomberie Martin" in resumed and "+33 6 12 34 56 78" in resumed


async def test_a_number_that_is_no_button_is_sent_as_text(
    console: Console, terminal: Terminal, monkeypatch: pytest.MonkeyPatch
) -> None:
    await console.handle("/start")
    received: list[Update] = []
    process = console.application.process_update

    async def spy(update: object) -> None:
        assert isinstance(update, Update)
        received.append(update)
        await process(update)

    monkeypatch.setattr(console.application, "process_update", spy)
    await console.handle("69002")
    assert [u.message.text for u in received if u.message] == ["69002"]


async def test_the_demo_member_can_be_switched(console: Console, terminal: Terminal) -> None:
    await console.handle("/as technicien")
    await console.handle("/start")
    shown = terminal.since(0)
    assert "You are Théo Bernard (technicien)" in shown
    assert "+ Nouveau client" in shown and "Réglages" not in shown


async def test_console_commands_explain_their_usage(console: Console, terminal: Terminal) -> None:
    for line in ("/location here", "/contact", "/as boss", "/press 9"):
        await console.handle(line)
    assert [line.strip() for line in terminal.lines] == [
        "(usage: /location 45.76 4.83)",
        "(usage: /contact +33612345678 First Last)",
        "(usage: /as manager  or  /as technicien)",
        "(no button 9: see the numbers in [ ])",
    ]


async def test_the_demo_is_seeded_once(tmp_path: Path, terminal: Terminal) -> None:
    for _ in range(2):
        opened, close = await open_console(settings(), options(tmp_path), terminal.write)
        page = await opened.services.clients.list_page(opened.member, limit=100)
        await close()
        assert len(page.items) == len(demo.CLIENTS) == 30


async def test_the_console_reads_lines_until_quit(tmp_path: Path, terminal: Terminal) -> None:
    typed: Iterator[str] = iter(["/start", "/quit", "never read"])
    await run_console(settings(), options(tmp_path), lambda prompt: next(typed), terminal.write)
    assert terminal.lines[0].startswith("You are Marie Martin (manager)")
    assert "[1] + Nouveau client" in terminal.since(0)
    assert next(typed) == "never read"


def test_start_without_a_token_opens_the_console_and_says_so_first(tmp_path: Path) -> None:
    done = subprocess.run(
        [LOKISI_BOT, "start", "--database", f"sqlite:///{tmp_path / 'demo.sqlite3'}"],
        input="/start\n",
        env={"PATH": "/usr/bin:/bin"},
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    first_line, rest = done.stdout.split("\n", 1)
    assert first_line.startswith("No TELEGRAM_BOT_TOKEN configured: starting the local console")
    assert "[1] + Nouveau client" in rest


async def test_the_console_schedules_no_purge(console: Console) -> None:
    # The Corbeille's purge is the running bot's job; the console only processes updates.
    assert console.application.job_queue
    assert console.application.job_queue.jobs() == ()


async def test_ctrl_c_leaves_at_once_and_keeps_what_was_typed(
    tmp_path: Path, terminal: Terminal
) -> None:
    typed = iter(["/start"])

    def read(prompt: str) -> str:
        line = next(typed, None)
        if line is None:
            raise KeyboardInterrupt
        return line

    await run_console(settings(), options(tmp_path), read, terminal.write)
    assert "[1] + Nouveau client" in terminal.since(0)


async def test_the_latest_buttons_are_shown_again_after_other_messages(
    console: Console, terminal: Terminal
) -> None:
    await console.handle("/start")
    await console.handle(terminal.number_of("📋 Clients"))
    await console.handle(terminal.number_of(terminal_first_client(terminal)))
    start = len(terminal.lines)
    await console.handle(terminal.number_of("📞 Appeler"))
    shown = terminal.since(start)
    assert "📇" in shown and "(buttons)" in shown
    assert "📞 Appeler" in shown.split("(buttons)")[1]


def terminal_first_client(terminal: Terminal) -> str:
    for line in reversed(terminal.lines):
        if "[1] " in line and "CLI-" in line:
            return line.split("[1] ", 1)[1].split("   ")[0]
    raise AssertionError("no client listed")


async def test_the_group_and_its_topics_are_playable(console: Console, terminal: Terminal) -> None:
    await console.handle("/topic 3")
    await console.handle("/lier")
    assert "Groupe lié au compte « Démo LoKisi »" in terminal.since(0)
    assert "in Équipe Démo LoKisi, topic 3" in terminal.since(0)
    await console.handle("/menu")
    await console.handle(terminal.number_of("+ Nouveau client"))
    await console.handle(terminal.number_of("Oui"))
    start = len(terminal.lines)
    # Typed in the group, the text answers the bot's question, as on a phone.
    await console.handle("Plomberie du Sujet")
    assert "Raison sociale : Plomberie du Sujet" in terminal.since(start)
    found = await console.services.clients.search(console.member, "Plomberie du Sujet")
    assert found.items == ()
    await console.handle(terminal.number_of("💾 Enregistrer"))
    found = await console.services.clients.search(console.member, "Plomberie du Sujet")
    assert [c.name for c in found.items] == ["Plomberie du Sujet"]
    await console.handle("/private")
    await console.handle("/menu")
    assert "in Équipe" not in terminal.lines[-8]


async def test_inline_results_are_shown(console: Console, terminal: Terminal) -> None:
    await console.handle("/inline boulangerie")
    assert "(inline: " in terminal.since(0)
    assert "Telegram only" not in terminal.since(0)


async def test_the_person_picker_is_playable(console: Console, terminal: Terminal) -> None:
    await console.handle("/start")
    await console.handle(terminal.number_of("✉️ Inviter"))
    await console.handle(terminal.number_of("👷 Un technicien"))
    assert "⌨️" in terminal.since(0) and "/pick USER_ID First Last" in terminal.since(0)
    start = len(terminal.lines)
    await console.handle("/pick 4004 Paul Durand")
    assert "Paul Durand" in terminal.since(start)


async def test_export_files_never_overwrite_earlier_ones(
    console: Console, terminal: Terminal, tmp_path: Path
) -> None:
    await console.handle("/export")
    await console.handle("/export")
    saved = [line.split("📎 ", 1)[1] for line in terminal.lines if "📎 " in line]
    csvs = [name for name in saved if name.endswith(".csv")]
    assert len(csvs) == 2 and csvs[0] != csvs[1]


async def test_the_console_seeds_no_database_that_has_other_accounts(
    tmp_path: Path, terminal: Terminal
) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'company.sqlite3'}"
    engine = create_engine(url)
    await migrate.upgrade(engine)
    services = Services.over(session_factory(engine))
    await services.accounts.create_account(
        "Dupont Chauffage", manager_telegram_id=1001, manager_name="Marie"
    )
    with pytest.raises(NotADemoDatabase, match="1 account\\(s\\) \\('Dupont Chauffage'\\)"):
        await open_console(settings(), ConsoleOptions(database_url=url), terminal.write)
    assert [a.name for a in await services.accounts.overview()] == ["Dupont Chauffage"]
    await engine.dispose()


def test_the_console_refuses_the_bot_s_own_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'lokisi.sqlite3'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.chdir(tmp_path)
    assert main(["console", "--database", url]) == 2
    assert capsys.readouterr().err.startswith("lokisi-bot: --database is the bot's own database")
    assert not (tmp_path / "lokisi.sqlite3").exists()


async def test_a_photo_is_attached_to_the_open_card_and_shown_back(
    console: Console, terminal: Terminal
) -> None:
    await console.handle("/start")
    await console.handle(terminal.number_of("📋 Clients"))
    await console.handle("1")
    await console.handle("/photo Compteur")
    assert "📎 Joindre 1 photo à" in terminal.since(-4)
    await console.handle(terminal.number_of("Oui"))
    await console.handle(terminal.number_of("📎 Voir les pièces"))
    start = len(terminal.lines)
    await console.handle("1")
    shown = terminal.since(start)
    assert "📎 photo console-photo-" in shown and "Légende : Compteur" in shown
