"""Buttons nobody else handles: old messages, finished forms, forged data."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler

from bot.access import set_language
from bot.context import BotContext
from bot.i18n import t
from bot.replies import answer

log = logging.getLogger(__name__)


async def stale_button(update: Update, context: BotContext) -> None:
    """Answer every unhandled button with a clear alert, so that nothing spins."""
    lang = set_language(update, context)
    query = update.callback_query
    assert query is not None
    log.info("unhandled callback data %r from %s", query.data, query.from_user.id)
    await answer(update, context, t(lang, "errors.too_old"), alert=True)


def handlers() -> list[BaseHandler]:
    return [CallbackQueryHandler(stale_button)]
