"""The activity feed: an account's linked groups hear, in one short line, of each client
created, modified or deleted and each document created or closed, and of who did it.

Services publish committed changes on their event bus (lokisi.events); the feed renders
them at once and posts them in a task, so that the member who made the change never waits
for the groups. Only a running application posts: tools that process updates without
running the bot (tests, a console) make no noise in the groups.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from typing import Any

from telegram.error import TelegramError
from telegram.ext import Application

from bot.context import SETTINGS_KEY
from bot.languages import DEFAULT_LANGUAGE
from bot.views.feed import feed_text
from lokisi.events import ChangeEvent
from lokisi.services import Services

log = logging.getLogger(__name__)

FEED_KEY = "activity_feed"


class ActivityFeed:
    """Listens to the services' events and posts to the groups of the account concerned."""

    def __init__(
        self, application: Application[Any, Any, Any, Any, Any, Any], services: Services
    ) -> None:
        self._application = application
        self._services = services
        self._pending: set[asyncio.Task[None]] = set()
        # Posts go out one at a time, in the order of the commits ("created" before "edited").
        self._in_order = asyncio.Lock()

    @classmethod
    def attach(
        cls, application: Application[Any, Any, Any, Any, Any, Any], services: Services
    ) -> ActivityFeed:
        feed = cls(application, services)
        services.events.subscribe(feed.on_changes)
        application.bot_data[FEED_KEY] = feed
        return feed

    def on_changes(self, changes: Sequence[ChangeEvent]) -> None:
        """Schedule the posts of one committed transaction (this must not block)."""
        if not self._application.running:
            return
        settings = self._application.bot_data.get(SETTINGS_KEY)
        # A group has no language of its own: the deployment's (French by default).
        lang = getattr(settings, "default_language", DEFAULT_LANGUAGE)
        for account_id in dict.fromkeys(change.account_id for change in changes):
            text = feed_text(lang, [c for c in changes if c.account_id == account_id])
            if text is None:
                continue
            task = self._application.create_task(self._post(account_id, text), name="feed")
            self._pending.add(task)
            task.add_done_callback(self._pending.discard)

    async def settled(self) -> None:
        """Wait until every scheduled post is sent (or has failed)."""
        while self._pending:
            await asyncio.gather(*self._pending, return_exceptions=True)

    async def _post(self, account_id: int, text: str) -> None:
        async with self._in_order:
            await self._post_now(account_id, text)

    async def _post_now(self, account_id: int, text: str) -> None:
        for chat_id, topic in await self._services.groups.feed_targets(account_id):
            try:
                await self._application.bot.send_message(
                    chat_id, text, message_thread_id=topic, disable_notification=True
                )
            except TelegramError as failure:
                # The bot may have been removed from the group: the others still hear.
                log.warning("activity feed not posted to %s: %s", chat_id, failure)
