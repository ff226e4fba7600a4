"""The client card, and calling the client."""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler

from bot.buttons import on_button
from bot.context import BotContext
from bot.form_steps import in_group
from bot.open_cards import OpenCards
from bot.payloads import Call, Card
from bot.places import place_of
from bot.replies import answer, show
from bot.views.card import call_contacts, card_keyboard, card_text
from lokisi.schemas import ClientView


@on_button(Card)
async def open_card(update: Update, context: BotContext, card: Card) -> None:
    """Show the card of a client of the member's account."""
    await show_card(update, context, card.client_id)


async def show_card(
    update: Update, context: BotContext, client: int | ClientView, *, new_message: bool = False
) -> None:
    """Render a client's card in place (or as a new message); used by every task that ends on it.

    Given the client just returned by a service call, it is shown as that call left it. In a
    private chat, what the member sends next is offered to this client (bot.handlers.attaching)."""
    cards = context.services.cards
    if isinstance(client, ClientView):
        extras = await cards.extras(context.member, client.id)
    else:
        card = await cards.card(context.member, client)
        client, extras = card.client, card.extras
    user = update.effective_user
    if user is not None and not in_group(update):
        OpenCards.of(context.application.bot_data).opened(user.id, client.id)
    await show(
        update,
        context,
        card_text(context.lang, client, extras),
        card_keyboard(context.lang, client, context.member, extras),
        new_message=new_message,
    )


@on_button(Call)
async def call(update: Update, context: BotContext, payload: Call) -> None:
    """Every number the client has (mobile, then landline), each as a Telegram contact: one
    tap on it calls that number."""
    client = await context.services.clients.get(context.member, payload.client_id)
    await answer(update, context)
    place = place_of(update)
    if place is None:
        return
    for contact in call_contacts(context.lang, client):
        await context.bot.send_contact(**contact, **place.sending())


def handlers() -> list[BaseHandler]:
    return [open_card.handler(), call.handler()]
