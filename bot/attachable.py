"""What of a Telegram message the bot attaches to a client, and to which client: read from the
message alone (pure, no service).

Kept: a photo (its largest size), a video, a document, a voice note, a location, and a
forwarded message (its text, or its media), each as what names it on Telegram; never the
bytes. Albums arrive as one message per item sharing a `media_group_id`.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from telegram import (
    Message,
    MessageOrigin,
    MessageOriginChannel,
    MessageOriginChat,
    MessageOriginHiddenUser,
    MessageOriginUser,
)
from telegram.ext import filters

from bot.callbacks import CallbackData
from lokisi.enums import AttachmentKind

# Everything a member may send besides text: what is kept is attached (`attachable`), the rest
# answered.
SENT = filters.ATTACHMENT | filters.FORWARDED


@dataclass
class Sent:
    """What a message brings to attach: its items, its caption, who it was forwarded from, and
    the album it belongs to."""

    items: list[dict[str, Any]]
    caption: str | None = None
    origin: str | None = None
    album: str | None = None


def attachable(message: Message) -> Sent | None:
    """What of `message` may be attached; None for what the bot does not keep (a sticker, an
    audio file, a round video, a contact, a poll...)."""
    item = _item(message)
    if item is None:
        return None
    return Sent(
        items=[item],
        caption=message.caption,
        origin=origin_name(message.forward_origin) if message.forward_origin else None,
        album=message.media_group_id,
    )


def _item(message: Message) -> dict[str, Any] | None:
    if message.animation is not None:
        return None
    if message.photo:
        largest = message.photo[-1]
        return _file(AttachmentKind.PHOTO, largest, file_size=largest.file_size)
    for kind, media in (
        (AttachmentKind.VIDEO, message.video),
        (AttachmentKind.VOICE, message.voice),
        (AttachmentKind.DOCUMENT, message.document),
    ):
        if media is not None:
            return _file(
                kind,
                media,
                file_name=getattr(media, "file_name", None),
                mime_type=media.mime_type,
                file_size=media.file_size,
                duration=_seconds(getattr(media, "duration", None)),
            )
    if message.location is not None:
        location = message.location
        return {
            "kind": AttachmentKind.LOCATION.value,
            "latitude": location.latitude,
            "longitude": location.longitude,
        }
    if message.forward_origin is not None and message.text:
        return {"kind": AttachmentKind.MESSAGE.value, "text": message.text}
    return None


def _file(kind: AttachmentKind, media: Any, **details: Any) -> dict[str, Any]:
    return {
        "kind": kind.value,
        "file_id": media.file_id,
        "file_unique_id": media.file_unique_id,
        **{key: value for key, value in details.items() if value is not None},
    }


def _seconds(duration: Any) -> int | None:
    # python-telegram-bot gives durations as int or timedelta, depending on its settings.
    if duration is None:
        return None
    return int(duration.total_seconds()) if hasattr(duration, "total_seconds") else int(duration)


def origin_name(origin: MessageOrigin) -> str:
    """Who a forwarded message came from, as Telegram names them."""
    match origin:
        case MessageOriginUser(sender_user=user):
            return user.full_name
        case MessageOriginHiddenUser(sender_user_name=name):
            return name
        case MessageOriginChat(sender_chat=chat, author_signature=signature):
            return " — ".join(p for p in (chat.title or chat.full_name, signature) if p)
        case MessageOriginChannel(chat=chat, author_signature=signature):
            return " — ".join(p for p in (chat.title or chat.full_name, signature) if p)
    return ""


def client_shown(message: Message | None) -> int | None:
    """The client a message of the bot is about (a card, or one of its screens): the one client
    its buttons name; None for any other message, or one naming several clients (a list)."""
    if message is None or message.reply_markup is None:
        return None
    named = {
        getattr(payload, "client_id", None)
        for row in message.reply_markup.inline_keyboard
        for button in row
        if (payload := CallbackData.read(button.callback_data)) is not None
    } - {None}
    return named.pop() if len(named) == 1 else None


@dataclass
class Pending:
    """What waits for the "Oui" of "📎 Joindre … ?", in the user's data under its token: the
    client it goes to (and how it was named), the question's message, and what was sent (an
    album grows as its updates arrive)."""

    token: str
    client_id: int
    title: str
    chat_id: int
    question_id: int | None = None
    album: str | None = None
    # In a forum, the topic the question was asked in.
    topic: int | None = None
    items: list[dict[str, Any]] = field(default_factory=list)
    caption: str | None = None
    origin: str | None = None
    # Once "Oui" attached it: pressed again, it shows the same; a late item of the album is
    # asked about anew.
    attached: int | None = None

    def take(self, sent: Sent) -> None:
        """Add what a message of the same album brought."""
        self.items.extend(sent.items)
        self.caption = self.caption or sent.caption
        self.origin = self.origin or sent.origin

    def to_json(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Pending:
        known = {f.name for f in dataclasses.fields(cls)}
        return cls(**{key: value for key, value in data.items() if key in known})
