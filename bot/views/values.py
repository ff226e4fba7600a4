"""A client's values as people read them, wherever they are shown (card, form, lists)."""

from __future__ import annotations

import functools
import html
from collections.abc import Mapping
from typing import Any, Protocol

import phonenumbers

from bot.i18n import t
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


def excerpt(text: str, length: int) -> str:
    """The beginning of a text on one line, at most `length` characters (raw, not escaped)."""
    line = " ".join(text.split())
    return line if len(line) <= length else line[: length - 1].rstrip() + "…"
