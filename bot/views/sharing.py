"""Sharing a client card: links that open it in the bot, and inline-mode results."""

from __future__ import annotations

import re

from telegram import InlineKeyboardMarkup, InlineQueryResultArticle, InputTextMessageContent
from telegram.helpers import create_deep_linked_url

from bot.i18n import t
from bot.replies import clip
from bot.views.card import card_text
from bot.views.keyboards import keyboard, link
from lokisi.ids import storable
from lokisi.schemas import ClientView

# /start payloads hold [A-Za-z0-9_-]; "c_42" opens the card of client 42.
CARD_LINK = re.compile(r"c_([0-9]{1,18})")


# The bot's own inline offsets: the id of the last client of the page before.
INLINE_OFFSET = re.compile(r"[0-9]{1,18}")


def page_after(offset: str) -> int | None:
    """The client id after which an inline query's page starts, as the bot gave it in
    `next_offset`; None (the first page) for "" and for anything a modified client may send
    instead: Unicode digits, numbers no id column holds, text."""
    if INLINE_OFFSET.fullmatch(offset) and storable(int(offset)):
        return int(offset)
    return None


def card_link(bot_username: str, client_id: int) -> str:
    """t.me link that opens the client's card in a private chat with the bot."""
    return create_deep_linked_url(bot_username, f"c_{client_id}")


def linked_client_id(argument: str) -> int | None:
    """The client a /start argument points to, if it is a card link."""
    match = CARD_LINK.fullmatch(argument)
    return int(match.group(1)) if match else None


def inline_result(lang: str, client: ClientView, bot_username: str) -> InlineQueryResultArticle:
    """The card as a message anyone in the chosen chat can read, with a way into the bot."""
    place = " ".join(p for p in (client.postal_code, client.city) if p)
    return InlineQueryResultArticle(
        id=str(client.id),
        title=client.name,
        description=" · ".join(p for p in (client.code, place) if p),
        # HTML, without a link preview: the application's defaults (bot.app) apply here too.
        input_message_content=InputTextMessageContent(clip(card_text(lang, client))),
        reply_markup=open_in_bot(lang, client, bot_username),
    )


def open_in_bot(lang: str, client: ClientView, bot_username: str) -> InlineKeyboardMarkup:
    return keyboard([link(t(lang, "inline.open"), card_link(bot_username, client.id))])
