"""Which messages a form takes, and what the others get.

- In a group a message reaches the bot only as a reply to one of its messages. A reply is for
  the replier's form when it answers that form's message or question (which mention the
  replier); any other reply goes where it would go without a form (a note asked for, a photo
  for a card), and a reply to someone else's question gets a short hint (bot.handlers.stray).
- A command (or a tap on the private chat's reply keyboard) typed while a field is awaited is
  never its value: the form is left, paused, kept to resume, and the command does its work.
- A location is the client's position (and address) only while the form asks for them;
  otherwise it is "📍 Autour de moi". Any other message goes where it would go without a form.
"""

from __future__ import annotations

from telegram import Message, MessageEntity, Update
from telegram.ext import BaseHandler, ConversationHandler, MessageHandler, filters

from bot.access import set_language
from bot.context import BotContext
from bot.drafts import FormDraft, pause
from bot.form_lookups import ADDRESS_FIELDS
from bot.form_steps import FORM_NAME, in_group, render
from bot.members import MemberCache
from bot.places import place_of
from bot.replying import mentioned, replied_bot_message
from bot.shortcuts import Shortcut, shortcut_of
from bot.user_data import keep_draft, load_draft
from lokisi.fields import POSITION

# Commands that act on the form itself rather than leave it.
FORM_COMMANDS = ("cancel", "annuler")
# The group of the bot's own handlers (bot.app).
BOT_HANDLERS = 0


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
    position or the address (any other is "📍 Autour de moi")."""
    message = update.message
    if draft is None or message is None or not addressed(update, draft):
        return False
    if message.location is not None:
        return draft.typing in (POSITION, *ADDRESS_FIELDS)
    return not draft.paused


async def pass_on(update: Update, context: BotContext, draft: FormDraft | None) -> None:
    """The message is for no form: it is handled as if no form were open, by the first of the
    bot's other handlers that takes it (a search, the nearest clients, a note, a hint...)."""
    message = update.message
    if message is None:
        return
    if message.location is not None and draft is not None and draft.typing is not None:
        # "📍 Autour de moi" in the middle of a field: the form waits, paused.
        await leave(update, context, draft)
    application = context.application
    for handler in application.handlers[BOT_HANDLERS]:
        if isinstance(handler, ConversationHandler) and handler.name == FORM_NAME:
            continue
        check = handler.check_update(update)
        if check is not None and check is not False:
            # python-telegram-bot types a handler for its own context type, not this BotContext.
            await handler.handle_update(update, application, check, context)  # type: ignore[arg-type]
            return


async def leave(update: Update, context: BotContext, draft: FormDraft) -> None:
    """Pause the form: it stays as it is, shown as paused, and takes no typed value."""
    place = place_of(update)
    if place is None:
        return
    pause(draft)
    await render(update, context, draft)
    keep_draft(context, place, draft)


async def leave_for_command(update: Update, context: BotContext) -> None:
    """Before any command or keyboard tap is handled: pause the form it would interrupt."""
    message, user, place = update.message, update.effective_user, place_of(update)
    if message is None or user is None or place is None or context.user_data is None:
        return
    members = MemberCache.of(context.application.bot_data, context.services)
    if await members.member_for(user.id) is None:
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
    return [MessageHandler(leaving, leave_for_command)]
