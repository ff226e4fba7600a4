"""Running the bot: `start` (the bot, or the console without a token), `run` (long polling
or a webhook) and `console` (the real handlers in the terminal, on demo data)."""

from __future__ import annotations

import argparse
import asyncio
import secrets

from sqlalchemy.exc import SQLAlchemyError
from telegram.error import InvalidToken, NetworkError

from bot import runtime
from bot.app import build_application
from bot.cli.configuration import database, reason, revalidated, shown_url
from bot.cli.failures import NO_TOKEN, ConfigurationError
from bot.console import DEMO_DATABASE, ConsoleOptions, run_console
from bot.settings import Settings


def cmd_start(args: argparse.Namespace, settings: Settings) -> int:
    """The bot if a token is configured, else the console on demo data."""
    if settings.telegram_bot_token is None:
        print(
            "No TELEGRAM_BOT_TOKEN configured: starting the local console on demo data "
            f"({args.database or DEMO_DATABASE}). Put a token in .env to run the real bot.",
            flush=True,
        )
        return cmd_console(args, settings)
    return cmd_run(args, settings)


def cmd_run(args: argparse.Namespace, settings: Settings) -> int:
    """Run the bot until SIGINT or SIGTERM."""
    if settings.telegram_bot_token is None:
        raise ConfigurationError(NO_TOKEN)
    webhook = _webhook(args, settings)
    runtime.configure_logging(settings, more_secrets=[webhook.secret_token] if webhook else [])

    async def main() -> None:
        stop = asyncio.Event()
        runtime.stop_on_signals(stop)
        async with database(settings, upgrade=True) as services:
            application = build_application(settings, services)
            try:
                await runtime.serve(application, stop, webhook)
            except InvalidToken:
                raise ConfigurationError("Telegram refused TELEGRAM_BOT_TOKEN (revoked?)") from None
            except NetworkError as error:
                raise ConfigurationError(
                    f"cannot reach the Bot API at {settings.telegram_api_base_url}: {error}"
                ) from None
            except OSError as error:
                if webhook is None:
                    raise
                raise ConfigurationError(
                    f"cannot listen on {webhook.listen}:{webhook.port}: {error.strerror}"
                ) from None

    asyncio.run(main())
    return 0


def _webhook(args: argparse.Namespace, settings: Settings) -> runtime.Webhook | None:
    """Webhook mode if asked on the command line or configured with WEBHOOK_URL."""
    url = getattr(args, "webhook_url", None) or settings.webhook_url
    if getattr(args, "polling", False) or not (getattr(args, "webhook", False) or url):
        return None
    if url is None:
        raise ConfigurationError("--webhook needs a public https URL: WEBHOOK_URL or --webhook-url")
    overrides = {"webhook_url": url}
    if getattr(args, "port", None) is not None:
        overrides["webhook_port"] = args.port
    if getattr(args, "listen", None):
        overrides["webhook_listen"] = args.listen
    if getattr(args, "secret_token", None):
        overrides["webhook_secret_token"] = args.secret_token
    checked = revalidated(settings, overrides)
    secret = checked.webhook_secret_token
    return runtime.Webhook(
        url=url,
        listen=checked.webhook_listen,
        port=checked.webhook_port,
        # Telegram is told the token at each start, so a fresh random one is as good.
        secret_token=secret.get_secret_value() if secret else secrets.token_urlsafe(32),
    )


def cmd_console(args: argparse.Namespace, settings: Settings) -> int:
    """Talk to the real handlers in the terminal, as a demo member."""
    url = args.database or f"sqlite+aiosqlite:///{DEMO_DATABASE}"
    checked = revalidated(settings, {"database_url": url})
    runtime.configure_logging(checked.model_copy(update={"log_level": "WARNING"}))
    options = ConsoleOptions(
        database_url=checked.database_url,
        role=args.role,
        language=args.lang or settings.default_language,
    )
    try:
        asyncio.run(run_console(checked, options))
    except KeyboardInterrupt:
        print()
    except (OSError, SQLAlchemyError) as error:
        raise ConfigurationError(
            f"database {shown_url(checked.database_url)} unreachable: {reason(error)}"
        ) from None
    return 0
