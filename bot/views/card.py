"""The client card ("FICHE CLIENT"): details, and every task one tap away."""

from __future__ import annotations

import functools
import html
from typing import Protocol

import phonenumbers
from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.i18n import t
from bot.payloads import Call, Delete, Documents, DocumentStart, Edit, Locate, Menu
from bot.views.keyboards import button, keyboard, link
from lokisi.enums import DocumentFamily
from lokisi.maps import directions_url, postal_address, search_url
from lokisi.schemas import ClientView, MemberView


@functools.lru_cache(maxsize=4096)
def display_phone(e164: str) -> str:
    """International format, which Telegram apps turn into a tappable number.

    Remembered: parsing and formatting cost more than the rest of a card, and the same
    numbers are shown again and again."""
    try:
        number = phonenumbers.parse(e164)
    except phonenumbers.NumberParseException:
        return e164
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def display_siret(siret: str) -> str:
    return f"{siret[:3]} {siret[3:6]} {siret[6:9]} {siret[9:]}"


class NamedClient(Protocol):
    @property
    def name(self) -> str: ...

    @property
    def code(self) -> str: ...


def client_title(client: NamedClient) -> str:
    """The client's name and code, escaped, for any message that names it."""
    return f"<b>{html.escape(client.name)}</b> ({html.escape(client.code)})"


def card_text(lang: str, client: ClientView) -> str:
    lines = [
        f"<b>{t(lang, 'card.title')}</b> · {html.escape(client.code)}",
        f"<b>{html.escape(client.name)}</b>",
        f"<i>{t(lang, f'client_type.{client.type.value}')}</i>",
    ]

    def add(key: str, value: str | None) -> None:
        if value:
            lines.append(f"{t(lang, key)} : {value}")

    add("card.siret", client.siret and display_siret(client.siret))
    add("card.vat", client.vat_number and html.escape(client.vat_number))
    add("card.contact", client.contact_name and html.escape(client.contact_name))
    add("card.phone", client.phone and display_phone(client.phone))
    add("card.mobile", client.mobile and display_phone(client.mobile))
    add("card.email", client.email and html.escape(client.email))
    add("card.address", _address(client))
    if client.has_position:
        add("card.position", f"{client.latitude:.5f}, {client.longitude:.5f}")
    add("card.notes", client.notes and html.escape(client.notes))
    return "\n".join(lines)


def _address(client: ClientView) -> str | None:
    address = postal_address(client)
    if address is None:
        partial = " ".join(p for p in (client.postal_code, client.city) if p)
        return html.escape(partial) if partial else None
    return html.escape(address)


def card_keyboard(lang: str, client: ClientView, member: MemberView) -> InlineKeyboardMarkup:
    def create(family: DocumentFamily) -> list:
        return [button(t(lang, f"card.create_{family.value}"), DocumentStart(family, client.id))]

    first = [button(t(lang, "card.edit"), Edit(client.id))]
    if member.is_manager:
        first.append(button(t(lang, "card.delete"), Delete(client.id)))
    search, directions = search_url(client), directions_url(client)
    if search and directions:
        # One tap from the card to Maps: the manual's Localiser takes three clicks on the web.
        locate = [
            link(t(lang, "card.locate"), search),
            link(t(lang, "card.directions"), directions),
        ]
    else:
        locate = [button(t(lang, "card.locate"), Locate(client.id))]
    reach = []
    if client.phone or client.mobile:
        reach.append(button(t(lang, "card.call"), Call(client.id)))
    if client.has_position:
        reach.append(button(t(lang, "card.position_button"), Locate(client.id)))
    # Inline mode in a chat of the user's choice, on this very client: the card goes there.
    reach.append(InlineKeyboardButton(t(lang, "inline.share"), switch_inline_query=client.code))
    return keyboard(
        first,
        locate,
        reach,
        create(DocumentFamily.INTERVENTION),
        create(DocumentFamily.LOCATION),
        create(DocumentFamily.VENTE),
        create(DocumentFamily.FACTURE),
        [
            button(t(lang, "card.documents"), Documents(client.id)),
            button(t(lang, "common.back"), Menu()),
        ],
    )
