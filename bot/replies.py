"""How the bot speaks, in one place: answer every callback query once, edit in place when it
can, never send an edit Telegram would refuse as "message is not modified", and send again a
message that can no longer be edited.

Texts are the bot's HTML (python-telegram-bot's `Defaults` set the parse mode, bot.app).
"""

from __future__ import annotations

import asyncio
import html
import logging
import re
from collections.abc import Awaitable, Coroutine, Sequence
from contextvars import ContextVar
from typing import Any, TypeVar

from telegram import (
    CallbackQuery,
    ForceReply,
    InlineKeyboardMarkup,
    InlineQueryResult,
    Message,
    ReplyParameters,
    Update,
)
from telegram.error import BadRequest

from bot.context import BotContext
from bot.places import Place, place_of, topic_of

log = logging.getLogger(__name__)

MAX_TEXT = 4096
MAX_ALERT = 200
_TAG = re.compile(r"<[^>]*>")
_Shown = TypeVar("_Shown")

# The update whose query was last answered in this task. Not a mark on the handler's
# context: python-telegram-bot gives the error handler a context of its own, and Telegram
# refuses a second answer. The update itself, not its query's id: a forged update may repeat
# an id. A task handles its updates one after the other.
_answered: ContextVar[Update | None] = ContextVar("answered_update", default=None)


def unanswered(update: Update) -> bool:
    """Whether the update is a callback or inline query that nothing answered yet."""
    is_query = update.callback_query is not None or update.inline_query is not None
    return is_query and _answered.get() is not update


def _mark_answered(update: Update) -> None:
    _answered.set(update)


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
    """Answer the callback query of this update, once (or the user's button keeps spinning).

    `text` is shown as plain text (a toast, or an alert): the bot's HTML is turned into what
    it would display."""
    answering = _answering(update, text, alert)
    if answering is not None:
        await answering


def _answering(
    update: Update, text: str | None = None, alert: bool = False
) -> Coroutine[Any, Any, None] | None:
    """The answer to send, marked as sent here, in the update's own context (a task that
    sends it has a copy of the context, where the mark would not be seen); None if the
    update needs none or has it."""
    query = update.callback_query
    if query is None or not unanswered(update):
        return None
    _mark_answered(update)
    shown = clip(shown_text(text), MAX_ALERT) if text else None
    return _send_answer(query, shown, alert)


async def _send_answer(query: CallbackQuery, shown: str | None, alert: bool) -> None:
    try:
        await query.answer(shown, show_alert=alert)
    except BadRequest as error:
        # After a restart or a slow network the query may have expired; the work is done
        # anyway, only the spinner was left.
        if "query is too old" not in error.message.lower():
            raise
        log.info("callback query expired before it was answered")


async def answer_inline(
    update: Update, results: Sequence[InlineQueryResult], **options: Any
) -> None:
    """Answer the inline query of this update, once. Results depend on who asks: never
    cached across users, nor for later."""
    query = update.inline_query
    if query is None or not unanswered(update):
        return
    _mark_answered(update)
    await query.answer(results, is_personal=True, cache_time=0, **options)


async def reply(message: Message, text: str, **options: Any) -> Message:
    """A message in answer to `message`, in its topic. python-telegram-bot's `reply_text`
    sends the thread id of any message marked as a topic's, even outside a forum, where
    Telegram refuses it."""
    return await message.reply_text(text, message_thread_id=topic_of(message), **options)


async def tell(update: Update, context: BotContext, text: str) -> None:
    """Something the user must read: an alert for a button, a message otherwise."""
    if update.callback_query is not None:
        await answer(update, context, text, alert=True)
    elif update.effective_message is not None:
        await reply(update.effective_message, clip(text))


async def notice(update: Update, context: BotContext, text: str) -> None:
    """A passing word: a toast for a button, a message for a command."""
    if update.callback_query is not None:
        await answer(update, context, text)
    elif update.effective_message is not None:
        await reply(update.effective_message, clip(text))


async def show(
    update: Update,
    context: BotContext,
    text: str,
    keyboard: InlineKeyboardMarkup | None = None,
    *,
    new_message: bool = False,
) -> Message | None:
    """Show a screen: edit the pressed message in place, or send a new one (in the topic the
    update came from).

    A button's answer goes out with the screen, side by side: the user waits for one round
    trip to Telegram instead of two."""
    query = update.callback_query
    text = clip(text)
    answering = _answering(update)
    if query is not None and not new_message and isinstance(query.message, Message):
        editing = edit(query.message, text, keyboard)
        edited = await (_beside(answering, editing) if answering else editing)
        if edited is not None:
            return edited
        answering = None
    place = place_of(update)
    if place is None:
        if answering is not None:
            await answering
        return None
    sending = context.bot.send_message(text=text, reply_markup=keyboard, **place.sending())
    return await (_beside(answering, sending) if answering else sending)


async def _beside(answering: Coroutine[Any, Any, None], screen: Awaitable[_Shown]) -> _Shown:
    """The screen's result, with the answer sent at the same time; a failure of either is
    raised once both are done, so that no answer is left running."""
    answered, shown = await asyncio.gather(answering, screen, return_exceptions=True)
    for outcome in (shown, answered):
        if isinstance(outcome, BaseException):
            raise outcome
    return shown


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
        edited = await message.edit_text(text, reply_markup=keyboard)
    except BadRequest as error:
        if _not_modified(error):
            return message
        if _gone(error):
            # Deleted by the user, or too old to edit: the caller sends a new one instead.
            return None
        raise
    return edited if isinstance(edited, Message) else message


async def replace(
    context: BotContext,
    place: Place,
    message_id: int,
    text: str,
    keyboard: InlineKeyboardMarkup | None,
) -> int:
    """Show `text` in a message known by its id (nothing was pressed on it); if it was deleted
    or is too old to edit, send it again below, in the same place. Returns the id of the
    message that shows it."""
    try:
        await context.bot.edit_message_text(
            clip(text), chat_id=place.chat_id, message_id=message_id, reply_markup=keyboard
        )
    except BadRequest as error:
        if _not_modified(error):
            return message_id
        log.info("message %s of chat %s unusable: %s", message_id, place.chat_id, error)
        sent = await context.bot.send_message(
            text=clip(text), reply_markup=keyboard, **place.sending()
        )
        return sent.message_id
    return message_id


async def retire(context: BotContext, chat_id: int, message_id: int) -> None:
    """Take the buttons off an older message, so that only the current one is pressed."""
    try:
        await context.bot.edit_message_reply_markup(chat_id, message_id, reply_markup=None)
    except BadRequest as error:
        log.info("could not take the buttons off message %s: %s", message_id, error)


async def ask_reply(
    update: Update, context: BotContext, text: str, force_reply: ForceReply
) -> Message | None:
    """A question the user answers by replying (in groups, privacy mode lets only replies to
    the bot through), as a reply to the user's message when there is one."""
    place = place_of(update)
    if place is None:
        return None
    answered = update.message
    return await context.bot.send_message(
        text=clip(text),
        reply_markup=force_reply,
        reply_parameters=(
            ReplyParameters(answered.message_id, allow_sending_without_reply=True)
            if answered is not None
            else None
        ),
        **place.sending(),
    )


def _not_modified(error: BadRequest) -> bool:
    return "not modified" in error.message.lower()


def _gone(error: BadRequest) -> bool:
    reason = error.message.lower()
    return "message to edit not found" in reason or "message can't be edited" in reason
