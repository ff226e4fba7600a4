"""Localiser: open the client's establishment in Google Maps; only with a postal address."""

from __future__ import annotations

import html

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler

from bot.access import members_only
from bot.context import BotContext
from bot.i18n import t
from bot.payloads import Card, EditField, Locate
from bot.replies import show
from bot.views.card import client_title
from bot.views.keyboards import button, keyboard, link
from lokisi.maps import directions_url, postal_address, search_url
from lokisi.schemas import ClientView

ADDRESS_FIELD = "address_line1"


def locate_text(lang: str, client: ClientView) -> str:
    address = postal_address(client)
    if address is None:
        return t(lang, "localiser.no_address", client=client_title(client))
    return t(lang, "localiser.title", client=client_title(client), address=html.escape(address))


def locate_keyboard(lang: str, client: ClientView) -> InlineKeyboardMarkup:
    """Maps links with an address; without one, the way to fill it in."""
    back = [button(t(lang, "localiser.back_to_card"), Card(client.id))]
    search, directions = search_url(client), directions_url(client)
    if search is None or directions is None:
        fill = button(t(lang, "localiser.fill_address"), EditField(client.id, ADDRESS_FIELD))
        return keyboard([fill], back)
    return keyboard(
        [link(t(lang, "localiser.open_maps"), search)],
        [link(t(lang, "localiser.directions"), directions)],
        back,
    )


@members_only
async def locate(update: Update, context: BotContext) -> None:
    """Google Maps and directions links, plus the client's position as a venue when known."""
    assert update.callback_query is not None
    payload = Locate.unpack(update.callback_query.data)
    client = await context.services.clients.get(context.member, payload.client_id)
    await show(
        update, context, locate_text(context.lang, client), locate_keyboard(context.lang, client)
    )
    address = postal_address(client)
    chat = update.effective_chat
    if address is None or not client.has_position or chat is None:
        return
    assert client.latitude is not None and client.longitude is not None
    # A venue opens in the phone's own maps app, with the name and address under the pin.
    await context.bot.send_venue(
        chat.id,
        latitude=client.latitude,
        longitude=client.longitude,
        title=client.name,
        address=address,
    )


def handlers() -> list[BaseHandler]:
    return [CallbackQueryHandler(locate, pattern=Locate.pattern())]
