"""A client's history: "🕘 Historique" on the card tells its life from the audit trail, in
the member's language, newest first, a page at a time (members of its account only)."""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler

from bot.buttons import on_button
from bot.context import BotContext
from bot.payloads import History
from bot.replies import show
from bot.views.history import history_view


@on_button(History)
async def show_history(update: Update, context: BotContext, payload: History) -> None:
    """The events of the client older than `before`, as many as one message holds."""
    client = await context.services.clients.get(context.member, payload.client_id)
    page = await context.services.history.page(context.member, client.id, before_id=payload.before)
    text, markup = history_view(context.lang, client, page)
    await show(update, context, text, markup)


def handlers() -> list[BaseHandler]:
    return [show_history.handler()]
