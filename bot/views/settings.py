"""Réglages and Inviter: the account configuration as toggles, and invitation links."""

from __future__ import annotations

import html
from enum import StrEnum
from urllib.parse import urlencode

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import CallbackData
from bot.i18n import t
from bot.payloads import (
    Invite,
    InviteLink,
    LinkGroup,
    Menu,
    SetActivityFeed,
    SetInterventionStart,
    SetRentalStart,
)
from bot.views.keyboards import button, keyboard, link, menu_row
from bot.views.values import when
from lokisi.enums import InterventionStart, RentalStart, Role
from lokisi.schemas import AccountView, InvitationView

SHARE_URL = "https://t.me/share/url"

CURRENT = "●"
OTHER = "○"


def settings_text(lang: str, account: AccountView) -> str:
    feed = t(lang, "settings.feed_on" if account.activity_feed else "settings.feed_off")
    return "\n".join(
        [
            t(lang, "settings.title", account=html.escape(account.name)),
            "",
            t(
                lang,
                "settings.intervention",
                value=t(lang, f"settings.intervention_{account.intervention_start.value}"),
            ),
            t(
                lang,
                "settings.rental",
                value=t(lang, f"settings.rental_{account.rental_start.value}"),
            ),
            t(lang, "settings.feed", value=feed),
            "",
            t(lang, "settings.hint"),
        ]
    )


def _option(
    lang: str, emoji: str, key: str, value: StrEnum, current: StrEnum, payload: CallbackData
) -> InlineKeyboardButton:
    mark = CURRENT if value == current else OTHER
    return button(f"{emoji} {mark} {t(lang, f'{key}_{value.value}')}", payload)


def settings_keyboard(lang: str, account: AccountView) -> InlineKeyboardMarkup:
    """One row per setting; the current choice is marked ●."""
    intervention = [
        _option(
            lang,
            "🛠",
            "settings.intervention",
            value,
            account.intervention_start,
            SetInterventionStart(value),
        )
        for value in InterventionStart
    ]
    rental = [
        _option(lang, "📦", "settings.rental", value, account.rental_start, SetRentalStart(value))
        for value in RentalStart
    ]
    feed_key = "settings.feed_disable" if account.activity_feed else "settings.feed_enable"
    return keyboard(
        intervention,
        rental,
        [button(t(lang, feed_key), SetActivityFeed(not account.activity_feed))],
        [button(t(lang, "group.link_button"), LinkGroup())],
        [button(t(lang, "common.back"), Menu())],
    )


def invite_choice_keyboard(lang: str) -> InlineKeyboardMarkup:
    return keyboard(
        [button(t(lang, "access.invite_technicien"), Invite(Role.TECHNICIEN))],
        [button(t(lang, "access.invite_manager"), Invite(Role.MANAGER))],
        [button(t(lang, "common.back"), Menu())],
    )


def invite_pick_keyboard(lang: str, role: Role) -> InlineKeyboardMarkup:
    """Beside the picker: a link for someone who is not in the contacts, or back."""
    return keyboard(
        [button(t(lang, "access.invite_by_link"), InviteLink(role))],
        [button(t(lang, "common.back"), Invite())],
    )


def invited_keyboard(lang: str, deep_link: str) -> InlineKeyboardMarkup:
    """The invited person's one tap: the link /start redeems."""
    return keyboard([link(t(lang, "access.join"), deep_link)])


def expiry(lang: str, invitation: InvitationView) -> str:
    """Until when the invitation serves, in the company's time."""
    return when(lang, invitation.expires_at)


def invitation_text(lang: str, invitation: InvitationView, deep_link: str) -> str:
    return t(
        lang,
        "access.invite_link",
        role=t(lang, f"role.{invitation.role.value}"),
        expires=expiry(lang, invitation),
        link=html.escape(deep_link),
    )


def invitation_keyboard(lang: str, account: AccountView, deep_link: str) -> InlineKeyboardMarkup:
    """Telegram's share sheet, with the link and a word saying what it is."""
    text = t(lang, "access.invite_share_text", account=account.name)
    share = f"{SHARE_URL}?{urlencode({'url': deep_link, 'text': text})}"
    return keyboard([link(t(lang, "access.invite_share"), share)], menu_row(lang))
