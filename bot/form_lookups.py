"""The client form fills itself from public registers, and says when a client already exists.

- A company name, a SIRET or a SIREN typed in the form offers the register's establishments;
  a street typed, up to five addresses of the national address base; choosing one fills the
  form's values, which the user checks (and may change) before saving.
- A location shared while the form asks for the address becomes the nearest address.
- A save refused as a duplicate keeps the form, with buttons to open the existing client or
  (when it only looks like one) to save anyway.

What the look-ups brought is kept in the draft's `lookups` (plain JSON): "offers", a "note"
when a service is off or failing (one line in the form), "taken" and "duplicates" after a
refused save, and "private_position" when a sole trader's head office was chosen (its position
is their home: not stored, and the save does not place it). A look-up never stops the form: off,
slow or down, the value typed is kept as it is.
"""

from __future__ import annotations

import re
from typing import Any

from telegram import Update

from bot.buttons import on_button
from bot.context import BotContext
from bot.drafts import FormDraft, next_awaited
from bot.form_steps import form_change
from bot.handlers.card import show_card
from bot.i18n import t
from bot.payloads import FormOffer, FormOpenExisting
from bot.replies import notice
from lokisi.enums import ClientType
from lokisi.errors import LooksLikeDuplicate, SiretTaken
from lokisi.lookups import Unavailable
from lokisi.schemas import Address, ClientSummary, ClientView, Establishment
from lokisi.services.placing import has_address
from lokisi.validation import DEFAULT_COUNTRY

ADDRESS_FIELDS = ("address_line1", "address_line2", "postal_code", "city")
# Kept after a step: everything else a look-up brought is about the value typed just before.
_LASTING = frozenset({"private_position"})


def forget_lookups(draft: FormDraft) -> None:
    """A new step: offers, notes and duplicates were about the previous one."""
    draft.lookups = {k: v for k, v in draft.lookups.items() if k in _LASTING}


async def look_up_typed(context: BotContext, draft: FormDraft, entry: str, text: str) -> None:
    """After a value is typed for `entry`: offer what the registers know of it."""
    if (entry == "name" and _is_business(draft)) or (entry == "siret" and _siret_or_siren(text)):
        register = context.services.lookups.companies
        await _offer(draft, "companies", register and (lambda: register.search(text)))
    elif entry == "address_line1":
        draft.lookups.pop("private_position", None)
        geocoder = context.services.lookups.addresses
        postal_code = draft.values.get("postal_code")
        await _offer(
            draft,
            "addresses",
            geocoder and (lambda: geocoder.complete(text, postal_code=postal_code)),
        )


async def look_up_location(
    context: BotContext, draft: FormDraft, awaited: str | None, latitude: float, longitude: float
) -> None:
    """A location shared while the address is asked for: the nearest address fills it."""
    if awaited not in ADDRESS_FIELDS:
        return
    geocoder = context.services.lookups.addresses
    if geocoder is None:
        draft.lookups["note"] = "addresses.off"
        return
    try:
        nearest = await geocoder.reverse(latitude, longitude)
    except Unavailable as unavailable:
        draft.lookups["note"] = f"addresses.{unavailable.reason}"
        return
    if nearest is None:
        draft.lookups["note"] = "addresses.nothing_near"
        return
    # The point shared is where the client is: it stays the position.
    values = _address_values(nearest) | {"latitude": latitude, "longitude": longitude}
    _fill(draft, values, after="city")
    draft.lookups["note"] = "addresses.from_location"


async def _offer(draft: FormDraft, service: str, search: Any) -> None:
    if search is None:
        draft.lookups["note"] = f"{service}.off"
        return
    try:
        found = await search()
    except Unavailable as unavailable:
        draft.lookups["note"] = f"{service}.{unavailable.reason}"
        return
    offers = [
        _establishment_offer(e) if service == "companies" else _address_offer(e) for e in found
    ]
    if offers:
        draft.lookups["offers"] = offers
    elif service == "companies":
        draft.lookups["note"] = "companies.nothing"


def _siret_or_siren(text: str) -> bool:
    return re.fullmatch(r"\d{9}|\d{14}", re.sub(r"[\s.]", "", text)) is not None


def _is_business(draft: FormDraft) -> bool:
    return draft.client_type is ClientType.PROFESSIONNEL


def _establishment_offer(found: Establishment) -> dict[str, Any]:
    values: dict[str, Any] = {
        "siret": found.siret,
        "vat_number": found.vat_number,
        "address_line1": found.address_line1,
        "address_line2": found.address_line2,
        "postal_code": found.postal_code,
        "city": found.city,
        "country": DEFAULT_COUNTRY,
    }
    if found.name:
        values["name"] = found.name[:120]
    if not found.private_position:
        values.update(latitude=found.latitude, longitude=found.longitude)
    town = " ".join(p for p in (found.postal_code, found.city) if p)
    where = ", ".join(p for p in (found.address_line1, town) if p)
    return {
        "kind": "company",
        "name": found.name or found.siret,
        "where": where,
        "closed": found.closed,
        "masked": found.masked,
        "private_position": found.private_position,
        # A masked address is left as the user typed it.
        "values": {k: v for k, v in values.items() if v is not None or not found.masked},
    }


def _address_values(found: Address) -> dict[str, Any]:
    return {
        "address_line1": found.street,
        "postal_code": found.postal_code,
        "city": found.city,
        "country": DEFAULT_COUNTRY,
        "latitude": found.latitude,
        "longitude": found.longitude,
    }


def _address_offer(found: Address) -> dict[str, Any]:
    return {"kind": "address", "name": found.label, "values": _address_values(found)}


def _fill(draft: FormDraft, values: dict[str, Any], *, after: str) -> None:
    """Values from a register into the form, then on to the next empty field of a new form."""
    draft.values.update({k: v for k, v in values.items() if v is not None or k in draft.values})
    draft.awaiting = next_awaited(draft, after)
    draft.focused = False


@form_change(FormOffer)
def take_offer(draft: FormDraft, payload: FormOffer) -> None:
    """An establishment or an address offered: its values fill the form, to check and save."""
    offers = draft.lookups.get("offers") or []
    if not 0 <= payload.index < len(offers):
        return
    chosen = offers[payload.index]
    forget_lookups(draft)
    if chosen["kind"] == "company":
        _fill(draft, chosen["values"], after="city")
        draft.lookups["private_position"] = chosen["private_position"]
        draft.lookups["note"] = (
            "companies.closed_filled" if chosen["closed"] else "companies.filled"
        )
        if chosen["private_position"]:
            draft.values.update(latitude=None, longitude=None)
    else:
        _fill(draft, chosen["values"], after="city")
        draft.lookups.pop("private_position", None)


def refused_as_duplicate(draft: FormDraft, refusal: SiretTaken | LooksLikeDuplicate) -> None:
    """The save was refused: say which clients exist, to open one, or save anyway."""
    forget_lookups(draft)
    if isinstance(refusal, SiretTaken):
        draft.lookups["taken"] = _client(refusal.existing)
    else:
        draft.lookups["duplicates"] = [
            {**_client(match.client), "reason": match.reason.value} for match in refusal.matches
        ]
    draft.awaiting, draft.focused = None, False


def _client(client: ClientSummary) -> dict[str, Any]:
    return {"id": client.id, "code": client.code, "name": client.name}


def keeps_position_private(draft: FormDraft) -> bool:
    """A sole trader's head office was chosen: the save must not place its address."""
    return bool(draft.lookups.get("private_position"))


async def tell_placement(
    update: Update, context: BotContext, client: ClientView, *, placed: bool
) -> None:
    """After a save that was to place the client: one line if its address could not be."""
    geocoder = context.services.lookups.addresses
    if geocoder is None or not placed or not has_address(client) or client.has_position:
        return
    key = "lookups.not_placed" if geocoder.service.paused else "lookups.not_found"
    await notice(update, context, t(context.lang, key))


@on_button(FormOpenExisting)
async def open_existing(update: Update, context: BotContext, payload: FormOpenExisting) -> None:
    """The existing client's card as a new message; the form stays as it is, below."""
    await show_card(update, context, payload.client_id, new_message=True)
