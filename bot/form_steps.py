"""How a step of the client form runs, and how the form is shown.

A step changes the user's draft in this place (a chat, or a forum's topic: bot.places), which
is kept, or dropped when the step returns None. The conversation's state follows from the
user's drafts in the chat: python-telegram-bot keys it on chat and user, so one state stands
for every topic, and each step reads the draft of its own topic; after a restart the states
are derived from the drafts (`form_states`). A button of another form (someone else's in a
group, an older message) changes nothing. The form message is edited in place, or sent again
when it can no longer be; in a group each awaited field is also asked as a question to reply
to.

Stored before shown: the draft a step shows is stored before the message showing it is sent
or edited, and names the update it answers. Delivered again after a crash (bot.inbox), that
update changes nothing: bot.form_replay shows the form as stored.
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable, Coroutine, Mapping
from enum import StrEnum
from typing import Any, TypeVar

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import ConversationHandler
from telegram.ext._utils.types import ConversationDict
from telegram.helpers import mention_html

from bot.access import members_only
from bot.buttons import Button, on_button
from bot.callbacks import CallbackData
from bot.context import BotContext
from bot.drafts import FormDraft
from bot.i18n import t
from bot.persistence import store_now
from bot.places import Place, place_of
from bot.replies import answer, ask_reply, clip, notice, replace, retire, show
from bot.user_data import FORMS, drafts_in_chat, drop_draft, keep_draft, load_draft
from bot.views.form import fingerprint, form_view, question_view

P = TypeVar("P", bound=CallbackData)
GROUPS = (ChatType.GROUP, ChatType.SUPERGROUP)
# The conversation's name, under which python-telegram-bot persists its states.
FORM_NAME = "client_form"


class FormState(StrEnum):
    # A form is shown; text goes elsewhere (a search).
    EDITING = "editing"
    # A field is awaited: the user's next text is its value.
    TYPING = "typing"


def state_in(owner: BotContext | dict[Any, Any], chat_id: int) -> FormState | int:
    """The conversation's state for the user in this chat, whichever topic its forms are in."""
    drafts = drafts_in_chat(owner, chat_id).values()
    if any(draft.typing is not None for draft in drafts):
        return FormState.TYPING
    return FormState.EDITING if drafts else ConversationHandler.END


def form_states(users: Mapping[int, dict[Any, Any]]) -> ConversationDict:
    """Each user's form state in each chat (the conversation's key), from their drafts: a
    state stored without its draft is never read back."""
    states: ConversationDict = {}
    for user_id, data in users.items():
        for chat_id in {Place.of_key(key).chat_id for key in data.get(FORMS) or {}}:
            state = state_in(data, chat_id)
            if state != ConversationHandler.END:
                states[(chat_id, user_id)] = state
    return states


# Showing the form


def in_group(update: Update) -> bool:
    return update.effective_chat is not None and update.effective_chat.type in GROUPS


def owner_mention(update: Update) -> str | None:
    """In a group, whose form this is; in a private chat, obviously the user's."""
    user = update.effective_user
    if not in_group(update) or user is None:
        return None
    # Notifies the user, and targets the selective ForceReply at them.
    return mention_html(user.id, user.first_name)


async def render(
    update: Update,
    context: BotContext,
    draft: FormDraft,
    *,
    move: bool = False,
    in_place: bool = True,
    notice_text: str | None = None,
) -> None:
    """Show the draft in the form message; `move` makes the pressed (or a new) message the form.

    The draft, naming this update, is stored first: what the message shows, the database
    holds. In a group, an awaited field is then asked with a selective ForceReply, since
    privacy mode only lets replies to the bot's messages through.
    """
    place = place_of(update)
    if place is None:
        return
    owner = owner_mention(update)
    text, markup = form_view(context.lang, draft, owner=owner, notice=notice_text)
    text = clip(text)
    shown = fingerprint(text, markup)
    changed = shown != draft.shown
    draft.shown, draft.update_id = shown, update.update_id
    keep_draft(context, place, draft)
    await store_now(update, context)
    if move or draft.message_id is None:
        previous = draft.message_id
        message = await show(update, context, text, markup, new_message=not in_place)
        draft.message_id = message.message_id if message else None
        if previous is not None and previous != draft.message_id:
            await retire(context, place.chat_id, previous)
    elif changed:
        draft.message_id = await replace(context, place, draft.message_id, text, markup)
    await answer(update, context)
    if owner is not None:
        await _ask(update, context, draft, owner)


async def _ask(update: Update, context: BotContext, draft: FormDraft, owner: str) -> None:
    """Ask the awaited field as a new message the user replies to (once, or again on an error)."""
    if draft.typing is None:
        draft.asked = None
        return
    if draft.asked == draft.awaiting and not draft.errors:
        return
    text, force_reply = question_view(context.lang, draft, owner)
    question = await ask_reply(update, context, text, force_reply)
    draft.asked = draft.awaiting
    draft.question_id = question.message_id if question else None


# Steps

FormStep = Callable[[Update, BotContext, FormDraft], Awaitable[FormDraft | None]]
FormButtonStep = Callable[[Update, BotContext, FormDraft, P], Awaitable[FormDraft | None]]
# Whether a message is for the form as its draft stands (a value when a field is awaited...);
# the draft is None when the user has no form here.
Takes = Callable[[Update, FormDraft | None], bool]
# What a message not for the form gets instead (a search, the nearest clients, a hint).
PassOn = Callable[[Update, BotContext, FormDraft | None], Awaitable[None]]


async def _step(
    update: Update, context: BotContext, run: Callable[[FormDraft], Awaitable[FormDraft | None]]
) -> Any:
    place = place_of(update)
    draft = load_draft(context, place) if place is not None else None
    query = update.callback_query
    if place is None or draft is None:
        if query is not None:
            # In a group the message may be someone else's form, not a finished one.
            key = "form.not_yours" if in_group(update) else "form.no_form"
            await answer(update, context, t(context.lang, key), alert=True)
        else:
            await notice(update, context, t(context.lang, "form.nothing_to_cancel"))
        return state_in(context, place.chat_id) if place else ConversationHandler.END
    if query is not None:
        if query.message is None or query.message.message_id != draft.message_id:
            await answer(update, context, t(context.lang, "form.not_this_form"), alert=True)
            return None
        # A button of the form is the user coming back to it.
        draft.paused = False
    draft.errors, draft.rejected = [], None
    kept = await run(draft)
    if kept is None:
        drop_draft(context, place)
    else:
        keep_draft(context, place, kept)
    return state_in(context, place.chat_id)


def form_button(payload_type: type[P]) -> Callable[[FormButtonStep[P]], Button[P]]:
    """A button of the form: `step(update, context, draft, payload)` on the user's draft."""

    def decorate(step: FormButtonStep[P]) -> Button[P]:
        @on_button(payload_type)
        @functools.wraps(step)
        async def handle(update: Update, context: BotContext, payload: P) -> Any:
            return await _step(update, context, lambda draft: step(update, context, draft, payload))

        return handle

    return decorate


def form_message(
    takes: Takes, passes_on: PassOn
) -> Callable[[FormStep], Callable[[Update, BotContext], Coroutine[Any, Any, Any]]]:
    """A message for the form (a typed value, a contact, a location, a command): `step` runs
    on the draft of the message's place when `takes` says the message is for it; any other
    message is passed on, as if no form were open."""

    def decorate(step: FormStep) -> Callable[[Update, BotContext], Coroutine[Any, Any, Any]]:
        @members_only
        @functools.wraps(step)
        async def handle(update: Update, context: BotContext) -> Any:
            place = place_of(update)
            draft = load_draft(context, place) if place is not None else None
            if place is not None and not takes(update, draft):
                await passes_on(update, context, draft)
                return state_in(context, place.chat_id)
            return await _step(update, context, lambda draft: step(update, context, draft))

        return handle

    return decorate


def form_change(payload_type: type[P]) -> Callable[[Callable[[FormDraft, P], None]], Button[P]]:
    """A button that only changes the draft (`change(draft, payload)`), after which the form
    is shown again."""

    def decorate(change: Callable[[FormDraft, P], None]) -> Button[P]:
        @form_button(payload_type)
        @functools.wraps(change)
        async def step(update: Update, context: BotContext, draft: FormDraft, payload: P) -> Any:
            change(draft, payload)
            await render(update, context, draft)
            return draft

        return step

    return decorate
