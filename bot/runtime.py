"""Running the real bot: logging that never shows the token, commands and descriptions
registered in French and English, long polling or a webhook, and a clean stop on a signal."""

from __future__ import annotations

import asyncio
import logging
import signal
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlsplit

from sqlalchemy.engine import make_url
from telegram import Bot, BotCommand, BotCommandScopeAllGroupChats, Update

from bot.app import BotApplication
from bot.context import SERVICES_KEY, SETTINGS_KEY
from bot.settings import Settings
from lokisi.db import create_engine, is_sqlite
from lokisi.services import Services

log = logging.getLogger(__name__)

REDACTED = "<redacted>"
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
# Seconds asyncpg may take to connect before the database counts as unreachable.
CONNECT_TIMEOUT = 10
PURGE_INTERVAL = 24 * 60 * 60

# (command, description): the menu Telegram shows when the user types "/".
COMMANDS: dict[str, list[tuple[str, str]]] = {
    "fr": [
        ("start", "Menu principal"),
        ("menu", "Menu principal"),
        ("cancel", "Abandonner la saisie en cours"),
        ("export", "Exporter les clients (CSV et Excel), managers"),
    ],
    "en": [
        ("start", "Main menu"),
        ("menu", "Main menu"),
        ("cancel", "Abandon the form in progress"),
        ("export", "Export the clients (CSV and Excel), managers"),
    ],
}
# In groups the bot only sees commands and replies (privacy mode): these are the way in.
GROUP_COMMANDS: dict[str, list[tuple[str, str]]] = {
    "fr": [
        ("client", "Chercher un client : /client dupont"),
        ("cancel", "Abandonner la saisie en cours"),
        ("lier", "Lier ce groupe au compte LoKisi (managers)"),
        ("delier", "Délier ce groupe (managers)"),
    ],
    "en": [
        ("client", "Find a client: /client dupont"),
        ("cancel", "Abandon the form in progress"),
        ("lier", "Link this group to the LoKisi account (managers)"),
        ("delier", "Unlink this group (managers)"),
    ],
}
# Shown on the bot's profile and before the first /start (512 characters at most).
DESCRIPTIONS = {
    "fr": (
        "LoKisi — gérez vos fiches clients depuis Telegram : rechercher un client, l'appeler, "
        "le localiser, créer un client, une intervention, une location, une vente ou une "
        "facture. Réservé aux membres d'un compte LoKisi."
    ),
    "en": (
        "LoKisi — manage your client records from Telegram: find a client, call them, "
        "locate them, create a client, an intervention, a rental, a sale or an invoice. "
        "For members of a LoKisi account."
    ),
}
# Shown on the profile page and when the bot is shared (120 characters at most).
SHORT_DESCRIPTIONS = {
    "fr": "Vos fiches clients LoKisi, dans Telegram.",
    "en": "Your LoKisi client records, in Telegram.",
}


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
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    handler.addFilter(RedactSecrets([*secrets_of(settings), *more_secrets]))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(settings.log_level)
    # httpx logs every request URL at INFO: with the token in it, and one line per long poll.
    for noisy in ("httpx", "httpcore"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    return handler


async def register_commands(bot: Bot, default_language: str) -> None:
    """Commands and descriptions in French and English; users of other languages get the
    deployment's default language."""
    for language in (*COMMANDS, None):
        texts = language or default_language
        commands = [BotCommand(name, description) for name, description in COMMANDS[texts]]
        await bot.set_my_commands(commands, language_code=language)
        in_groups = [BotCommand(name, text) for name, text in GROUP_COMMANDS[texts]]
        await bot.set_my_commands(
            in_groups, scope=BotCommandScopeAllGroupChats(), language_code=language
        )
        await bot.set_my_description(DESCRIPTIONS[texts], language_code=language)
        await bot.set_my_short_description(SHORT_DESCRIPTIONS[texts], language_code=language)


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


async def serve(application: BotApplication, stop: asyncio.Event, webhook: Webhook | None) -> None:
    """Receive updates until `stop` is set, then stop cleanly: the update being handled
    finishes and the persistence is written before the process exits."""
    updater = application.updater
    if updater is None:
        raise RuntimeError("the application was built without an updater")
    settings: Settings = application.bot_data[SETTINGS_KEY]
    async with application:
        await register_commands(application.bot, settings.default_language)
        if webhook is None:
            await updater.start_polling(allowed_updates=Update.ALL_TYPES)
        else:
            await updater.start_webhook(
                listen=webhook.listen,
                port=webhook.port,
                url_path=webhook.path,
                webhook_url=webhook.url,
                secret_token=webhook.secret_token,
                allowed_updates=Update.ALL_TYPES,
            )
        await application.start()
        purging = asyncio.create_task(purge_trash_daily(application.bot_data[SERVICES_KEY]))
        log.info(
            "@%s is running (%s); stop with Ctrl+C or SIGTERM",
            application.bot.username,
            f"webhook {webhook.url}" if webhook else "long polling",
        )
        try:
            await stop.wait()
        finally:
            log.info("stopping")
            purging.cancel()
            if updater.running:
                await updater.stop()
            if application.running:
                await application.stop()


async def purge_trash_daily(services: Services) -> None:
    """Clients deleted more than 30 days ago lose their personal data: at start, then daily."""
    while True:
        purged = await services.trash.purge_expired()
        if purged:
            log.info("purged %d client(s) deleted more than 30 days ago", purged)
        await asyncio.sleep(PURGE_INTERVAL)


def engine_for(settings: Settings) -> Any:
    """An engine that gives up on an unreachable PostgreSQL in seconds, not minutes."""
    if is_sqlite(settings.database_url):
        return create_engine(settings.database_url)
    return create_engine(settings.database_url, connect_args={"timeout": CONNECT_TIMEOUT})


def stop_on_signals(stop: asyncio.Event) -> None:
    """SIGINT and SIGTERM ask for a clean stop (systemd, Docker and Ctrl+C alike)."""
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
