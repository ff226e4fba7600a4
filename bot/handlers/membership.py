"""Who is in the team's group, and whether the bot still is, reflected at once (Telegram's
`my_chat_member` and `chat_member` updates):

- the bot removed from a group: the group's link goes (the activity feed stops there, and a
  manager links it again if the bot comes back); the bot added to a group by a manager: it
  says how to link it; the bot blocked by a user: the shortcuts are sent again when they
  come back (their Telegram may have cleared the chat);
- a person leaving the team's group, or removed from it: their forms there close (a form
  moves to their private chat, to finish there), and what the bot remembers of them is
  forgotten, so that a removal from the account as well takes effect at their next update.

Telegram sends `chat_member` updates to a group's administrators only: the README says to
make the bot one.
"""

from __future__ import annotations

import logging

from telegram import ChatMember, ChatMemberUpdated, Update
from telegram.constants import ChatType
from telegram.error import TelegramError
from telegram.ext import BaseHandler, ChatMemberHandler

from bot.context import BotContext
from bot.drafts import FormDraft
from bot.handlers.group import PRESENT
from bot.i18n import language_of, t
from bot.members import MemberCache
from bot.payloads import FormResume
from bot.places import Place
from bot.replies import retire
from bot.user_data import (
    drafts_in_chat,
    drop_draft,
    keep_draft,
    load_draft,
    set_shortcuts_shown,
)
from bot.views.keyboards import button, keyboard

log = logging.getLogger(__name__)

GONE = frozenset({ChatMember.LEFT, ChatMember.BANNED})


def _came(changed: ChatMemberUpdated) -> bool:
    return changed.old_chat_member.status not in PRESENT and (
        changed.new_chat_member.status in PRESENT
    )


def _went(changed: ChatMemberUpdated) -> bool:
    return changed.old_chat_member.status not in GONE and changed.new_chat_member.status in GONE


async def bot_membership(update: Update, context: BotContext) -> None:
    """The bot was added to a group, or removed from it."""
    changed = update.my_chat_member
    if changed is None:
        return
    if changed.chat.type == ChatType.PRIVATE:
        if _went(changed) and context.user_data is not None:
            set_shortcuts_shown(context, None)
        return
    chat = changed.chat
    groups = context.services.groups
    if _went(changed):
        if await groups.forget(chat.id):
            log.info("the bot left group %s: its link is gone", chat.id)
        return
    if not _came(changed) or await groups.account_of(chat.id) is not None:
        return
    members = MemberCache.of(context.application.bot_data, context.services)
    adder = await members.member_for(changed.from_user.id)
    if adder is None or not adder.is_manager:
        return
    lang = language_of(changed.from_user.language_code, context.default_language)
    try:
        await context.bot.send_message(chat.id, t(lang, "membership.bot_added"))
    except TelegramError as failure:
        log.info("could not greet group %s: %s", chat.id, failure)


async def person_membership(update: Update, context: BotContext) -> None:
    """Someone left the group, or was removed from it."""
    changed = update.chat_member
    if changed is None or not _went(changed):
        return
    person = changed.new_chat_member.user
    MemberCache.of(context.application.bot_data, context.services).forget(person.id)
    data = context.application.user_data.get(person.id)
    if data is None:
        return
    drafts = drafts_in_chat(data, changed.chat.id)
    for place, draft in drafts.items():
        drop_draft(data, place)
        if draft.message_id is not None:
            await retire(context, place.chat_id, draft.message_id)
    moved = next(iter(drafts.values()), None)
    private = Place(person.id)
    if moved is not None and load_draft(data, private) is None:
        keep_draft(data, private, _unplaced(moved))
        lang = language_of(person.language_code, context.default_language)
        text = t(lang, "membership.form_moved", group=changed.chat.title or "")
        resume = keyboard([button(t(lang, "form.resume"), FormResume())])
        try:
            await context.bot.send_message(person.id, text, reply_markup=resume)
        except TelegramError as failure:
            log.info("could not tell user %s of their form: %s", person.id, failure)
    # Their data changed in another user's update: it is stored with it (bot.persistence).
    context.application.mark_data_for_update_persistence(user_ids=person.id)


def _unplaced(draft: FormDraft) -> FormDraft:
    """The draft, no longer shown anywhere: it is shown anew where it is resumed."""
    draft.message_id = draft.question_id = draft.asked = draft.shown = None
    draft.paused = True
    return draft


def handlers() -> list[BaseHandler]:
    return [
        ChatMemberHandler(bot_membership, ChatMemberHandler.MY_CHAT_MEMBER),
        ChatMemberHandler(person_membership, ChatMemberHandler.CHAT_MEMBER),
    ]
