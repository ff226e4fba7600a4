"""Which messages a form takes, and what the others get.

- In a group a message reaches the bot only as a reply to one of its messages. A reply is for
  the replier's form when it answers that form's message or question (which mention the
  replier); a reply to someone else's question changes nothing and gets a short hint, in a
  reply mentioning the replier, that asks their own question again.
- A command (or a tap on the private chat's reply keyboard) typed while a field is awaited is
  never its value: the form is left, paused, kept to resume, and the command does its work.
- A location is the client's position only while the form asks for it; otherwise it is
  "📍 Autour de moi". Any other message goes where it would go without a form.
"""

from __future__ import annotations

from telegram import ForceReply, Message, MessageEntity, Update
from telegram.constants import MessageEntityType
from telegram.ext import BaseHandler, MessageHandler, filters
from telegram.helpers import mention_html

from bot.access import set_language
from bot.context import BotContext
from bot.drafts import FormDraft, pause
from bot.form_steps import in_group, render
from bot.handlers.nearby import nearest_clients
from bot.handlers.search import search_text
from bot.handlers.shortcuts import tapped
from bot.handlers.stray import stray_content
from bot.i18n import t
from bot.members import MemberCache
from bot.places import place_of
from bot.replies import ask_reply
from bot.shortcuts import Shortcut, shortcut_of
from bot.user_data import keep_draft, load_draft
from bot.views.form import label
from lokisi.fields import POSITION

# Commands that act on the form itself rather than leave it.
FORM_COMMANDS = ("cancel", "annuler")


def replied_bot_message(message: Message | None) -> Message | None:
    """The bot's message this one replies to, if it replies to one."""
    replied = message.reply_to_message if message is not None else None
    if replied is None or replied.from_user is None:
        return None
    return replied if replied.from_user.id == replied.get_bot().id else None


class ReplyToTheBot(filters.MessageFilter):
    """A reply to one of the bot's messages: in a group, all the bot sees besides commands."""

    def filter(self, message: Message) -> bool:
        return replied_bot_message(message) is not None


def mentioned(message: Message) -> set[int]:
    """The people a bot message is addressed to (its mentions of them)."""
    return {
        entity.user.id
        for entity in message.entities
        if entity.type == MessageEntityType.TEXT_MENTION and entity.user is not None
    }


def addressed(update: Update, draft: FormDraft) -> bool:
    """Whether the message answers this form: anything in a private chat; in a group, a
    reply to the form's own message or question."""
    if not in_group(update):
        return True
    replied, user = replied_bot_message(update.message), update.effective_user
    if replied is None or user is None:
        return False
    own = {draft.message_id, draft.question_id}
    return replied.message_id in own or user.id in mentioned(replied)


def takes_value(update: Update, draft: FormDraft | None) -> bool:
    message = update.message
    if draft is None or message is None or message.text is None:
        return False
    if shortcut_of(message.text) is not None:
        return False
    if not addressed(update, draft):
        return False
    # In a group, answering the form's question comes back to a paused form.
    return draft.typing is not None or (in_group(update) and draft.awaiting is not None)


def takes_shared(update: Update, draft: FormDraft | None) -> bool:
    """A contact while the form is not paused; a location only while it asks for the
    position (any other is "📍 Autour de moi")."""
    message = update.message
    if draft is None or message is None or not addressed(update, draft):
        return False
    if message.location is not None:
        return draft.typing == POSITION
    return not draft.paused


async def pass_on(update: Update, context: BotContext, draft: FormDraft | None) -> None:
    """What the message gets when it is for no form: in a group a hint; in a private chat
    what it would get with no form open."""
    message = update.message
    if message is None:
        return
    if in_group(update):
        await group_hint(update, context, draft)
    elif message.location is not None:
        if draft is not None and draft.typing is not None:
            await leave(update, context, draft)
        await nearest_clients(update, context)
    elif message.text is not None and shortcut_of(message.text) is not None:
        await tapped(update, context)
    elif message.text is not None:
        await search_text(update, context)
    else:
        await stray_content(update, context)


async def leave(update: Update, context: BotContext, draft: FormDraft) -> None:
    """Pause the form: it stays as it is, shown as paused, and takes no typed value."""
    place = place_of(update)
    if place is None:
        return
    pause(draft)
    await render(update, context, draft)
    keep_draft(context, place, draft)


async def group_hint(update: Update, context: BotContext, draft: FormDraft | None) -> None:
    """A reply to the bot that answers none of the replier's questions: say so to them, and
    when their own form awaits a field, ask it again right here."""
    message, user, place = update.message, update.effective_user, place_of(update)
    if message is None or user is None or place is None:
        return
    lang = context.lang
    mention = mention_html(user.id, user.first_name)
    replied = replied_bot_message(update.message)
    for_others = replied is not None and bool(mentioned(replied) - {user.id})
    if draft is None or draft.typing is None:
        key = "form.reply_for_others" if for_others else "form.reply_to_nothing"
        await message.reply_text(t(lang, key, mention=mention))
        return
    field = label(lang, draft.typing, draft.client_type)
    key = "form.reply_elsewhere_others" if for_others else "form.reply_elsewhere"
    question = await ask_reply(
        update,
        context,
        t(lang, key, mention=mention, label=field),
        ForceReply(selective=True),
    )
    if question is not None:
        draft.question_id = question.message_id
        keep_draft(context, place, draft)


async def leave_for_command(update: Update, context: BotContext) -> None:
    """Before any command or keyboard tap is handled: pause the form it would interrupt."""
    message, user, place = update.message, update.effective_user, place_of(update)
    if message is None or user is None or place is None or context.user_data is None:
        return
    if (
        await MemberCache.of(context.application.bot_data, context.services).member_for(user.id)
        is None
    ):
        return
    draft = load_draft(context, place)
    if draft is not None and draft.typing is not None:
        set_language(update, context)
        await leave(update, context, draft)


class _OurCommand(filters.MessageFilter):
    """A command for this bot: not for the form (/cancel is), nor another bot's
    (/start@otherbot in a group)."""

    def filter(self, message: Message) -> bool:
        entity = message.entities[0] if message.entities else None
        if entity is None or entity.type != MessageEntity.BOT_COMMAND or entity.offset != 0:
            return False
        command = message.parse_entity(entity)[1:]
        name, _, bot = command.partition("@")
        if bot and bot.lower() != message.get_bot().username.lower():
            return False
        return name.lower() not in FORM_COMMANDS


def exits() -> list[BaseHandler]:
    """Run before every other handler (a group of their own, bot.app)."""
    leaving = filters.UpdateType.MESSAGE & (_OurCommand() | Shortcut())
    return [MessageHandler(leaving, leave_for_command, block=True)]
