"""Sharing a client card anywhere: "@<bot> dupont" in any chat lists the member's matching
clients; choosing one posts its card, with a button that opens it in the bot."""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler, InlineQueryHandler

from bot.access import members_only
from bot.context import BotContext
from bot.replies import answer_inline
from bot.views.sharing import inline_result, page_after

# Telegram shows at most 50 results per answer; fewer make a faster answer on a phone.
INLINE_PAGE = 20


@members_only
async def share_cards(update: Update, context: BotContext) -> None:
    """Answer an inline query with the member's matching clients (all of them, A to Z, when
    nothing is typed yet), one page at a time."""
    query = update.inline_query
    assert query is not None
    after_id = page_after(query.offset)
    clients = context.services.clients
    if query.query.strip():
        page = await clients.search(
            context.member, query.query, after_id=after_id, limit=INLINE_PAGE
        )
    else:
        page = await clients.list_page(context.member, after_id=after_id, limit=INLINE_PAGE)
    details = await clients.details(context.member, [c.id for c in page.items])
    username = context.bot.username
    await answer_inline(
        update,
        [inline_result(context.lang, client, username) for client in details],
        # No more pages: no offset rather than "", which python-telegram-bot 22 turns into []
        # (sent as "[]") when Defaults are set (python-telegram-bot#4295).
        next_offset=str(page.items[-1].id) if page.has_next and page.items else None,
    )


def handlers() -> list[BaseHandler]:
    return [InlineQueryHandler(share_cards)]
