"""The application factory: production, tests and the console build the same bot."""

from __future__ import annotations

from typing import Any

from telegram import LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    BasePersistence,
    ContextTypes,
    Defaults,
    TypeHandler,
)
from telegram.request import BaseRequest

from bot import form_replay
from bot.context import EXPORTER_KEY, SERVICES_KEY, SETTINGS_KEY, BotContext
from bot.errors import on_error
from bot.export_builder import Exporter
from bot.feed import ActivityFeed
from bot.form_routing import exits
from bot.form_steps import FORM_NAME, form_states
from bot.handlers import handler_modules
from bot.inbox import InboxQueue
from bot.metrics import MeteredApplication, Metrics, name_handlers
from bot.persistence import SqlPersistence, persist_now
from bot.settings import Settings
from bot.transport import AiohttpRequest
from bot.update_processor import PerUserUpdateProcessor
from lokisi.services import Services

# Tests and the console need no real token; Telegram is never reached with it.
OFFLINE_TOKEN = "0:offline"

BotApplication = Application[Any, BotContext, Any, Any, Any, Any]


class LokisiApplication(MeteredApplication):
    """The bot's application: measured (bot.metrics), its export worker stopped with it."""

    async def shutdown(self) -> None:
        try:
            await super().shutdown()
        finally:
            exporter: Exporter | None = self.bot_data.get(EXPORTER_KEY)
            if exporter is not None:
                exporter.close()


# The handler groups before the bot's own handlers, first of all whatever else is added:
# bot.form_replay's, then bot.form_routing.exits'.
REPLAY_GROUP = -200
FORM_EXITS = -100


def build_application(
    settings: Settings,
    services: Services,
    *,
    request: BaseRequest | None = None,
    updates_request: BaseRequest | None = None,
    persistence: BasePersistence[Any, Any, Any] | None = None,
    with_updater: bool = True,
    metrics: Metrics | None = None,
) -> BotApplication:
    """The bot with all its handlers, over the given services and transport; measured in
    `metrics` (the process's, kept across restarts of the application) or its own."""
    token = settings.telegram_bot_token
    builder = (
        ApplicationBuilder()
        .token(token.get_secret_value() if token else OFFLINE_TOKEN)
        .base_url(settings.telegram_api_base_url)
        .context_types(ContextTypes(context=BotContext))
        .application_class(LokisiApplication, kwargs={"metrics": metrics or Metrics()})
        # Every text of the bot is HTML (user values escaped), and no card unfolds a preview.
        .defaults(
            Defaults(
                parse_mode=ParseMode.HTML,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
            )
        )
        # Users side by side, each one's updates in order (bot.update_processor).
        .concurrent_updates(PerUserUpdateProcessor())
    )
    if request is None and updates_request is None:
        # Production: over aiohttp (bot.transport says why); long polls on a connection of
        # their own, as python-telegram-bot does.
        request, updates_request = AiohttpRequest(), AiohttpRequest(connection_pool_size=1)
    if request is not None:
        builder = builder.request(request)
    if updates_request is not None:
        builder = builder.get_updates_request(updates_request)
    builder = builder.persistence(
        persistence or SqlPersistence(services.state, derived={FORM_NAME: form_states})
    )
    if settings.rate_limit:
        builder = builder.rate_limiter(AIORateLimiter(max_retries=5))  # type: ignore[arg-type]
    if with_updater:
        # What the updater fetches is stored before Telegram is told it arrived.
        builder = builder.update_queue(InboxQueue(services.inbox))
    else:
        builder = builder.updater(None)
    application: BotApplication = builder.build()
    application.bot_data[SERVICES_KEY] = services
    application.bot_data[SETTINGS_KEY] = settings
    application.bot_data[EXPORTER_KEY] = Exporter(services.database_url)
    ActivityFeed.attach(application, services)
    # Before all, in a group of its own (a group runs the first handler that matches): a
    # form's update delivered again after a crash only shows its answer again.
    application.add_handler(form_replay.handler(), group=REPLAY_GROUP)
    # Then, in a group of their own: a command typed during a form leaves the form, then
    # does its work.
    application.add_handlers(exits(), group=FORM_EXITS)
    # One group: the first matching handler wins, so a form's text never reaches search.
    application.add_handlers([h for module in handler_modules() for h in module.handlers()])
    name_handlers(application)
    application.add_handler(TypeHandler(Update, persist_now), group=1)
    application.add_error_handler(on_error)
    return application
