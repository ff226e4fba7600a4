"""Setting a deployment up: `db upgrade`, `account create` (the first manager) and `check`
(configuration, database and token)."""

from __future__ import annotations

import argparse
import asyncio

from telegram import Bot
from telegram.error import InvalidToken, TelegramError

from bot.cli.configuration import database, shown_url
from bot.cli.failures import NO_TOKEN, ConfigurationError, Failure
from bot.settings import Settings
from lokisi.errors import AlreadyMember


def cmd_db_upgrade(args: argparse.Namespace, settings: Settings) -> int:
    """Create or migrate the database to the current model."""

    async def main() -> None:
        async with database(settings, upgrade=True):
            pass

    asyncio.run(main())
    print(f"database {shown_url(settings.database_url)} is up to date")
    return 0


def cmd_account_create(args: argparse.Namespace, settings: Settings) -> int:
    """Create an account with its first manager."""

    async def main() -> str:
        async with database(settings, upgrade=True) as services:
            try:
                account, member = await services.accounts.create_account(
                    args.name,
                    manager_telegram_id=args.manager,
                    manager_name=args.manager_name or f"Manager {args.manager}",
                    language=args.language,
                )
            except AlreadyMember as refused:
                raise Failure(
                    f"Telegram user {args.manager} is already a member of "
                    f"account {refused.account_name!r}"
                ) from None
        return (
            f"account #{account.id} {account.name!r} created; its manager is Telegram user "
            f"{member.telegram_user_id} ({member.name}), who can now send /start to the bot"
        )

    print(asyncio.run(main()))
    return 0


def cmd_check(args: argparse.Namespace, settings: Settings) -> int:
    """Configuration, database and token, each on its own line."""
    print(f"ok    configuration (database {shown_url(settings.database_url)})")

    async def main() -> None:
        async with database(settings, upgrade=False):
            print("ok    database reachable and at the newest migration")
        if settings.telegram_bot_token is None:
            raise ConfigurationError(NO_TOKEN)
        username = await _bot_username(settings)
        print(f"ok    token accepted by Telegram: the bot is @{username}")

    asyncio.run(main())
    return 0


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
