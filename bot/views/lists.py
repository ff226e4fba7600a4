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
from lokisi.services.clients import COUNT_CAP, PAGE_SIZE

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
    page: int = 1

    @classmethod
    def of(cls, payload: ListPage | SearchPage) -> PageRequest:
        query_id = payload.query_id if isinstance(payload, SearchPage) else None
        return cls(query_id, payload.select, payload.after, payload.before, payload.page)

    @classmethod
    def of_selection(cls, payload: Toggle | SelectionClear | SelectionDelete) -> PageRequest:
        """The page, in selection mode, that a selection button was on."""
        return cls(payload.query_id, True, payload.after, payload.before, payload.page)

    def payload(self, **changes: Any) -> CallbackData:
        """The button payload that shows this page again, with `changes` applied."""
        wanted = replace(self, **changes)
        if wanted.query_id is None:
            return ListPage(wanted.select, wanted.after, wanted.before, wanted.page)
        return SearchPage(wanted.query_id, wanted.select, wanted.after, wanted.before, wanted.page)

    @property
    def cursor(self) -> tuple[str | None, int | None, int | None, int]:
        """What a selection button carries to come back to this page."""
        return (self.query_id, self.after, self.before, self.page)


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
    pages = page_count(page)
    if pages is not None and (pages > 1 or request.page > 1) and page.items:
        key = "search.page_of_many" if pages > MAX_PAGES_COUNTED else "search.page_of"
        shown = min(pages, MAX_PAGES_COUNTED)
        lines.append(t(lang, key, page=request.page, pages=max(shown, request.page)))
    elif pages is None and (page.has_next or request.page > 1) and page.items:
        # Not counted (a search of several words): which page, without how many.
        lines.append(t(lang, "search.page", page=request.page))
    if request.select:
        lines.append(t(lang, "search.select_hint"))
        lines.append(t(lang, "search.selected_count", count=selected_count))
    return "\n".join(lines)


MAX_PAGES_COUNTED = COUNT_CAP // PAGE_SIZE


def page_count(page: Page[ClientSummary]) -> int | None:
    """How many pages the list has (more than MAX_PAGES_COUNTED: "many"), if counted."""
    if page.total is None:
        return None
    return -(-page.total // PAGE_SIZE)


def list_keyboard(
    lang: str,
    page: Page[ClientSummary],
    request: PageRequest,
    *,
    selected: Collection[int],
    can_delete: bool,
    closest: bool = False,
) -> InlineKeyboardMarkup:
    """One button per client, then paging, the selection actions, and the way out (`closest`:
    the clients are the closest spellings of a search that found nothing)."""
    rows: list[list[InlineKeyboardButton] | None] = [
        [_client_button(client, request, selected)] for client in page.items
    ]
    rows.append(_paging_row(lang, page, request))
    toggle = None
    if request.select:
        rows.append(_selection_row(lang, request, len(selected), can_delete))
        toggle = button(t(lang, "search.select_off"), request.payload(select=False))
    elif can_delete:
        # The selection serves bulk deletion only: nothing to do in it for a technicien.
        toggle = button(t(lang, "search.select_on"), request.payload(select=True))
    if page.items and toggle is not None:
        rows.append([toggle])
    # A search that found nothing: the new client is named as searched.
    found_nothing = closest or (not page.items and request.after is None)
    named = request.query_id if found_nothing else None
    rows.append(
        [
            button(t(lang, "menu.new_client"), NewClient(query_id=named)),
            button(t(lang, "common.menu"), Menu()),
        ]
    )
    return keyboard(*rows)


def _client_button(
    client: ClientSummary, request: PageRequest, selected: Collection[int]
) -> InlineKeyboardButton:
    if not request.select:
        return button(client_label(client), Card(client.id))
    mark = SELECTED if client.id in selected else UNSELECTED
    return button(client_label(client, mark), Toggle(client.id, *request.cursor))


def _paging_row(
    lang: str, page: Page[ClientSummary], request: PageRequest
) -> list[InlineKeyboardButton]:
    if not page.items:
        if request.after is None and request.before is None:
            return []
        # The clients of this page are gone (deleted meanwhile): back to the first page.
        first_page = request.payload(after=None, before=None, page=1)
        return [button(t(lang, "common.previous"), first_page)]
    row = []
    if page.has_previous:
        first, number = page.items[0].id, max(1, request.page - 1)
        previous = request.payload(after=None, before=first, page=number)
        row.append(button(t(lang, "common.previous"), previous))
    if page.has_next:
        last = page.items[-1].id
        following = request.payload(after=last, before=None, page=request.page + 1)
        row.append(button(t(lang, "common.next"), following))
    return row


def _selection_row(
    lang: str, request: PageRequest, count: int, can_delete: bool
) -> list[InlineKeyboardButton]:
    if count == 0:
        return []
    row = []
    if can_delete:
        label = t(lang, "search.delete_selection", count=count)
        row.append(button(label, SelectionDelete(*request.cursor)))
    row.append(button(t(lang, "search.clear_selection"), SelectionClear(*request.cursor)))
    return row
