"""The private chat's reply keyboard, always under the typing field: "📍 Autour de moi"
(Telegram's location button: the nearest clients) and "🔎 Rechercher"; while a picker is open
(whom to invite, which group to link), its "✖️ Annuler".

A tap on a text button sends its label as a message: those labels are recognised in every
language the bot speaks, so that they are never taken for a search or a form's value.
"""

from __future__ import annotations

from enum import StrEnum

from telegram import Message
from telegram.ext import filters

from bot.i18n import t
from bot.languages import CODES


class Key(StrEnum):
    NEARBY = "nearby"
    SEARCH = "search"
    CANCEL = "cancel"


_LABELS: dict[str, Key] = {t(lang, f"shortcuts.{key.value}"): key for lang in CODES for key in Key}


def shortcut_of(text: str) -> Key | None:
    """The button whose label this text is, if it is one."""
    return _LABELS.get(text.strip())


class Shortcut(filters.MessageFilter):
    """A tap on one of the reply keyboard's text buttons, in a private chat."""

    def filter(self, message: Message) -> bool:
        if message.chat.type != "private" or message.text is None:
            return False
        return shortcut_of(message.text) is not None
