"""The main menu."""

from __future__ import annotations

import html

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.i18n import t
from bot.payloads import FormResume, Invite, ListPage, NewClient, SearchPrompt, Settings, Trash
from bot.views.keyboards import button, keyboard
from lokisi.schemas import AccountView, MemberView


def menu_text(lang: str, account: AccountView) -> str:
    return t(lang, "menu.title", account=html.escape(account.name))


def menu_keyboard(lang: str, member: MemberView, *, resume: bool = False) -> InlineKeyboardMarkup:
    """The manual's tasks; "Reprendre" first when a form was left here. The selection serves
    bulk deletion only: managers alone are offered it."""
    manager_rows: tuple[list[InlineKeyboardButton] | None, ...] = (None,)
    if member.is_manager:
        manager_rows = (
            [button(t(lang, "menu.select"), ListPage(select=True))],
            [
                button(t(lang, "menu.settings"), Settings()),
                button(t(lang, "menu.invite"), Invite()),
            ],
        )
    return keyboard(
        [button(t(lang, "menu.resume"), FormResume())] if resume else None,
        [button(t(lang, "menu.new_client"), NewClient())],
        [
            button(t(lang, "menu.search"), SearchPrompt()),
            button(t(lang, "menu.list"), ListPage()),
        ],
        *manager_rows,
        [button(t(lang, "trash.button"), Trash())] if member.is_manager else None,
    )
