"""Users side by side, each in order: updates of different people are handled concurrently,
those of one person one after the other, in the order Telegram sent them.

python-telegram-bot handles updates one at a time by default, so at 50 members pressing
buttons the latency is the queue. Its `concurrent_updates` runs them side by side with no
order at all: a user's "Oui" could overtake the card it answers. This processor serialises
per person: an update waits for the previous update of its key to finish, and only then
takes one of `workers` slots, so that a person with many updates queued holds one slot, not
many, and others go past them.

The key is the user, which keeps each (chat, topic, user)'s updates in order and is coarser
on purpose: a user's data (their drafts, in every chat and topic) is one dict, and
python-telegram-bot's ConversationHandler keys its states on chat and user only, so two
topics of one forum share a state (bot.places); two updates of one person changing them at
once would each overwrite the other's change. One person's updates come at the pace of their
taps, so serialising them all costs nothing measurable. Updates without a user (channel
posts) are keyed by their chat and topic.

Bounded twice: python-telegram-bot's own semaphore (`max_concurrent_updates`) bounds the
updates taken from the queue and not finished (a slow database then slows the intake instead
of filling memory), and `workers` the handlers running at once (database connections,
requests in flight).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Hashable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

from bot.places import topic_of

# Taken from the queue and not finished: enough for bursts of a few thousand members.
MAX_PENDING = 1024
# Handlers running at once: more would only wait for a database connection; the PostgreSQL
# pool keeps one open for each (lokisi.db.POOL_SIZE).
WORKERS = 16


def key_of(update: object) -> Hashable | None:
    """Whose turn it is: None for what needs no order (not an update, or nobody's)."""
    if not isinstance(update, Update):
        return None
    if update.effective_user is not None:
        return ("user", update.effective_user.id)
    if update.effective_chat is not None:
        return ("chat", update.effective_chat.id, topic_of(update.effective_message))
    return None


class PerUserUpdateProcessor(BaseUpdateProcessor):
    """One update at a time per key, up to `workers` keys at once."""

    def __init__(self, max_pending: int = MAX_PENDING, workers: int = WORKERS) -> None:
        super().__init__(max_pending)
        self._workers = asyncio.BoundedSemaphore(workers)
        # Per key, the end of its latest update: the next one of the key waits for it.
        self._last: dict[Hashable, asyncio.Future[None]] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        key = key_of(update)
        previous = self._last.get(key) if key is not None else None
        done = asyncio.get_running_loop().create_future()
        if key is not None:
            self._last[key] = done
        started = False
        try:
            if previous is not None:
                # Shielded: an update cancelled while waiting must not cancel the one before.
                await asyncio.shield(previous)
            async with self._workers:
                started = True
                await coroutine
        finally:
            done.set_result(None)
            if key is not None and self._last.get(key) is done:
                del self._last[key]
            if not started and asyncio.iscoroutine(coroutine):
                # Cancelled before its turn: closed, so that it never runs nor warns.
                coroutine.close()

    async def initialize(self) -> None:
        """Nothing to set up: the loop's futures are made as updates come."""

    async def shutdown(self) -> None:
        """python-telegram-bot waits for the updates in hand before shutting down."""
