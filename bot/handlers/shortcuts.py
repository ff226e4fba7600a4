"""The private chat's reply keyboard (bot.shortcuts): shown once, its text buttons answered,
and put back after a picker."""

from __future__ import annotations

from telegram import ReplyKeyboardMarkup, Update
from telegram.constants import ChatType
from telegram.ext import BaseHandler, MessageHandler, filters

from bot.access import members_only
from bot.context import BotContext
from bot.i18n import t
from bot.places import place_of
from bot.replies import tell
from bot.shortcuts import Key, Shortcut, shortcut_of
from bot.user_data import set_shortcuts_shown, shortcuts_shown_in
from bot.views.shortcuts import shortcuts_keyboard


def _private(update: Update) -> bool:
    chat = update.effective_chat
    return chat is not None and chat.type == ChatType.PRIVATE


async def offer_shortcuts(update: Update, context: BotContext) -> None:
    """Show the keyboard in a private chat where it is not shown yet (or in another
    language)."""
    if _private(update) and shortcuts_shown_in(context) != context.lang:
        await restore_shortcuts(update, context, t(context.lang, "shortcuts.shown"))


async def restore_shortcuts(update: Update, context: BotContext, text: str) -> None:
    """Say `text` with the shortcuts as the keyboard (after a picker replaced them)."""
    await send_with_keyboard(update, context, text, shortcuts_keyboard(context.lang))
    set_shortcuts_shown(context, context.lang)


async def send_with_keyboard(
    update: Update, context: BotContext, text: str, keyboard: ReplyKeyboardMarkup
) -> None:
    """A message whose keyboard replaces the one under the typing field."""
    place = place_of(update)
    if place is None:
        return
    await context.bot.send_message(text=text, reply_markup=keyboard, **place.sending())
    set_shortcuts_shown(context, None)


@members_only
async def tapped(update: Update, context: BotContext) -> None:
    """A text button of the keyboard: "🔎 Rechercher" says what to type (any text outside a
    form is a search), "✖️ Annuler" under a picker puts the shortcuts back, "📍 Autour de
    moi" arriving as text means this Telegram app does not share locations."""
    message = update.effective_message
    key = shortcut_of(message.text or "") if message is not None else None
    lang = context.lang
    if key is Key.SEARCH:
        await tell(update, context, t(lang, "menu.search_prompt"))
    elif key is Key.CANCEL:
        await restore_shortcuts(update, context, t(lang, "shortcuts.cancelled"))
    elif key is Key.NEARBY:
        await tell(update, context, t(lang, "nearby.needs_location"))


def handlers() -> list[BaseHandler]:
    return [MessageHandler(filters.UpdateType.MESSAGE & Shortcut(), tapped)]
