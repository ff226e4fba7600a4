"""Localiser: open the client's establishment in Google Maps; only with a postal address."""

from __future__ import annotations

import html

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler

from bot.buttons import on_button
from bot.context import BotContext
from bot.i18n import t
from bot.payloads import Card, EditField, Locate
from bot.places import place_of
from bot.replies import show
from bot.views.keyboards import button, keyboard, link
from bot.views.values import client_title
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


@on_button(Locate)
async def locate(update: Update, context: BotContext, payload: Locate) -> None:
    """Google Maps and directions links, plus the client's position as a venue when known."""
    client = await context.services.clients.get(context.member, payload.client_id)
    await show(
        update, context, locate_text(context.lang, client), locate_keyboard(context.lang, client)
    )
    address = postal_address(client)
    place = place_of(update)
    if address is None or client.latitude is None or client.longitude is None or place is None:
        return
    # A venue opens in the phone's own maps app, with the name and address under the pin.
    await context.bot.send_venue(
        latitude=client.latitude,
        longitude=client.longitude,
        title=client.name,
        address=address,
        **place.sending(),
    )


def handlers() -> list[BaseHandler]:
    return [locate.handler()]
