"""Setting a deployment up: `db upgrade` and `check` (configuration, database, migrations and
token, every problem in one run)."""

from __future__ import annotations

import argparse
import asyncio
import sys

from telegram import Bot
from telegram.error import InvalidToken, TelegramError

from bot.cli.configuration import database, shown_url
from bot.cli.failures import (
    CONFIG_ERROR,
    NO_TOKEN,
    NOT_RIGHT,
    PROG,
    ConfigurationError,
    Failure,
)
from bot.settings import Settings


def cmd_db_upgrade(args: argparse.Namespace, settings: Settings) -> int:
    """Create or migrate the database to the current model."""

    async def main() -> None:
        async with database(settings, upgrade=True):
            pass

    asyncio.run(main())
    print(f"database {shown_url(settings.database_url)} is up to date")
    return 0


def cmd_check(args: argparse.Namespace, settings: Settings) -> int:
    """Configuration, database, migrations and token, each on its own line; every problem
    is reported, and the exit code is the first one's."""
    print(f"ok    configuration (database {shown_url(settings.database_url)})")
    problems: list[Exception] = []

    async def main() -> None:
        try:
            async with database(settings, upgrade=False):
                print("ok    database reachable and at the newest migration")
        except (ConfigurationError, Failure) as problem:
            problems.append(problem)
        try:
            if settings.telegram_bot_token is None:
                raise ConfigurationError(NO_TOKEN)
            username = await _bot_username(settings)
            print(f"ok    token accepted by Telegram: the bot is @{username}")
        except ConfigurationError as problem:
            problems.append(problem)

    asyncio.run(main())
    for problem in problems:
        print(f"{PROG}: {problem}", file=sys.stderr)
    if not problems:
        return 0
    return CONFIG_ERROR if isinstance(problems[0], ConfigurationError) else NOT_RIGHT


async def _bot_username(settings: Settings) -> str:
    assert settings.telegram_bot_token is not None
    bot = Bot(
        settings.telegram_bot_token.get_secret_value(), base_url=settings.telegram_api_base_url
    )
    try:
        async with bot:
            return bot.username
    except InvalidToken:
        raise ConfigurationError("Telegram refused TELEGRAM_BOT_TOKEN (revoked?)") from None
    except TelegramError as error:
        raise ConfigurationError(
            f"cannot reach the Bot API at {settings.telegram_api_base_url}: {error}"
        ) from None
