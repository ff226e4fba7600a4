"""Callback data as a small typed codec: a prefix, typed fields, at most 64 bytes.

Every button's payload is built with `pack()` and read back with `unpack()` (by
`bot.buttons.on_button`, which hands handlers their payload); nothing in the bot formats or
splits callback data by hand. A payload is only a claim: handlers re-check who presses and
what they may touch.

A payload class is declared as a dataclass would be, without the decorator:

    class Card(CallbackData, prefix="c"):
        client_id: int

It becomes a frozen dataclass; `__post_init__` may refuse values (raise ValueError), which
`unpack` reports as forged data.
"""

from __future__ import annotations

import dataclasses
import re
import typing
from enum import StrEnum
from typing import Any, ClassVar, Self

from typing_extensions import dataclass_transform

from lokisi.ids import storable

MAX_BYTES = 64
SEPARATOR = ":"


class InvalidCallbackData(ValueError):
    """Garbled, forged or outdated callback data."""


class UnknownToken(InvalidCallbackData):
    """A confirmation's token that the bot did not give to this user (bot.confirmation)."""


@dataclass_transform(frozen_default=True)
class CallbackData:
    """Base of every payload; subclasses are frozen dataclasses with a unique prefix."""

    prefix: ClassVar[str]
    _registry: ClassVar[dict[str, type[CallbackData]]] = {}

    def __init_subclass__(cls, *, prefix: str, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if SEPARATOR in prefix or prefix in CallbackData._registry:
            raise ValueError(f"bad or duplicate callback prefix {prefix!r}")
        cls.prefix = prefix
        CallbackData._registry[prefix] = cls
        dataclasses.dataclass(frozen=True)(cls)

    def pack(self) -> str:
        parts = [self.prefix]
        for name, _hint in _fields(type(self)):
            parts.append(_encode(getattr(self, name), name))
        data = SEPARATOR.join(parts)
        if len(data.encode()) > MAX_BYTES:
            raise ValueError(f"callback data over {MAX_BYTES} bytes: {data!r}")
        return data

    @classmethod
    def unpack(cls, data: str | object) -> Self:
        if not isinstance(data, str) or _size(data) > MAX_BYTES:
            raise InvalidCallbackData(repr(data)[:80])
        prefix, *values = data.split(SEPARATOR)
        fields = _fields(cls)
        if prefix != cls.prefix or len(values) != len(fields):
            raise InvalidCallbackData(data)
        try:
            decoded = {
                name: _decode(v, hint) for (name, hint), v in zip(fields, values, strict=True)
            }
            return cls(**decoded)
        except (ValueError, KeyError) as exc:
            raise InvalidCallbackData(data) from exc

    @staticmethod
    def read(data: object) -> CallbackData | None:
        """The payload of whichever class `data` names by its prefix; None if it is none (the
        data of a button the bot did not make)."""
        if not isinstance(data, str):
            return None
        cls = CallbackData._registry.get(data.split(SEPARATOR, 1)[0])
        try:
            return cls.unpack(data) if cls is not None else None
        except InvalidCallbackData:
            return None

    @classmethod
    def pattern(cls) -> re.Pattern[str]:
        """For CallbackQueryHandler(pattern=...): routes on the prefix alone."""
        return re.compile(rf"^{re.escape(cls.prefix)}({SEPARATOR}|$)")


class Confirmable:
    """A payload that asks first (bot.confirmation); it declares `token: str | None = None`
    as its last field."""

    token: str | None

    def confirmed(self, token: str) -> Self:
        """The same action, confirmed with `token`: the "Oui" button."""
        return dataclasses.replace(self, token=token)  # type: ignore[type-var]


_FIELDS: dict[type, tuple[tuple[str, Any], ...]] = {}


def _fields(cls: type) -> tuple[tuple[str, Any], ...]:
    """Each field's name and type, in order: resolving the annotations costs more than all the
    rest of unpacking, and they never change."""
    fields = _FIELDS.get(cls)
    if fields is None:
        hints = typing.get_type_hints(cls)
        fields = _FIELDS[cls] = tuple((f.name, hints[f.name]) for f in dataclasses.fields(cls))
    return fields


def _size(data: str) -> int:
    """Bytes of the data in UTF-8; text that is no UTF-8 (a lone surrogate) counts as too long."""
    try:
        return len(data.encode())
    except UnicodeEncodeError:
        return MAX_BYTES + 1


def _encode(value: Any, name: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, StrEnum):
        return value.value
    text = str(value)
    if SEPARATOR in text:
        raise ValueError(f"{name} may not contain {SEPARATOR!r}: {text!r}")
    return text


def _decode(raw: str, hint: Any) -> Any:
    optional = type(None) in typing.get_args(hint)
    if optional:
        if raw == "":
            return None
        hint = next(a for a in typing.get_args(hint) if a is not type(None))
    if hint is bool:
        if raw not in ("0", "1"):
            raise ValueError(raw)
        return raw == "1"
    if hint is int:
        # ASCII digits only, as pack() writes them: \d and int() also take "١" or "１".
        if not re.fullmatch(r"-?[0-9]{1,18}", raw) or not storable(int(raw)):
            raise ValueError(raw)
        return int(raw)
    if isinstance(hint, type) and issubclass(hint, StrEnum):
        return hint(raw)
    if hint is str:
        return raw
    raise ValueError(f"unsupported field type {hint!r}")
