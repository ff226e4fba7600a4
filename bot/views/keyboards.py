"""Small builders for inline keyboards."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import CallbackData
from bot.i18n import t
from bot.payloads import Menu


def button(label: str, payload: CallbackData) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=payload.pack())


def link(label: str, url: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, url=url)


def keyboard(*rows: Iterable[InlineKeyboardButton] | None) -> InlineKeyboardMarkup:
    """A keyboard from rows; None or empty rows are left out, so rows can be conditional."""
    return InlineKeyboardMarkup([list(row) for row in rows if row])


def confirm(lang: str, yes: CallbackData, no: CallbackData) -> InlineKeyboardMarkup:
    """The one Yes/No confirmation of the bot: "Oui" / "Non", and "Non" changes nothing."""
    return keyboard([button(t(lang, "common.yes"), yes), button(t(lang, "common.no"), no)])


def menu_row(lang: str) -> Sequence[InlineKeyboardButton]:
    return [button(t(lang, "common.menu"), Menu())]
