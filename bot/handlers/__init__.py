"""The user's tasks, one module each; the order below is the order handlers are tried in.

The modules are imported when the application is built, not with this package: a task may
hand a message on to another's handler without every task importing every other."""

from __future__ import annotations

import importlib
from types import ModuleType

MODULE_NAMES: tuple[str, ...] = (
    # The form first: while a user is typing a field, their text is the field's value.
    "client_form",
    "start",
    "shortcuts",
    "group",
    "membership",
    "invite",
    "settings",
    "trash",
    "card",
    "delete",
    "localiser",
    "documents",
    "attachments",
    "notes",
    "history",
    # What is sent with a card open, or in reply to a card, is offered to its client; a
    # location answering no card finds the nearest clients.
    "attaching",
    "nearby",
    "export",
    "inline",
    # Any other text is a search; anything else gets a word (never silence); any other
    # button is an old or unknown one.
    "search",
    "stray",
    "fallback",
)


def handler_modules() -> tuple[ModuleType, ...]:
    return tuple(importlib.import_module(f"{__name__}.{name}") for name in MODULE_NAMES)
