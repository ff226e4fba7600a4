"""Finding clients: any text in a private chat is a search; the list of all clients; the
selection of clients (○ / ●) for "Supprimer plusieurs clients".

What is kept in user_data (plain JSON, it is persisted):
- "searches": {query_id: query}, the last few queries, since callback data holds 64 bytes;
- "selection": [client_id, ...], kept across pages and searches.
Which page a list message shows is in its buttons (see bot.payloads): showing a page stores
nothing, so paging through results writes nothing to the database.
"""

from __future__ import annotations

import secrets
from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, MessageHandler, filters

from bot.access import members_only
from bot.context import BotContext
from bot.i18n import t
from bot.payloads import ListPage, SearchPage, SelectionClear, Toggle
from bot.replies import show, tell
from bot.views.keyboards import keyboard, menu_row
from bot.views.lists import PageRequest, list_keyboard, list_text
from lokisi.errors import NotFound
from lokisi.search_terms import query_prefixes

SEARCHES = "searches"
SELECTION = "selection"
MAX_SEARCHES = 10
MAX_QUERY_LENGTH = 200


@members_only
async def search_text(update: Update, context: BotContext) -> None:
    """Find the clients whose name, code, town, phone or SIRET starts like the text sent."""
    message = update.effective_message
    assert message is not None and message.text is not None
    await show_search_results(update, context, message.text)


async def show_search_results(
    update: Update, context: BotContext, query: str, *, new_message: bool = True
) -> None:
    """The first page of a search, for any handler that has a query (e.g. /client in groups)."""
    query = query.strip()[:MAX_QUERY_LENGTH]
    if not query_prefixes(query):
        text = t(context.lang, "search.empty_query")
        await show(update, context, text, keyboard(menu_row(context.lang)), new_message=new_message)
        return
    request = PageRequest(query_id=remember_search(context, query))
    await render_page(update, context, request, new_message=new_message)


@members_only
async def list_page(update: Update, context: BotContext) -> None:
    """ "📋 Clients" and its pages: every client of the account, in name order."""
    assert update.callback_query is not None
    await render_page(update, context, PageRequest.of(ListPage.unpack(update.callback_query.data)))


@members_only
async def search_page(update: Update, context: BotContext) -> None:
    """Another page of a search, or the same page in or out of selection mode."""
    assert update.callback_query is not None
    payload = SearchPage.unpack(update.callback_query.data)
    await render_page(update, context, PageRequest.of(payload))


@members_only
async def toggle(update: Update, context: BotContext) -> None:
    """○ ↔ ●: select or unselect a client, then show the same page again."""
    assert update.callback_query is not None
    payload = Toggle.unpack(update.callback_query.data)
    chosen = selection(context)
    if payload.client_id in chosen:
        chosen.remove(payload.client_id)
    else:
        # Only a live client of the member's account may enter the selection: N stays true.
        if not await context.services.clients.summaries(context.member, [payload.client_id]):
            raise NotFound("client", payload.client_id)
        chosen.append(payload.client_id)
    await render_page(update, context, PageRequest.of_selection(payload))


@members_only
async def clear_selection(update: Update, context: BotContext) -> None:
    """ "Tout désélectionner", then show the same page again."""
    assert update.callback_query is not None
    payload = SelectionClear.unpack(update.callback_query.data)
    selection(context).clear()
    await render_page(update, context, PageRequest.of_selection(payload))


async def render_page(
    update: Update, context: BotContext, request: PageRequest, *, new_message: bool = False
) -> None:
    """Fetch one keyset page of the list or of a search and show it."""
    query = None
    if request.query_id is not None:
        query = searches(context).get(request.query_id)
        if query is None:
            await tell(update, context, t(context.lang, "search.expired"))
            return
    clients = context.services.clients
    if query is None:
        page = await clients.list_page(
            context.member, after_id=request.after, before_id=request.before
        )
    else:
        page = await clients.search(
            context.member, query, after_id=request.after, before_id=request.before
        )
    chosen = selection(context)
    await show(
        update,
        context,
        list_text(context.lang, page, request, query=query, selected_count=len(chosen)),
        list_keyboard(
            context.lang, page, request, selected=set(chosen), can_delete=context.member.is_manager
        ),
        new_message=new_message,
    )


# What is kept between updates


def _user_data(context: BotContext) -> dict[Any, Any]:
    assert context.user_data is not None
    return context.user_data


def searches(context: BotContext) -> dict[str, str]:
    return _user_data(context).setdefault(SEARCHES, {})


def remember_search(context: BotContext, query: str) -> str:
    """A short id for the query; the same query typed again keeps its id."""
    known = searches(context)
    for query_id, known_query in known.items():
        if known_query == query:
            del known[query_id]
            known[query_id] = query
            return query_id
    query_id = secrets.token_urlsafe(6)
    known[query_id] = query
    _keep_last(known, MAX_SEARCHES)
    return query_id


def selection(context: BotContext) -> list[int]:
    """The selected client ids, in the order they were selected."""
    return _user_data(context).setdefault(SELECTION, [])


def unselect(context: BotContext, client_ids: list[int]) -> None:
    gone = set(client_ids)
    selection(context)[:] = [i for i in selection(context) if i not in gone]


def _keep_last(data: dict[str, Any], count: int) -> None:
    """Drop the oldest entries (dicts keep insertion order, and so does their JSON)."""
    for key in list(data)[:-count]:
        del data[key]


def handlers() -> list[BaseHandler]:
    # In groups the bot only sees commands (privacy mode): plain text is a search in private
    # chats only. Messages sent through an inline query are not searches either.
    text = (
        filters.UpdateType.MESSAGE
        & filters.ChatType.PRIVATE
        & filters.TEXT
        & ~filters.COMMAND
        & ~filters.VIA_BOT
    )
    return [
        MessageHandler(text, search_text),
        CallbackQueryHandler(list_page, pattern=ListPage.pattern()),
        CallbackQueryHandler(search_page, pattern=SearchPage.pattern()),
        CallbackQueryHandler(toggle, pattern=Toggle.pattern()),
        CallbackQueryHandler(clear_selection, pattern=SelectionClear.pattern()),
    ]
