"""Never silent: /aide (/help) says what the bot does for the member's role; an unknown
command, and in a group a reply to the bot that answers none of the replier's questions, get
a short answer saying what to do instead. (Photos, files, voice notes, stickers, contacts...
sent outside a form: bot.handlers.attaching offers them to a client or says what it keeps.)"""

from __future__ import annotations

import html

from telegram import ForceReply, Message, Update
from telegram.constants import ChatType
from telegram.ext import BaseHandler, CommandHandler, MessageHandler, filters
from telegram.helpers import mention_html

from bot.access import members_only
from bot.context import BotContext
from bot.handlers.shortcuts import offer_shortcuts
from bot.i18n import t
from bot.places import place_of
from bot.replies import ask_reply, reply, show
from bot.replying import RepliesToTheBot, mentioned, replied_bot_message
from bot.user_data import keep_draft, load_draft
from bot.views.form import label
from bot.views.keyboards import keyboard, menu_row

HELP_COMMANDS = ("aide", "help")


@members_only
async def help_command(update: Update, context: BotContext) -> None:
    """/aide, /help: what the bot does, for this member's role, here (private or group)."""
    lang, member = context.lang, context.member
    chat = update.effective_chat
    where = "group" if chat is not None and chat.type != ChatType.PRIVATE else "private"
    lines = [t(lang, f"stray.help_{where}")]
    if member.is_manager:
        lines.append(t(lang, f"stray.help_manager_{where}"))
    lines.append(t(lang, f"stray.help_commands_{where}"))
    await offer_shortcuts(update, context)
    await show(update, context, "\n\n".join(lines), keyboard(menu_row(lang)), new_message=True)


@members_only
async def unknown_command(update: Update, context: BotContext) -> None:
    """A command the bot does not have: which ones it has."""
    message = update.effective_message
    assert message is not None and message.text is not None
    command = message.text.split(maxsplit=1)[0]
    text = t(context.lang, "stray.unknown_command", command=html.escape(command[:64]))
    await show(update, context, text, keyboard(menu_row(context.lang)), new_message=True)


@members_only
async def stray_reply(update: Update, context: BotContext) -> None:
    """A reply to the bot that answers none of the replier's questions: say so to them, in a
    reply mentioning them; when their own form awaits a field, ask it again right here."""
    message, user, place = update.message, update.effective_user, place_of(update)
    if message is None or user is None or place is None:
        return
    lang = context.lang
    mention = mention_html(user.id, user.first_name)
    replied = replied_bot_message(message)
    for_others = replied is not None and bool(mentioned(replied) - {user.id})
    draft = load_draft(context, place)
    if draft is None or draft.typing is None:
        key = "form.reply_for_others" if for_others else "form.reply_to_nothing"
        await reply(message, t(lang, key, mention=mention))
        return
    field = label(lang, draft.typing, draft.client_type)
    key = "form.reply_elsewhere_others" if for_others else "form.reply_elsewhere"
    question = await ask_reply(
        update, context, t(lang, key, mention=mention, label=field), ForceReply(selective=True)
    )
    if question is not None:
        draft.question_id = question.message_id
        keep_draft(context, place, draft)


class _ForThisBot(filters.MessageFilter):
    """In a group, only commands written for this bot (/x@this_bot) get an answer: other
    bots' commands are theirs."""

    def filter(self, message: Message) -> bool:
        if message.chat.type == ChatType.PRIVATE:
            return True
        command = (message.text or "").split(maxsplit=1)[0]
        return command.lower().endswith(f"@{message.get_bot().username.lower()}")


def handlers() -> list[BaseHandler]:
    message = filters.UpdateType.MESSAGE
    replies = filters.ChatType.GROUPS & message & ~filters.COMMAND & RepliesToTheBot()
    return [
        CommandHandler(HELP_COMMANDS, help_command),
        MessageHandler(message & filters.COMMAND & _ForThisBot(), unknown_command),
        MessageHandler(replies, stray_reply),
    ]
