"""The nearest clients to a shared location: distances, and a button to each card."""

from __future__ import annotations

import html

from telegram import InlineKeyboardMarkup

from bot.i18n import t
from bot.payloads import Card
from bot.views.keyboards import button, keyboard, menu_row
from bot.views.values import client_title
from lokisi.schemas import NearbyClient

MAX_LABEL = 40


def display_distance(lang: str, metres: float) -> str:
    """Rounded as people say it: "350 m", "1,2 km" (the language's decimal separator), "37 km"."""
    if round(metres, -1) < 1_000:
        return t(lang, "nearby.metres", distance=f"{max(10, round(metres, -1)):.0f}")
    kilometres = metres / 1_000
    shown = f"{kilometres:.1f}" if round(kilometres, 1) < 10 else f"{kilometres:.0f}"
    shown = shown.replace(".", t(lang, "common.decimal_separator"))
    return t(lang, "nearby.kilometres", distance=shown)


def nearby_text(lang: str, nearby: list[NearbyClient]) -> str:
    if not nearby:
        return t(lang, "nearby.none")
    lines = [t(lang, "nearby.title")]
    for rank, near in enumerate(nearby, start=1):
        town = f" · {html.escape(near.client.city)}" if near.client.city else ""
        distance = display_distance(lang, near.distance_m)
        lines.append(f"{rank}. {client_title(near.client)} — {distance}{town}")
    return "\n".join(lines)


def nearby_keyboard(lang: str, nearby: list[NearbyClient]) -> InlineKeyboardMarkup:
    """One button per client, named and with its distance: one tap opens its card."""
    rows = [
        [
            button(
                f"{_short(n.client.name)} · {display_distance(lang, n.distance_m)}",
                Card(n.client.id),
            )
        ]
        for n in nearby
    ]
    return keyboard(*rows, menu_row(lang))


def _short(name: str) -> str:
    return name if len(name) <= MAX_LABEL else name[: MAX_LABEL - 1] + "…"
