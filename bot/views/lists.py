"""Lists of clients (search results, all clients) and their selection mode (○ / ●)."""

from __future__ import annotations

import html
from collections.abc import Collection
from dataclasses import dataclass, replace
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import CallbackData
from bot.i18n import t
from bot.payloads import (
    Card,
    ListPage,
    Menu,
    NewClient,
    SearchPage,
    SelectionClear,
    SelectionDelete,
    Toggle,
)
from bot.views.keyboards import button, keyboard
from lokisi.schemas import ClientSummary, Page

UNSELECTED = "○"
SELECTED = "●"
# A button label is read on a phone: the name is cut, the code and town stay visible.
MAX_NAME_IN_LABEL = 36
MAX_QUERY_SHOWN = 60


@dataclass(frozen=True)
class PageRequest:
    """Which page a list message shows: a search (`query_id`) or all clients, and the cursor."""

    query_id: str | None = None
    select: bool = False
    after: int | None = None
    before: int | None = None

    @classmethod
    def of(cls, payload: ListPage | SearchPage) -> PageRequest:
        query_id = payload.query_id if isinstance(payload, SearchPage) else None
        return cls(query_id, payload.select, payload.after, payload.before)

    @classmethod
    def of_selection(cls, payload: Toggle | SelectionClear | SelectionDelete) -> PageRequest:
        """The page, in selection mode, that a selection button was on."""
        return cls(payload.query_id, True, payload.after, payload.before)

    def payload(self, **changes: Any) -> CallbackData:
        """The button payload that shows this page again, with `changes` applied."""
        wanted = replace(self, **changes)
        if wanted.query_id is None:
            return ListPage(wanted.select, wanted.after, wanted.before)
        return SearchPage(wanted.query_id, wanted.select, wanted.after, wanted.before)


def client_label(client: ClientSummary, mark: str | None = None) -> str:
    """ "● Boulangerie Dupont · CLI-000001 · Paris": name, code and town on one button."""
    name = client.name
    if len(name) > MAX_NAME_IN_LABEL:
        name = name[: MAX_NAME_IN_LABEL - 1] + "…"
    parts = [name, client.code]
    town = client.city or client.postal_code
    if town:
        parts.append(town)
    label = " · ".join(parts)
    return f"{mark} {label}" if mark else label


def shown_query(query: str) -> str:
    """The query as the user typed it, escaped, and short enough to read."""
    if len(query) > MAX_QUERY_SHOWN:
        query = query[: MAX_QUERY_SHOWN - 1] + "…"
    return html.escape(query)


def list_text(
    lang: str,
    page: Page[ClientSummary],
    request: PageRequest,
    *,
    query: str | None,
    selected_count: int,
    closest: bool = False,
) -> str:
    """The list's heading; `closest`: the page holds the closest spellings of a search that
    found nothing."""
    if page.items and closest and query is not None:
        lines = [t(lang, "search.closest", query=shown_query(query))]
    elif page.items:
        lines = [
            t(lang, "search.results", query=shown_query(query))
            if query is not None
            else t(lang, "search.list_title")
        ]
    elif request.after is not None or request.before is not None:
        lines = [t(lang, "search.page_empty")]
    elif query is not None:
        lines = [t(lang, "search.no_result", query=shown_query(query))]
    else:
        lines = [t(lang, "search.list_empty")]
    if request.select:
        lines.append(t(lang, "search.select_hint"))
        lines.append(t(lang, "search.selected_count", count=selected_count))
    return "\n".join(lines)


def list_keyboard(
    lang: str,
    page: Page[ClientSummary],
    request: PageRequest,
    *,
    selected: Collection[int],
    can_delete: bool,
) -> InlineKeyboardMarkup:
    """One button per client, then paging, the selection actions, and the way out."""
    rows: list[list[InlineKeyboardButton] | None] = [
        [_client_button(client, request, selected)] for client in page.items
    ]
    rows.append(_paging_row(lang, page, request))
    if request.select:
        rows.append(_selection_row(lang, request, len(selected), can_delete))
        toggle = button(t(lang, "search.select_off"), request.payload(select=False))
    else:
        toggle = button(t(lang, "search.select_on"), request.payload(select=True))
    if page.items:
        rows.append([toggle])
    rows.append(
        [button(t(lang, "menu.new_client"), NewClient()), button(t(lang, "common.menu"), Menu())]
    )
    return keyboard(*rows)


def _client_button(
    client: ClientSummary, request: PageRequest, selected: Collection[int]
) -> InlineKeyboardButton:
    if not request.select:
        return button(client_label(client), Card(client.id))
    mark = SELECTED if client.id in selected else UNSELECTED
    toggle = Toggle(client.id, request.query_id, request.after, request.before)
    return button(client_label(client, mark), toggle)


def _paging_row(
    lang: str, page: Page[ClientSummary], request: PageRequest
) -> list[InlineKeyboardButton]:
    if not page.items:
        if request.after is None and request.before is None:
            return []
        # The clients of this page are gone (deleted meanwhile): back to the first page.
        return [button(t(lang, "common.previous"), request.payload(after=None, before=None))]
    row = []
    if page.has_previous:
        first = page.items[0].id
        row.append(button(t(lang, "common.previous"), request.payload(after=None, before=first)))
    if page.has_next:
        last = page.items[-1].id
        row.append(button(t(lang, "common.next"), request.payload(after=last, before=None)))
    return row


def _selection_row(
    lang: str, request: PageRequest, count: int, can_delete: bool
) -> list[InlineKeyboardButton]:
    if count == 0:
        return []
    page = (request.query_id, request.after, request.before)
    row = []
    if can_delete:
        label = t(lang, "search.delete_selection", count=count)
        row.append(button(label, SelectionDelete(*page)))
    row.append(button(t(lang, "search.clear_selection"), SelectionClear(*page)))
    return row
