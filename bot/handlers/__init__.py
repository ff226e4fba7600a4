"""The user's tasks, one module each; the order below is the order handlers are tried in."""

from __future__ import annotations

from types import ModuleType

from bot.handlers import (
    card,
    client_form,
    delete,
    documents,
    export,
    fallback,
    group,
    inline,
    invite,
    localiser,
    nearby,
    search,
    settings,
    start,
    trash,
)

HANDLER_MODULES: tuple[ModuleType, ...] = (
    # The form first: while a user is typing a field, their text is the field's value.
    client_form,
    start,
    group,
    invite,
    settings,
    trash,
    card,
    delete,
    localiser,
    documents,
    nearby,
    export,
    inline,
    # Any other text is a search; any other button is an old or unknown one.
    search,
    fallback,
)
