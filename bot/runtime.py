"""Running the real bot: logging that never shows the token, commands and descriptions
registered in every language the bot speaks, long polling or a webhook through the inbox
(bot.inbox), the daily purges, and a clean stop on a signal."""

from __future__ import annotations

import asyncio
import logging
import signal
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any
from urllib.parse import quote, urlsplit

from pythonjsonlogger.json import JsonFormatter
from sqlalchemy.engine import make_url
from telegram import Bot, BotCommand, BotCommandScopeAllGroupChats, Update
from telegram.ext import Job

from bot.app import BotApplication
from bot.context import SETTINGS_KEY, BotContext
from bot.http_endpoints import Endpoints, Serving
from bot.i18n import t
from bot.inbox import inbox_of
from bot.languages import CODES
from bot.metrics import Metrics
from bot.settings import Settings
from lokisi.db import create_engine, is_sqlite
from lokisi.lookups import Lookups

log = logging.getLogger(__name__)

REDACTED = "<redacted>"
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
# Seconds asyncpg may take to connect before the database counts as unreachable.
CONNECT_TIMEOUT = 10
PURGE_INTERVAL = timedelta(days=1)
# APScheduler never fires a first run due "now" (it is already past once the job is added,
# so the run moves a whole interval on): the first purge is a second after start instead.
FIRST_PURGE = timedelta(seconds=1)

# The menu Telegram shows when the user types "/"; each command's text is `commands.<name>`.
COMMANDS = ("start", "menu", "aide", "cancel", "export")
# In groups the bot only sees commands and replies (privacy mode): these are the way in.
GROUP_COMMANDS = ("client", "aide", "cancel", "lier", "delier")


class RedactSecrets(logging.Filter):
    """Replace the secrets in every record, exception text included: HTTP clients log URLs,
    and the Bot API's URLs contain the token."""

    def __init__(self, secrets: Iterable[str]) -> None:
        super().__init__()
        found = {s for s in secrets if s}
        self._secrets = sorted(found | {quote(s, safe="") for s in found}, key=len, reverse=True)

    def redact(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, REDACTED)
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        if not self._secrets:
            return True
        record.msg = self.redact(record.getMessage())
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return True


class JsonLines(JsonFormatter):
    """One JSON object per record: time, level, logger, message (and exc_info)."""

    def __init__(self) -> None:
        super().__init__(
            "{asctime}{levelname}{name}{message}",
            style="{",
            rename_fields={"asctime": "time", "levelname": "level", "name": "logger"},
        )

    def format(self, record: logging.LogRecord) -> str:
        # The traceback as RedactSecrets left it in exc_text, not formatted again from
        # exc_info with the secrets in it.
        exc_info = record.exc_info
        if record.exc_text:
            record.exc_info = None
        try:
            return super().format(record)
        finally:
            record.exc_info = exc_info


def secrets_of(settings: Settings) -> list[str]:
    """What no log may show: the token, the webhook's secret, the database password."""
    found = [
        secret.get_secret_value()
        for secret in (settings.telegram_bot_token, settings.webhook_secret_token)
        if secret is not None
    ]
    password = make_url(settings.database_url).password
    return [*found, str(password)] if password else found


def configure_logging(
    settings: Settings, stream: Any = None, more_secrets: Iterable[str] = ()
) -> logging.Handler:
    """Log to stderr at the configured level, with the secrets redacted everywhere."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(
        JsonLines() if settings.log_format == "json" else logging.Formatter(LOG_FORMAT)
    )
    handler.addFilter(RedactSecrets([*secrets_of(settings), *more_secrets]))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(settings.log_level)
    # Python's warnings become records too: in the same format, redacted.
    logging.captureWarnings(True)
    # httpx logs every request URL at INFO: with the token in it, and one line per long poll.
    for noisy in ("httpx", "httpcore"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    return handler


def bot_commands(lang: str, names: Iterable[str]) -> list[BotCommand]:
    """The commands `names`, each with its `commands.<name>` text in `lang`."""
    return [BotCommand(name, t(lang, f"commands.{name}")) for name in names]


async def register_commands(bot: Bot, default_language: str) -> None:
    """Commands and descriptions in every language the bot speaks; users of other languages
    get the deployment's default language."""
    for language in (*CODES, None):
        lang = language or default_language
        await bot.set_my_commands(bot_commands(lang, COMMANDS), language_code=language)
        await bot.set_my_commands(
            bot_commands(lang, GROUP_COMMANDS),
            scope=BotCommandScopeAllGroupChats(),
            language_code=language,
        )
        # Shown on the bot's profile and before the first /start.
        await bot.set_my_description(t(lang, "commands.description"), language_code=language)
        # Shown on the profile page and when the bot is shared.
        await bot.set_my_short_description(
            t(lang, "commands.short_description"), language_code=language
        )


@dataclass(frozen=True)
class Webhook:
    """Where Telegram posts updates (public https URL) and where the bot listens for them."""

    url: str
    listen: str
    port: int
    secret_token: str

    @property
    def path(self) -> str:
        return urlsplit(self.url).path.strip("/")


async def serve(
    application: BotApplication,
    stop: asyncio.Event,
    webhook: Webhook | None,
    serving: Serving | None = None,
) -> None:
    """Receive updates until `stop` is set, then stop cleanly: the update being handled
    finishes and the persistence is written before the process exits.

    `serving` is the process's HTTP side (bot.http_endpoints), told that this application
    serves now; without it, a webhook gets a server of its own for the time of the call."""
    updater = application.updater
    if updater is None:
        raise RuntimeError("the application was built without an updater")
    settings: Settings = application.bot_data[SETTINGS_KEY]
    inbox = inbox_of(application)
    own_server: Endpoints | None = None
    async with application:
        if inbox is not None:
            # Before anything new: what a crash left stored and unhandled, in order.
            await inbox.replay(application.bot)
        await register_commands(application.bot, settings.default_language)
        if webhook is None:
            await updater.start_polling(allowed_updates=Update.ALL_TYPES)
        else:
            if serving is None:
                serving = Serving(metrics=getattr(application, "metrics", Metrics()))
                own_server = Endpoints(serving, webhook_path=webhook.path, operations=False)
                own_server.listen(webhook.listen, webhook.port)
            serving.secret_token = webhook.secret_token
            await application.bot.set_webhook(
                webhook.url, secret_token=webhook.secret_token, allowed_updates=Update.ALL_TYPES
            )
        await application.start()
        schedule_purge(application)
        if serving is not None:
            serving.application = application
        log.info(
            "@%s is running (%s); stop with Ctrl+C or SIGTERM",
            application.bot.username,
            f"webhook {webhook.url}" if webhook else "long polling",
        )
        try:
            await stop.wait()
        finally:
            log.info("stopping")
            if serving is not None:
                serving.application = None
            if own_server is not None:
                await own_server.close()
            if updater.running:
                await updater.stop()
            if application.running:
                await application.stop()


def schedule_purge(
    application: BotApplication, interval: timedelta | float = PURGE_INTERVAL
) -> Job[BotContext]:
    """The Corbeille's purge on the application's job queue: soon after start, then every
    `interval` (seconds, or a timedelta). A run that fails goes to the error handler and the
    next run happens all the same. To be called once the application has started: the job
    queue only runs in a started application (not in the console, nor in tests that only
    process updates)."""
    jobs = application.job_queue
    if jobs is None:
        raise RuntimeError("python-telegram-bot was installed without its job-queue extra")
    return jobs.run_repeating(
        purge_trash,
        interval=interval,
        first=FIRST_PURGE,
        name="purge_trash",
        # Late (an event loop busy for over a second) is better than skipped for a day.
        job_kwargs={"misfire_grace_time": None},
    )


async def purge_trash(context: BotContext) -> None:
    """Clients deleted more than 30 days ago lose their personal data; the inbox forgets the
    updates handled days ago."""
    purged = await context.services.trash.purge_expired()
    if purged:
        log.info("purged %d client(s) deleted more than 30 days ago", purged)
    await context.services.inbox.forget_handled()


def engine_for(settings: Settings) -> Any:
    """An engine that gives up on an unreachable PostgreSQL in seconds, not minutes."""
    if is_sqlite(settings.database_url):
        return create_engine(settings.database_url)
    return create_engine(settings.database_url, connect_args={"timeout": CONNECT_TIMEOUT})


def lookups_for(settings: Settings) -> Lookups:
    """The public registers the settings turn on (COMPANY_LOOKUP_URL, GEOCODER_URL)."""
    return Lookups.over(settings.company_lookup_url, settings.geocoder_url)


def stop_on_signals(stop: asyncio.Event) -> None:
    """SIGINT and SIGTERM ask for a clean stop (systemd, Docker and Ctrl+C alike)."""
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
