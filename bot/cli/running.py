"""Running the bot: `start` (the bot, or the console without a token), `run` (long polling
or a webhook) and `console` (the real handlers in the terminal, on demo data)."""

from __future__ import annotations

import argparse
import asyncio
import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from pydantic import SecretStr
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncEngine
from telegram.error import InvalidToken, NetworkError

from bot import runtime
from bot.app import build_application
from bot.cli.configuration import connected, reason, revalidated, services_over, shown_url
from bot.cli.failures import NO_TOKEN, SHARED_SECRET_NEEDED, ConfigurationError
from bot.console import DEMO_DATABASE, ConsoleOptions, run_console
from bot.demo import NotADemoDatabase
from bot.http_endpoints import Endpoints, Serving
from bot.leadership import AlreadyRunning, leadership_for
from bot.metrics import Metrics
from bot.settings import Settings
from bot.standby import lead_or_stand_by
from lokisi.db import is_sqlite


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
    """Run the bot until SIGINT or SIGTERM: as the leader, or as a standby (bot.standby)."""
    token = settings.telegram_bot_token
    if token is None:
        raise ConfigurationError(NO_TOKEN)
    webhook = _webhook(args, settings)
    runtime.configure_logging(settings, more_secrets=[webhook.secret_token] if webhook else [])
    secret_configured = bool(getattr(args, "secret_token", None) or settings.webhook_secret_token)

    def refuse_a_random_secret() -> None:
        if webhook is not None and not secret_configured:
            raise ConfigurationError(SHARED_SECRET_NEEDED)

    async def main() -> None:
        stop = asyncio.Event()
        runtime.stop_on_signals(stop)
        leadership = leadership_for(
            settings.database_url, bot_id(token), on_standby=refuse_a_random_secret
        )
        if is_sqlite(settings.database_url):
            # SQLite's one process: a second one is refused before it migrates or listens.
            await leadership.acquire(stop)
        async with (
            connected(settings, upgrade=True) as engine,
            services_over(engine, settings) as services,
        ):
            metrics = Metrics()
            metrics.watch_pool(engine)
            serving = Serving(metrics, probe=lambda: _ping(engine))
            if webhook is not None:
                # Refused (403) before a standby says it is one (503).
                serving.secret_token = webhook.secret_token
            async with endpoints_for(settings, webhook, serving):
                await lead_or_stand_by(
                    leadership,
                    lambda: build_application(settings, services, metrics=metrics),
                    lambda application, term: runtime.serve(application, term, webhook, serving),
                    stop,
                    metrics,
                )

    try:
        asyncio.run(main())
    except AlreadyRunning as refused:
        raise ConfigurationError(str(refused)) from None
    except InvalidToken:
        raise ConfigurationError("Telegram refused TELEGRAM_BOT_TOKEN (revoked?)") from None
    except NetworkError as error:
        raise ConfigurationError(
            f"cannot reach the Bot API at {settings.telegram_api_base_url}: {error}"
        ) from None
    return 0


@asynccontextmanager
async def endpoints_for(
    settings: Settings, webhook: runtime.Webhook | None, serving: Serving
) -> AsyncIterator[None]:
    """The HTTP side: the webhook with health and metrics beside it, or health and metrics on
    METRICS_PORT (then the webhook's port has the webhook only); nothing in polling mode
    without METRICS_PORT."""
    servers: list[tuple[Endpoints, str, int]] = []
    apart = settings.metrics_port is not None
    if webhook is not None:
        server = Endpoints(serving, webhook_path=webhook.path, operations=not apart)
        servers.append((server, webhook.listen, webhook.port))
    if apart:
        assert settings.metrics_port is not None
        servers.append((Endpoints(serving), settings.metrics_listen, settings.metrics_port))
    try:
        for server, address, port in servers:
            try:
                server.listen(address, port)
            except OSError as error:
                raise ConfigurationError(
                    f"cannot listen on {address}:{port}: {error.strerror}"
                ) from None
        yield
    finally:
        for server, _, _ in servers:
            await server.close()


async def _ping(engine: AsyncEngine) -> None:
    async with engine.connect() as connection:
        await connection.execute(text("SELECT 1"))


def bot_id(token: SecretStr) -> int:
    """The bot's numeric id, the part of its token before the colon."""
    return int(token.get_secret_value().partition(":")[0])


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
        # Telegram is told the token at each start, so a fresh random one is as good for a
        # process alone; processes taking over from each other need one they share.
        secret_token=secret.get_secret_value() if secret else secrets.token_urlsafe(32),
    )


def cmd_console(args: argparse.Namespace, settings: Settings) -> int:
    """Talk to the real handlers in the terminal, as a demo member."""
    url = args.database or f"sqlite+aiosqlite:///{DEMO_DATABASE}"
    checked = revalidated(settings, {"database_url": url})
    if args.database and checked.database_url == settings.database_url:
        raise ConfigurationError(
            "--database is the bot's own database (DATABASE_URL): the console works on a "
            f"demo database of its own (default: {DEMO_DATABASE})"
        )
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
    except NotADemoDatabase as refused:
        raise ConfigurationError(
            f"the console seeds only a database of its own, and {shown_url(checked.database_url)} "
            f"is not one: {refused}"
        ) from None
    return 0
