"""The Corbeille: a manager restores a client deleted in the last 30 days."""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler

from bot.buttons import on_button
from bot.confirmation import ask, done_before
from bot.context import BotContext
from bot.handlers.card import show_card
from bot.i18n import t
from bot.payloads import Restore, Trash
from bot.replies import show
from bot.views.trash import trash_keyboard, trash_text
from bot.views.values import client_title
from lokisi.errors import AlreadyDone


@on_button(Trash, managers=True)
async def open_trash(update: Update, context: BotContext, _: Trash) -> None:
    """List the clients deleted in the last 30 days."""
    await show_trash(update, context)


async def show_trash(update: Update, context: BotContext) -> None:
    deleted = await context.services.trash.contents(context.member)
    await show(
        update, context, trash_text(context.lang, deleted), trash_keyboard(context.lang, deleted)
    )


@on_button(Restore, managers=True)
async def restore(update: Update, context: BotContext, payload: Restore) -> None:
    """Ask "Oui"/"Non", then restore the client and show its card."""
    if payload.token is None:
        deleted = {c.id: c for c in await context.services.trash.contents(context.member)}
        client = deleted.get(payload.client_id)
        if client is None:
            await show_trash(update, context)
            return
        question = t(context.lang, "trash.confirm", client=client_title(client))
        await ask(update, context, question, payload, Trash())
        return
    try:
        restored = await context.services.trash.restore(
            context.member, payload.client_id, once=payload.token
        )
    except AlreadyDone:
        await done_before(update, context)
        restored = await context.services.clients.get(context.member, payload.client_id)
    await show(update, context, t(context.lang, "trash.restored", client=client_title(restored)))
    await show_card(update, context, restored.id, new_message=True)


def handlers() -> list[BaseHandler]:
    return [open_trash.handler(), restore.handler()]
