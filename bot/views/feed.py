"""The activity feed's message: one short line per change, naming who did it."""

from __future__ import annotations

import html
from collections.abc import Sequence

from bot.i18n import t
from lokisi.events import ChangeEvent

# What a linked group hears of (the keys of the texts "group.feed.<action>").
FEED_ACTIONS = frozenset(
    {
        "client.create",
        "client.update",
        "client.delete",
        "document.create",
        "document.cloture",
        "attachment.add",
    }
)
MAX_LINES = 10


def feed_text(lang: str, changes: Sequence[ChangeEvent]) -> str | None:
    """The lines of the changes a group hears of, or None if there is none."""
    told = [c for c in changes if c.action in FEED_ACTIONS]
    if not told:
        return None
    lines = [
        t(
            lang,
            f"group.feed.{change.action}",
            actor=html.escape(change.actor_name),
            label=f"<b>{html.escape(change.label)}</b>",
        )
        for change in told[:MAX_LINES]
    ]
    if len(told) > MAX_LINES:
        lines.append(t(lang, "common.and_more", count=len(told) - MAX_LINES))
    return "\n".join(lines)
