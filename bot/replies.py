"""How the bot speaks: answer callback queries once, edit in place when it can, never send
an edit Telegram would refuse as "message is not modified"."""

from __future__ import annotations

import html
import logging
import re

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest

from bot.context import BotContext

log = logging.getLogger(__name__)

MAX_TEXT = 4096
MAX_ALERT = 200
_TAG = re.compile(r"<[^>]*>")


def shown_text(text: str) -> str:
    """What Telegram displays of the bot's HTML: no tags, entities decoded, no outer spaces."""
    return html.unescape(_TAG.sub("", text)).strip()


def clip(text: str, limit: int = MAX_TEXT) -> str:
    """Keep a message within Telegram's limit (callers budget their lists; this is a guard).

    Cut at a line break: the bot's HTML never spans lines, so no tag is left open.
    """
    if len(text) <= limit:
        return text
    cut = text.rfind("\n", 0, limit - 1)
    return (text[:cut] if cut > 0 else text[: limit - 1]) + "…"


async def answer(
    update: Update, context: BotContext, text: str | None = None, *, alert: bool = False
) -> None:
    """Answer the callback query of this update, once (or the user's button keeps spinning)."""
    query = update.callback_query
    if query is None or getattr(context, "answered", False):
        return
    context.answered = True  # type: ignore[attr-defined]
    try:
        await query.answer(clip(text, MAX_ALERT) if text else None, show_alert=alert)
    except BadRequest as error:
        # After a restart or a slow network the query may have expired; the work is done
        # anyway, only the spinner was left.
        if "query is too old" not in error.message.lower():
            raise
        log.info("callback query expired before it was answered")


async def tell(update: Update, context: BotContext, text: str) -> None:
    """A short notice: an alert for a button, a message otherwise."""
    if update.callback_query is not None:
        await answer(update, context, text, alert=True)
    elif update.effective_message is not None:
        await update.effective_message.reply_text(clip(text))


async def show(
    update: Update,
    context: BotContext,
    text: str,
    keyboard: InlineKeyboardMarkup | None = None,
    *,
    new_message: bool = False,
) -> Message | None:
    """Show a screen: edit the pressed message in place, or send a new one."""
    query = update.callback_query
    text = clip(text)
    await answer(update, context)
    if query is not None and not new_message and isinstance(query.message, Message):
        edited = await edit(query.message, text, keyboard)
        if edited is not None:
            return edited
    chat = update.effective_chat
    if chat is None:
        return None
    return await context.bot.send_message(
        chat.id,
        text,
        parse_mode=ParseMode.HTML,
        reply_markup=keyboard,
        disable_web_page_preview=True,
    )


async def edit(
    message: Message, text: str, keyboard: InlineKeyboardMarkup | None
) -> Message | None:
    """Edit a bot message unless it already shows exactly this; None if it is gone."""
    # Compare what the user sees: Telegram sends the message back as text and entities, from
    # which PTB's text_html rebuilds HTML with quotes escaped (&#x27;) where the bot's are not.
    shown = (message.text or "").strip() == shown_text(text)
    if shown and message.reply_markup == keyboard:
        return message
    try:
        edited = await message.edit_text(
            text, parse_mode=ParseMode.HTML, reply_markup=keyboard, disable_web_page_preview=True
        )
    except BadRequest as error:
        reason = error.message.lower()
        if "not modified" in reason:
            return message
        if "message to edit not found" in reason or "message can't be edited" in reason:
            # Deleted by the user, or too old to edit: the caller sends a new one instead.
            return None
        raise
    return edited if isinstance(edited, Message) else message
