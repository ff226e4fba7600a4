"""The client card ("FICHE CLIENT"): details, and every task one tap away."""

from __future__ import annotations

import html
from typing import Any

from telegram import CopyTextButton, InlineKeyboardButton, InlineKeyboardMarkup

from bot.i18n import t
from bot.payloads import (
    Attachments,
    Call,
    Delete,
    Documents,
    DocumentStart,
    Edit,
    History,
    Locate,
    Menu,
    Notes,
)
from bot.views.keyboards import button, keyboard, link
from bot.views.notes import latest_line
from bot.views.values import display_phone, display_value
from lokisi.enums import DocumentFamily
from lokisi.fields import ADDRESS, FIELD_NAMES, card_lines
from lokisi.maps import directions_url, postal_address, search_url
from lokisi.schemas import CardExtras, ClientView, MemberView


def card_text(lang: str, client: ClientView, extras: CardExtras | None = None) -> str:
    """The card's title, then one line per value the client has, in the registry's order, and
    the latest note (`extras`, for members: a card shared elsewhere shows none)."""
    lines = [
        f"<b>{t(lang, 'card.title')}</b> · {html.escape(client.code)}",
        f"<b>{html.escape(client.name)}</b>",
        f"<i>{t(lang, f'client_type.{client.type.value}')}</i>",
    ]
    values = client.model_dump(include=set(FIELD_NAMES))
    for name in card_lines():
        value = _address(client) if name == ADDRESS else display_value(lang, name, values)
        if value:
            label = t(lang, f"field.{name}")
            lines.append(t(lang, "common.line", label=label, value=html.escape(value)))
    if extras is not None and extras.latest_note is not None:
        lines.append(latest_line(lang, extras.latest_note))
    return "\n".join(lines)


def _address(client: ClientView) -> str | None:
    """The postal address on one line, or what there is of the town without a street."""
    address = postal_address(client)
    if address is None:
        partial = " ".join(p for p in (client.postal_code, client.city) if p)
        return partial or None
    return address


def card_keyboard(
    lang: str, client: ClientView, member: MemberView, extras: CardExtras
) -> InlineKeyboardMarkup:
    def create(family: DocumentFamily) -> list[InlineKeyboardButton]:
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
        _copy_row(lang, client),
        create(DocumentFamily.INTERVENTION),
        create(DocumentFamily.LOCATION),
        create(DocumentFamily.VENTE),
        create(DocumentFamily.FACTURE),
        # The client's file: documents, what was attached and noted, and who changed what.
        [
            button(t(lang, "card.documents"), Documents(client.id)),
            button(t(lang, "attachments.button", count=extras.attachments), Attachments(client.id)),
            button(t(lang, "notes.button", count=extras.notes), Notes(client.id)),
        ],
        [
            button(t(lang, "history.button"), History(client.id)),
            button(t(lang, "common.back"), Menu()),
        ],
    )


# Phone numbers, the address and the SIRET, one tap from the clipboard (for a dialer, a GPS
# app, a supplier's form...): as they are shown, the SIRET without its spaces.
_COPIED = ("mobile", "phone", ADDRESS, "siret")
MAX_COPY = 256


def _copied(client: ClientView, name: str) -> str | None:
    if name == ADDRESS:
        return postal_address(client)
    value = getattr(client, name)
    if value is None:
        return None
    return display_phone(value) if name in ("mobile", "phone") else str(value)


def _copy_row(lang: str, client: ClientView) -> list[InlineKeyboardButton]:
    return [
        InlineKeyboardButton(
            t(lang, f"card.copy_{name}"), copy_text=CopyTextButton(value[:MAX_COPY])
        )
        for name in _COPIED
        if (value := _copied(client, name))
    ]


def call_contacts(lang: str, client: ClientView) -> list[dict[str, Any]]:
    """One contact per number, mobile first, named after the person to ask for and, with
    several numbers, which line it is (and a vCard saying so, for the phone's address book)."""
    numbers = [(name, n) for name in ("mobile", "phone") if (n := getattr(client, name))]
    contacts = []
    for name, number in numbers:
        line = t(lang, f"field.{name}") if len(numbers) > 1 else None
        last = " · ".join(
            part for part in (client.name if client.contact_name else None, line) if part
        )
        first = (client.contact_name or client.name)[:64]
        kind = "CELL" if name == "mobile" else "WORK,VOICE"
        contacts.append(
            {
                "phone_number": number,
                "first_name": first,
                "last_name": last[:64] or None,
                "vcard": f"BEGIN:VCARD\nVERSION:3.0\nN:{last};{first}\nFN:{first}\n"
                f"TEL;TYPE={kind}:{number}\nEND:VCARD",
            }
        )
    return contacts
