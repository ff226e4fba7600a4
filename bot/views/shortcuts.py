"""The private chat's reply keyboards: the shortcuts, and Telegram's pickers of a person (to
invite) or of a group (to link), each with its way out."""

from __future__ import annotations

from telegram import (
    KeyboardButton,
    KeyboardButtonRequestChat,
    KeyboardButtonRequestUsers,
    ReplyKeyboardMarkup,
)

from bot.i18n import t
from lokisi.enums import Role

# The request id a picker's answer comes back with (users_shared, chat_shared): it says what
# was asked, so nothing needs to be remembered meanwhile.
INVITE_REQUESTS: dict[Role, int] = {Role.TECHNICIEN: 1, Role.MANAGER: 2}
LINK_GROUP_REQUEST = 10


def shortcuts_keyboard(lang: str) -> ReplyKeyboardMarkup:
    return ReplyKeyboardMarkup(
        [
            [
                KeyboardButton(t(lang, "shortcuts.nearby"), request_location=True),
                KeyboardButton(t(lang, "shortcuts.search")),
            ]
        ],
        is_persistent=True,
        resize_keyboard=True,
        input_field_placeholder=t(lang, "shortcuts.placeholder"),
    )


def _picker(lang: str, button: KeyboardButton) -> ReplyKeyboardMarkup:
    return ReplyKeyboardMarkup(
        [[button], [KeyboardButton(t(lang, "shortcuts.cancel"))]],
        resize_keyboard=True,
        one_time_keyboard=True,
    )


def person_picker(lang: str, role: Role) -> ReplyKeyboardMarkup:
    """Telegram's list of the manager's contacts and chats: one person, no bot."""
    request = KeyboardButtonRequestUsers(
        INVITE_REQUESTS[role],
        user_is_bot=False,
        max_quantity=1,
        request_name=True,
        request_username=True,
    )
    return _picker(lang, KeyboardButton(t(lang, "access.pick_person"), request_users=request))


def group_picker(lang: str) -> ReplyKeyboardMarkup:
    """Telegram's list of the manager's groups where the bot is a member."""
    request = KeyboardButtonRequestChat(
        LINK_GROUP_REQUEST, chat_is_channel=False, bot_is_member=True, request_title=True
    )
    return _picker(lang, KeyboardButton(t(lang, "group.pick_group"), request_chat=request))
