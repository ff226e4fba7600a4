"""Where something is said: a chat, and in a forum (a supergroup with topics) the topic.

Everything the bot sends in answer goes to the same place, and a form belongs to one person
in one place: two topics of one forum are two conversations. python-telegram-bot's
ConversationHandler keys its states on chat and user only, so the form keeps its drafts per
place (bot.user_data) and its steps decide from the draft of the message's own place.

A message is in a topic only when Telegram says so (`is_topic_message`) in a forum: in a group
without topics, a reply also carries a `message_thread_id` (its reply chain's), which is no
topic, and a thread id sent to a chat without topics is refused.
The General topic has no thread id, and behaves as a group without topics.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from telegram import MaybeInaccessibleMessage, Message, Update


@dataclass(frozen=True)
class Place:
    chat_id: int
    # The forum topic's thread id; None in a private chat, a plain group or General.
    topic: int | None = None

    @property
    def key(self) -> str:
        """How the user's data names it: the chat id alone keeps the drafts stored before
        topics were told apart."""
        return str(self.chat_id) if self.topic is None else f"{self.chat_id}:{self.topic}"

    @classmethod
    def of_key(cls, key: str) -> Place:
        chat, _, topic = key.partition(":")
        return cls(int(chat), int(topic) if topic else None)

    def sending(self) -> dict[str, Any]:
        """The arguments that send a message here (python-telegram-bot drops a None)."""
        return {"chat_id": self.chat_id, "message_thread_id": self.topic}


def topic_of(message: MaybeInaccessibleMessage | None) -> int | None:
    if isinstance(message, Message) and message.is_topic_message and message.chat.is_forum:
        return message.message_thread_id
    return None


def place_of(update: Update) -> Place | None:
    """Where the update happened: the message's chat and topic (for a button, the pressed
    message's)."""
    chat = update.effective_chat
    if chat is None:
        return None
    return Place(chat.id, topic_of(update.effective_message))
