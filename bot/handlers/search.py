"""Finding clients: any text in a private chat is a search; the list of all clients; the
selection of clients (○ / ●) for "Supprimer plusieurs clients".

A short query and which page a list message shows travel in its buttons (bot.payloads), so
searching and paging write nothing; longer queries and the selection are kept in the user's
data (bot.user_data).
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler, MessageHandler, filters

from bot.access import members_only
from bot.buttons import on_button
from bot.context import BotContext
from bot.i18n import t
from bot.payloads import ListPage, SearchPage, SelectionClear, Toggle
from bot.replies import show, tell
from bot.user_data import (
    search_key,
    search_query,
    selected,
    selecting,
    selection,
    set_selecting,
)
from bot.views.keyboards import keyboard, menu_row
from bot.views.lists import PageRequest, list_keyboard, list_text
from lokisi.errors import NotFound
from lokisi.search_terms import query_prefixes

MAX_QUERY_LENGTH = 200


@members_only
async def search_text(update: Update, context: BotContext) -> None:
    """Find the clients whose name, code, town, phone or SIRET starts like the text sent."""
    message = update.effective_message
    if message is not None and message.text is not None:
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
    # Selection mode survives a new search: the selection is kept across searches too.
    selecting_mode = selecting(context) and context.member.is_manager
    request = PageRequest(query_id=search_key(context, query), select=selecting_mode)
    await render_page(update, context, request, new_message=new_message)


@on_button(ListPage)
async def list_page(update: Update, context: BotContext, payload: ListPage) -> None:
    """ "📋 Clients" and its pages: every client of the account, in name order."""
    await render_page(update, context, PageRequest.of(payload))


@on_button(SearchPage)
async def search_page(update: Update, context: BotContext, payload: SearchPage) -> None:
    """Another page of a search, or the same page in or out of selection mode."""
    await render_page(update, context, PageRequest.of(payload))


@on_button(Toggle)
async def toggle(update: Update, context: BotContext, payload: Toggle) -> None:
    """○ ↔ ●: select or unselect a client, then show the same page again."""
    chosen = selection(context)
    if payload.client_id in chosen:
        chosen.remove(payload.client_id)
    else:
        # Only a live client of the member's account may enter the selection: N stays true.
        if not await context.services.clients.summaries(context.member, [payload.client_id]):
            raise NotFound("client", payload.client_id)
        chosen.append(payload.client_id)
    await render_page(update, context, PageRequest.of_selection(payload))


@on_button(SelectionClear)
async def clear_selection(update: Update, context: BotContext, payload: SelectionClear) -> None:
    """ "Tout désélectionner", then show the same page again."""
    selection(context).clear()
    await render_page(update, context, PageRequest.of_selection(payload))


async def render_page(
    update: Update, context: BotContext, request: PageRequest, *, new_message: bool = False
) -> None:
    """Fetch one keyset page of the list or of a search and show it."""
    query = None
    if request.query_id is not None:
        query = search_query(context, request.query_id)
        if query is None:
            await tell(update, context, t(context.lang, "search.expired"))
            return
    clients = context.services.clients
    after, before = request.after, request.before
    if query is None:
        page = await clients.list_page(context.member, after_id=after, before_id=before, count=True)
    else:
        # Nothing matches: the clients under the closest spellings, on one page.
        page = await clients.search(
            context.member, query, after_id=after, before_id=before, count=True, closest=True
        )
    set_selecting(context, request.select)
    closest = page.closest
    chosen = selected(context)
    await show(
        update,
        context,
        list_text(
            context.lang,
            page,
            request,
            query=query,
            selected_count=len(chosen),
            closest=closest,
        ),
        list_keyboard(
            context.lang,
            page,
            request,
            selected=set(chosen),
            can_delete=context.member.is_manager,
            closest=closest,
        ),
        new_message=new_message,
    )


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
        *(button.handler() for button in (list_page, search_page, toggle, clear_selection)),
    ]
