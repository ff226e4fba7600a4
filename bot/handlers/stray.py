"""Never silent: /aide (/help) says what the bot does for the member's role; an unknown
command, a sticker, a photo, a voice note or a contact sent outside a form get a short answer
saying what to do instead."""

from __future__ import annotations

import html

from telegram import Message, Update
from telegram.constants import ChatType
from telegram.ext import BaseHandler, CommandHandler, MessageHandler, filters

from bot.access import members_only
from bot.context import BotContext
from bot.handlers.shortcuts import offer_shortcuts
from bot.i18n import t
from bot.replies import show
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
async def stray_content(update: Update, context: BotContext) -> None:
    """Something the bot does not read (or a contact with no form to fill): what to do."""
    message = update.effective_message
    key = "stray.contact" if message is not None and message.contact else "stray.content"
    await show(
        update, context, t(context.lang, key), keyboard(menu_row(context.lang)), new_message=True
    )


class _ForThisBot(filters.MessageFilter):
    """In a group, only commands written for this bot (/x@this_bot) get an answer: other
    bots' commands are theirs."""

    def filter(self, message: Message) -> bool:
        if message.chat.type == ChatType.PRIVATE:
            return True
        command = (message.text or "").split(maxsplit=1)[0]
        return command.lower().endswith(f"@{message.get_bot().username.lower()}")


def handlers() -> list[BaseHandler]:
    private = filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE
    content = ~filters.TEXT & ~filters.LOCATION & ~filters.StatusUpdate.ALL & ~filters.VIA_BOT
    return [
        CommandHandler(HELP_COMMANDS, help_command),
        MessageHandler(
            filters.UpdateType.MESSAGE & filters.COMMAND & _ForThisBot(), unknown_command
        ),
        MessageHandler(private & content, stray_content),
    ]
