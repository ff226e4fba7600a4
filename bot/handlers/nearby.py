"""Navigating: a location shared in a private chat (outside a form) lists the nearest
clients that have a position, with their distance; each button opens the card."""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler, MessageHandler, filters

from bot.access import members_only
from bot.context import BotContext
from bot.replies import show
from bot.views.nearby import nearby_keyboard, nearby_text


@members_only
async def nearest_clients(update: Update, context: BotContext) -> None:
    """List the clients nearest to the shared location."""
    message = update.effective_message
    assert message is not None and message.location is not None
    nearby = await context.services.clients.nearest(
        context.member, message.location.latitude, message.location.longitude
    )
    await show(
        update,
        context,
        nearby_text(context.lang, nearby),
        nearby_keyboard(context.lang, nearby),
        new_message=True,
    )


def handlers() -> list[BaseHandler]:
    # A live location's later positions arrive as edits: one list is enough.
    shared = filters.UpdateType.MESSAGE & filters.ChatType.PRIVATE & filters.LOCATION
    return [MessageHandler(shared & ~filters.VIA_BOT, nearest_clients)]
