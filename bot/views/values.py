"""A client's values as people read them, wherever they are shown (card, form, lists)."""

from __future__ import annotations

import functools
import html
from collections.abc import Mapping
from datetime import UTC, datetime, tzinfo
from typing import Any, Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import phonenumbers
from babel.dates import format_datetime

from bot.i18n import t
from lokisi.enums import DocumentKind, DocumentStatus
from lokisi.fields import FIELDS_BY_NAME, POSITION, FieldKind


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


def display_value(lang: str, name: str, values: Mapping[str, Any]) -> str | None:
    """The value of a field, or of the position, as a person reads it (raw text, not escaped);
    None when empty."""
    if name == POSITION:
        latitude, longitude = values.get("latitude"), values.get("longitude")
        if latitude is None or longitude is None:
            return None
        return f"{latitude:.5f}, {longitude:.5f}"
    value = values.get(name)
    if value in (None, ""):
        return None
    match FIELDS_BY_NAME[name].kind:
        case FieldKind.CLIENT_TYPE:
            return t(lang, f"client_type.{value}")
        case FieldKind.PHONE:
            return display_phone(str(value))
        case FieldKind.SIRET:
            return display_siret(str(value))
    return str(value)


class NamedClient(Protocol):
    @property
    def name(self) -> str: ...

    @property
    def code(self) -> str: ...


def client_title(client: NamedClient) -> str:
    """The client's name and code, escaped, for any message that names it."""
    return f"<b>{html.escape(client.name)}</b> ({html.escape(client.code)})"


def _company_time_zone() -> tzinfo:
    # LoKisi's users work in France; a system without time zone data still shows UTC.
    try:
        return ZoneInfo("Europe/Paris")
    except ZoneInfoNotFoundError:
        return UTC


COMPANY_TIME = _company_time_zone()


def local_time(moment: datetime) -> datetime:
    return moment.astimezone(COMPANY_TIME)


def when(lang: str, moment: datetime, form: str = "datetime") -> str:
    """A moment in the company's time, as the language writes it: "datetime" ("28/11/2026 à
    17:46", "Nov 28, 2026 at 5:46 PM"), "datetime_short" ("28/11 17:46", "Nov 28, 5:46 PM"),
    "datetime_plain" ("28/11/2026 17:46", "Nov 28, 2026 5:46 PM"), "day" ("28/11", "Nov 28")."""
    return format_datetime(local_time(moment), t(lang, f"common.{form}"), locale=lang)


def agreeing(lang: str, key: str, kind: DocumentKind) -> str:
    """The key of a text that agrees with a kind of document: `key`, or its feminine `key.f`
    for a feminine kind ("Vente — clôturée", "Annulée le…")."""
    return f"{key}.f" if t(lang, f"kind.{kind.value}.gender") == "f" else key


def status_of(lang: str, kind: DocumentKind, status: DocumentStatus) -> str:
    """A document's status agreeing with its kind ("Facture — annulée", "Devis — annulé")."""
    return t(lang, agreeing(lang, f"status.{status.value}", kind))


def excerpt(text: str, length: int) -> str:
    """The beginning of a text on one line, at most `length` characters (raw, not escaped)."""
    line = " ".join(text.split())
    return line if len(line) <= length else line[: length - 1].rstrip() + "…"
