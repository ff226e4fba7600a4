"""The console's life: its database migrated and seeded with the demo account, the real
application over the console's transport, then one typed line after another until /quit."""

from __future__ import annotations

from collections.abc import Callable
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
        while True:
            try:
                # Blocking on purpose: nothing else runs meanwhile, and Ctrl+C then stops
                # the console at once (a reading thread would outlive it).
                line = read("> ")
            except EOFError:
                break
            if not await console.handle(line):
                break
    finally:
        await close()
