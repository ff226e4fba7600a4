"""The Corbeille screen."""

from __future__ import annotations

from collections.abc import Sequence

from telegram import InlineKeyboardMarkup

from bot.i18n import t
from bot.payloads import Restore
from bot.views.keyboards import button, keyboard, menu_row
from bot.views.values import when
from lokisi.schemas import DeletedClient


def trash_text(lang: str, deleted: Sequence[DeletedClient]) -> str:
    return t(lang, "trash.title") if deleted else t(lang, "trash.empty")


def trash_keyboard(lang: str, deleted: Sequence[DeletedClient]) -> InlineKeyboardMarkup:
    rows = [
        [
            button(
                t(
                    lang,
                    "trash.entry",
                    name=client.name[:40],
                    code=client.code,
                    deleted=when(lang, client.deleted_at, "day"),
                ),
                Restore(client.id),
            )
        ]
        for client in deleted
    ]
    return keyboard(*rows, menu_row(lang))
