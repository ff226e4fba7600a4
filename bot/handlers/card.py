"""The client card, and calling the client."""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler

from bot.access import members_only
from bot.context import BotContext
from bot.payloads import Call, Card
from bot.replies import answer, show
from bot.views.card import card_keyboard, card_text
from lokisi.schemas import ClientView


@members_only
async def open_card(update: Update, context: BotContext) -> None:
    """Show the card of a client of the member's account."""
    assert update.callback_query is not None
    payload = Card.unpack(update.callback_query.data)
    await show_card(update, context, payload.client_id)


async def show_card(
    update: Update, context: BotContext, client: int | ClientView, *, new_message: bool = False
) -> None:
    """Render a client's card in place (or as a new message); used by every task that ends on it.

    Given the client just returned by a service call, it is shown as that call left it."""
    if not isinstance(client, ClientView):
        client = await context.services.clients.get(context.member, client)
    await show(
        update,
        context,
        card_text(context.lang, client),
        card_keyboard(context.lang, client, context.member),
        new_message=new_message,
    )


@members_only
async def call(update: Update, context: BotContext) -> None:
    """Send the client's number as a Telegram contact: one tap to call it."""
    assert update.callback_query is not None and update.effective_chat is not None
    payload = Call.unpack(update.callback_query.data)
    client = await context.services.clients.get(context.member, payload.client_id)
    number = client.mobile or client.phone
    await answer(update, context)
    if number is None:
        return
    await context.bot.send_contact(
        update.effective_chat.id,
        phone_number=number,
        first_name=(client.contact_name or client.name)[:64],
        last_name=client.name[:64] if client.contact_name else None,
    )


def handlers() -> list[BaseHandler]:
    return [
        CallbackQueryHandler(open_card, pattern=Card.pattern()),
        CallbackQueryHandler(call, pattern=Call.pattern()),
    ]
