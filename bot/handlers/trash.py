"""The Corbeille: a manager restores a client deleted in the last 30 days."""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler

from bot.access import members_only
from bot.context import BotContext
from bot.handlers.card import show_card
from bot.i18n import t
from bot.payloads import Restore, Trash
from bot.replies import show
from bot.views.card import client_title
from bot.views.keyboards import confirm
from bot.views.trash import trash_keyboard, trash_text


@members_only(managers=True)
async def open_trash(update: Update, context: BotContext) -> None:
    """List the clients deleted in the last 30 days."""
    deleted = await context.services.trash.contents(context.member)
    await show(
        update, context, trash_text(context.lang, deleted), trash_keyboard(context.lang, deleted)
    )


@members_only(managers=True)
async def restore(update: Update, context: BotContext) -> None:
    """Ask "Oui"/"Non", then restore the client and show its card."""
    assert update.callback_query is not None
    payload = Restore.unpack(update.callback_query.data)
    if not payload.confirmed:
        deleted = {c.id: c for c in await context.services.trash.contents(context.member)}
        client = deleted.get(payload.client_id)
        if client is None:
            await open_trash(update, context)
            return
        await show(
            update,
            context,
            t(context.lang, "trash.confirm", client=client_title(client)),
            confirm(context.lang, Restore(client.id, confirmed=True), Trash()),
        )
        return
    restored = await context.services.trash.restore(context.member, payload.client_id)
    await show(update, context, t(context.lang, "trash.restored", client=client_title(restored)))
    await show_card(update, context, restored.id, new_message=True)


def handlers() -> list[BaseHandler]:
    return [
        CallbackQueryHandler(open_trash, pattern=Trash.pattern()),
        CallbackQueryHandler(restore, pattern=Restore.pattern()),
    ]
