"""No update lost between fetching and handling, none handled twice: python-telegram-bot's
update queue, written through to the database's inbox (lokisi.services.inbox).

python-telegram-bot's Updater puts each update it fetches into the application's queue and
only then confirms it to Telegram: by long polling, the next `getUpdates` asks from the
offset after it; by webhook, its HTTP handler answers 200 once `put` returns. This queue's
`put` stores the update first, so that once Telegram is told an update arrived, it is in the
database. Updates are then handled from the queue as usual; the persistence marks each one
handled in the transaction that stores what it changed (bot.persistence.persist_now), and
after a crash `replay` puts back, in order, those that were stored and never marked.

The same update delivered twice (Telegram delivering again what a killed process had not
confirmed, or a webhook retried after the 200 was lost) is stored once and handled once.

While the database cannot store an update, nothing is confirmed: `put` raises a TelegramError,
so that python-telegram-bot's polling loop asks again later for the same updates (with its
own growing pauses, and a log line each time), and its webhook answers 500, which Telegram
retries.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from telegram import Bot, Update
from telegram.error import TelegramError

from lokisi.services.inbox import Inbox

log = logging.getLogger(__name__)


class InboxUnavailable(TelegramError):
    """The database could not store an update: it must not be confirmed to Telegram."""


class InboxQueue(asyncio.Queue[object]):
    """The application's update queue; `put` returns once the update is stored."""

    def __init__(self, inbox: Inbox) -> None:
        super().__init__()
        self.inbox = inbox

    async def put(self, item: object) -> None:
        if isinstance(item, Update) and not await self._keep(item):
            log.info("update %s delivered again: handled once already", item.update_id)
            return
        await super().put(item)

    async def _keep(self, update: Update) -> bool:
        try:
            return await self.inbox.keep(update.update_id, update.to_dict())
        except Exception as error:
            raise InboxUnavailable(f"update {update.update_id} not stored: {error!r}") from error

    async def replay(self, bot: Bot) -> int:
        """Queue the updates stored before a crash and never handled; returns how many."""
        waiting, given_up = await self.inbox.take_waiting()
        for update in given_up:
            log.error(
                "update %s given up: %d start-ups found it unhandled",
                update.update_id,
                update.attempts - 1,
            )
        for update in waiting:
            await super().put(Update.de_json(update.payload, bot))
        if waiting:
            log.info("%d update(s) stored before a stop are handled now", len(waiting))
        return len(waiting)


def inbox_of(application: Any) -> InboxQueue | None:
    """The application's inbox, if its updates come through one (not in tests that process
    updates directly, nor in the console)."""
    queue = application.update_queue
    return queue if isinstance(queue, InboxQueue) else None
