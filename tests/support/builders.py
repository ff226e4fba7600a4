"""Builders for incoming Telegram updates, bound to a bot via Update.de_json."""

from __future__ import annotations

import itertools
import time
from typing import Any

from telegram import Bot, Update

# One global sequence keeps update ids increasing across every user and chat.
_update_ids = itertools.count(1)
_query_ids = itertools.count(1)

# A sticker as Telegram sends one: content the bot does not keep.
STICKER = {
    "file_id": "s",
    "file_unique_id": "s",
    "type": "regular",
    "width": 512,
    "height": 512,
    "is_animated": False,
    "is_video": False,
}


def user_dict(
    user_id: int,
    first_name: str = "Jean",
    language_code: str | None = "fr",
    last_name: str | None = None,
    username: str | None = None,
) -> dict[str, Any]:
    """JSON of a human Telegram user."""
    user: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": first_name}
    optional = {"last_name": last_name, "username": username, "language_code": language_code}
    return user | {key: value for key, value in optional.items() if value is not None}


def private_chat(user: dict[str, Any]) -> dict[str, Any]:
    """JSON of the private chat between the bot and a user."""
    keys = ("first_name", "last_name", "username")
    return {"id": user["id"], "type": "private"} | {key: user[key] for key in keys if key in user}


def group_chat(
    chat_id: int, title: str = "Équipe LoKisi", chat_type: str = "group", *, forum: bool = False
) -> dict[str, Any]:
    """JSON of a group or supergroup chat; a forum is a supergroup with topics."""
    chat: dict[str, Any] = {"id": chat_id, "type": chat_type, "title": title}
    return chat | {"is_forum": True} if forum else chat


def message_dict(
    message_id: int,
    user: dict[str, Any],
    chat: dict[str, Any],
    *,
    topic: int | None = None,
    **content: Any,
) -> dict[str, Any]:
    """JSON of a message a user sent now, with the given content fields; in a forum's topic,
    with the topic's thread id as Telegram gives it."""
    message = {"message_id": message_id, "date": int(time.time()), "chat": chat, "from": user}
    if topic is not None:
        message |= {"message_thread_id": topic, "is_topic_message": True}
    return message | {key: value for key, value in content.items() if value is not None}


def command_entities(text: str) -> list[dict[str, Any]] | None:
    """A bot_command entity for a '/cmd args' text, as Telegram adds it."""
    if not text.startswith("/") or len(text) < 2:
        return None
    command = text.split(maxsplit=1)[0]
    length = len(command.encode("utf-16-le")) // 2
    return [{"type": "bot_command", "offset": 0, "length": length}]


def update(bot: Bot, **payload: Any) -> Update:
    """Wrap one update payload (message=..., callback_query=..., ...) with a fresh update id."""
    built = Update.de_json({"update_id": next(_update_ids), **payload}, bot)
    assert built is not None
    return built


def text_message(
    bot: Bot,
    user: dict[str, Any],
    chat: dict[str, Any],
    message_id: int,
    text: str,
    reply_to: dict[str, Any] | None = None,
    topic: int | None = None,
) -> Update:
    """A text message (commands get their bot_command entity), optionally a reply."""
    message = message_dict(
        message_id,
        user,
        chat,
        topic=topic,
        text=text,
        entities=command_entities(text),
        reply_to_message=reply_to,
    )
    return update(bot, message=message)


def chat_member_update(
    bot: Bot,
    chat: dict[str, Any],
    by: dict[str, Any],
    member: dict[str, Any],
    old_status: str,
    new_status: str,
    *,
    mine: bool = False,
) -> Update:
    """Someone's membership of a chat changed (`my_chat_member` when it is the bot's)."""

    def status(value: str) -> dict[str, Any]:
        described: dict[str, Any] = {"status": value, "user": member}
        if value == "kicked":
            described["until_date"] = 0
        if value == "administrator":
            described |= {
                "can_be_edited": False,
                "is_anonymous": False,
                "can_manage_chat": True,
                "can_delete_messages": True,
                "can_manage_video_chats": False,
                "can_restrict_members": False,
                "can_promote_members": False,
                "can_change_info": False,
                "can_invite_users": False,
                "can_post_stories": False,
                "can_edit_stories": False,
                "can_delete_stories": False,
            }
        return described

    changed = {
        "chat": chat,
        "from": by,
        "date": int(time.time()),
        "old_chat_member": status(old_status),
        "new_chat_member": status(new_status),
    }
    return update(bot, **{"my_chat_member" if mine else "chat_member": changed})


def contact_message(
    bot: Bot,
    user: dict[str, Any],
    chat: dict[str, Any],
    message_id: int,
    phone_number: str,
    first_name: str,
    last_name: str | None = None,
    contact_user_id: int | None = None,
    **where: Any,
) -> Update:
    """A shared contact; pass contact_user_id=user id when users share their own number.
    `where` takes the message's `topic` and `reply_to_message`."""
    contact: dict[str, Any] = {"phone_number": phone_number, "first_name": first_name}
    optional = {"last_name": last_name, "user_id": contact_user_id}
    contact |= {key: value for key, value in optional.items() if value is not None}
    return update(bot, message=message_dict(message_id, user, chat, contact=contact, **where))


def location_message(
    bot: Bot,
    user: dict[str, Any],
    chat: dict[str, Any],
    message_id: int,
    latitude: float,
    longitude: float,
    **where: Any,
) -> Update:
    """A shared location (`where` as for a contact)."""
    location = {"latitude": latitude, "longitude": longitude}
    return update(bot, message=message_dict(message_id, user, chat, location=location, **where))


def callback_query(
    bot: Bot, user: dict[str, Any], message: dict[str, Any], data: str, query_id: str | None = None
) -> Update:
    """A press on an inline button of `message` carrying `data`."""
    query = {
        "id": query_id or f"cbq-{next(_query_ids)}",
        "from": user,
        "message": message,
        "chat_instance": f"instance-{message['chat']['id']}",
        "data": data,
    }
    return update(bot, callback_query=query)


def inline_query(
    bot: Bot, user: dict[str, Any], query: str, offset: str = "", query_id: str | None = None
) -> Update:
    """An inline query typed as '@bot query'."""
    payload = {
        "id": query_id or f"iq-{next(_query_ids)}",
        "from": user,
        "query": query,
        "offset": offset,
    }
    return update(bot, inline_query=payload)


def chosen_inline_result(bot: Bot, user: dict[str, Any], result_id: str, query: str) -> Update:
    """The user picked result `result_id` of an inline query."""
    result = {"result_id": result_id, "from": user, "query": query}
    return update(bot, chosen_inline_result=result)


def photo_sizes(file_id: str, file_unique_id: str) -> list[dict[str, Any]]:
    """A photo as Telegram delivers it: the same picture in several sizes, largest last."""
    return [
        {
            "file_id": f"{file_id}-s",
            "file_unique_id": f"{file_unique_id}-s",
            "width": 90,
            "height": 67,
            "file_size": 1_300,
        },
        {
            "file_id": file_id,
            "file_unique_id": file_unique_id,
            "width": 1280,
            "height": 960,
            "file_size": 182_000,
        },
    ]


def user_origin(user: dict[str, Any], date: int | None = None) -> dict[str, Any]:
    """forward_origin of a message forwarded from a user who allows linking to them."""
    return {"type": "user", "date": date or int(time.time()) - 3600, "sender_user": user}


def media_message(
    bot: Bot,
    user: dict[str, Any],
    chat: dict[str, Any],
    message_id: int,
    *,
    reply_to: dict[str, Any] | None = None,
    media_group_id: str | None = None,
    forward_origin: dict[str, Any] | None = None,
    **content: Any,
) -> Update:
    """A message with any content (photo=..., document=..., voice=..., text=...), optionally a
    reply, one update of an album, or forwarded."""
    message = message_dict(
        message_id,
        user,
        chat,
        reply_to_message=reply_to,
        media_group_id=media_group_id,
        forward_origin=forward_origin,
        **content,
    )
    return update(bot, message=message)
