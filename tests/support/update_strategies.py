"""Hypothesis strategies for any update the Bot API describes, built from the Bot API 10.1
description itself (tests/telegram/bot-api-10.1.json): every update type, every object with
its required fields and any of its optional ones, any subtype of an abstract type, values of
every type the fields allow.

`Overrides` lets a test put its own people, chats and button data where they matter; the
rest is whatever the types allow. Objects nest up to MAX_DEPTH; deeper, only required
fields are generated (Message.reply_to_message is a Message, which has one...).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from hypothesis import strategies as st

from tests.support.bot_api import spec

MAX_DEPTH = 3
ARRAY = "Array of "
# Telegram's ids hold at most 52 significant bits; its other integers (counts, durations,
# sizes) and its dates (Unix times) fit in 32.
IDS = st.one_of(st.integers(-3, 3), st.integers(-(2**52), 2**52))
INTEGERS = st.one_of(st.integers(-3, 3), st.integers(-(2**31), 2**31 - 1))
DATES = st.integers(0, 2**31 - 1)
STRINGS = st.text(max_size=12)

Strategy = st.SearchStrategy[Any]
# (type name, field name) or type name → the strategy to use there instead.
Overrides = Mapping[tuple[str, str] | str, Strategy]


def update_fields() -> list[str]:
    """Every kind of update: the optional fields of Update, at most one of which is set."""
    return [f["name"] for f in spec()["types"]["Update"]["fields"] if not f["required"]]


def updates(overrides: Overrides, kinds: list[str] | None = None) -> Strategy:
    """Update payloads (without update_id): {kind: object} for any kind of update."""
    builder = _Builder(overrides)
    fields = {f["name"]: f for f in spec()["types"]["Update"]["fields"]}
    return st.one_of(
        [
            builder.field("Update", fields[kind], depth=1).map(lambda value, k=kind: {k: value})
            for kind in (kinds or update_fields())
        ]
    )


class _Builder:
    def __init__(self, overrides: Overrides) -> None:
        self._overrides = overrides
        self._cache: dict[tuple[str, int], Strategy] = {}

    def field(self, owner: str, field: Mapping[str, Any], depth: int) -> Strategy:
        name = field["name"]
        override = self._overrides.get((owner, name))
        if override is not None:
            return override
        if name in ("date", "unix_time") or name.endswith("_date"):
            return DATES
        if field["types"] == ["Integer"] and (name == "id" or name.endswith("_id")):
            return IDS
        return st.one_of([self.of_type(expression, depth) for expression in field["types"]])

    def of_type(self, expression: str, depth: int) -> Strategy:
        if expression.startswith(ARRAY):
            inner = self.of_type(expression.removeprefix(ARRAY), depth)
            return st.lists(inner, max_size=2 if depth < MAX_DEPTH else 1)
        primitive = _PRIMITIVES.get(expression)
        if primitive is not None:
            return primitive
        override = self._overrides.get(expression)
        if override is not None:
            return override
        key = (expression, min(depth, MAX_DEPTH))
        if key not in self._cache:
            self._cache[key] = st.deferred(lambda: self._object(expression, key[1]))
        return self._cache[key]

    def _object(self, name: str, depth: int) -> Strategy:
        described = spec()["types"][name]
        if "subtypes" in described:
            return st.one_of([self.of_type(sub, depth) for sub in described["subtypes"]])
        fields = described.get("fields", [])
        required = {f["name"]: self.field(name, f, depth + 1) for f in fields if f["required"]}
        optional = (
            {f["name"]: self.field(name, f, depth + 1) for f in fields if not f["required"]}
            if depth < MAX_DEPTH
            else {}
        )
        return st.fixed_dictionaries(required, optional=optional)


_PRIMITIVES: dict[str, Strategy] = {
    "Integer": INTEGERS,
    "String": STRINGS,
    "Boolean": st.booleans(),
    "True": st.just(True),
    "Float": st.floats(allow_nan=False, allow_infinity=False, width=32),
    "Float number": st.floats(allow_nan=False, allow_infinity=False, width=32),
    "InputFile": STRINGS,
}
