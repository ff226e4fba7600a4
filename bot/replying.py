"""Replies to the bot: in a group, with privacy mode on, all the bot sees besides commands.
Which of its messages one answers, and whom that message was for (the bot's questions and
forms mention the person they are for)."""

from __future__ import annotations

from telegram import Message
from telegram.constants import MessageEntityType
from telegram.ext import filters


def replied_bot_message(message: Message | None) -> Message | None:
    """The bot's message this one replies to, if it replies to one."""
    replied = message.reply_to_message if message is not None else None
    if replied is None or replied.from_user is None:
        return None
    return replied if replied.from_user.id == replied.get_bot().id else None


def replies_to_the_bot(message: Message) -> bool:
    """Whether the message answers one of the bot's own."""
    return replied_bot_message(message) is not None


class RepliesToTheBot(filters.MessageFilter):
    def filter(self, message: Message) -> bool:
        return replies_to_the_bot(message)


def mentioned(message: Message) -> set[int]:
    """The people a bot message is addressed to (its mentions of them)."""
    return {
        entity.user.id
        for entity in message.entities
        if entity.type == MessageEntityType.TEXT_MENTION and entity.user is not None
    }
