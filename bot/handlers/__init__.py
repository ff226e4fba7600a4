"""The user's tasks, one module each; the order below is the order handlers are tried in."""

from __future__ import annotations

from types import ModuleType

from bot.handlers import (
    attaching,
    attachments,
    card,
    client_form,
    delete,
    documents,
    export,
    fallback,
    group,
    history,
    inline,
    invite,
    localiser,
    nearby,
    notes,
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
    attachments,
    notes,
    history,
    # What is sent with a card open, or in reply to a card, is offered to its client; a
    # location answering no card finds the nearest clients.
    attaching,
    nearby,
    export,
    inline,
    # Any other text is a search; any other button is an old or unknown one.
    search,
    fallback,
)
