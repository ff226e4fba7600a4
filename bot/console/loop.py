"""The console's life: its database migrated and seeded with the demo account, the real
application over the console's transport, then one typed line after another until /quit."""

from __future__ import annotations

import contextlib
import signal
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot import runtime
from bot.app import build_application
from bot.console.chat import Console
from bot.console.screen import Screen
from bot.console.transport import ConsoleTransport
from bot.demo import demo_member
from bot.languages import DEFAULT_LANGUAGE
from bot.settings import Settings
from lokisi import migrate
from lokisi.db import create_engine, session_factory
from lokisi.enums import Role
from lokisi.services import Services

DEMO_DATABASE = Path("var") / "demo.sqlite3"


@dataclass(frozen=True)
class ConsoleOptions:
    database_url: str
    role: Role = Role.MANAGER
    language: str = DEFAULT_LANGUAGE
    files: Path = Path("var") / "console-files"
    # Lines typed in earlier sessions, for the arrow keys (in a terminal only).
    history: Path = Path("var") / "console-history"


def console_settings(settings: Settings, options: ConsoleOptions) -> Settings:
    """The deployment's settings over the console's own database, with no Telegram in sight."""
    return settings.model_copy(
        update={
            "database_url": options.database_url,
            "rate_limit": False,
            "telegram_bot_token": None,
        }
    )


async def open_console(
    settings: Settings, options: ConsoleOptions, write: Callable[[str], None]
) -> tuple[Console, Callable[[], Any]]:
    """A ready console over a migrated, seeded database, and the coroutine function that
    closes it (persistence written, engine released)."""
    settings = console_settings(settings, options)
    engine = create_engine(settings.database_url)
    await migrate.upgrade(engine)
    lookups = runtime.lookups_for(settings)
    services = Services.over(session_factory(engine), lookups)
    member = await demo_member(services, options.role)
    screen = Screen(write=write, files=options.files)
    application = build_application(
        settings, services, request=ConsoleTransport(screen), with_updater=False
    )
    await application.initialize()

    async def close() -> None:
        await application.shutdown()
        await lookups.aclose()
        await engine.dispose()

    return Console(application, screen, services, member, options.language), close


async def run_console(
    settings: Settings,
    options: ConsoleOptions,
    read: Callable[[str], str] = input,
    write: Callable[[str], None] = print,
) -> None:
    """Talk to the bot until /quit, Ctrl+D or Ctrl+C."""
    console, close = await open_console(settings, options, write)
    try:
        write(console.banner())
        with line_editing(options.history if read is input else None):
            while True:
                try:
                    with interrupted_at_once():
                        # Blocking on purpose: nothing else runs meanwhile (a reading thread
                        # would outlive the console).
                        line = read("> ")
                except (EOFError, KeyboardInterrupt):
                    write("")
                    break
                if not await console.handle(line):
                    break
    finally:
        await close()


@contextlib.contextmanager
def interrupted_at_once() -> Iterator[None]:
    """Ctrl+C raises KeyboardInterrupt in the blocked read: asyncio's own handler would only
    cancel the task, which waits for the read to end (an Enter, or a second Ctrl+C)."""
    try:
        previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    except ValueError:  # not the main thread: nothing to change
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


@contextlib.contextmanager
def line_editing(history: Path | None) -> Iterator[None]:
    """In a terminal, arrow keys edit the line and walk through the lines typed before, in
    this session and the earlier ones (readline, where the platform has it)."""
    if history is None or not sys.stdin.isatty():
        yield
        return
    try:
        import readline
    except ImportError:
        yield
        return
    with contextlib.suppress(OSError):
        readline.read_history_file(history)
    readline.set_history_length(1000)
    try:
        yield
    finally:
        history.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(OSError):
            readline.write_history_file(history)
