"""Who a Telegram user is, remembered between updates: looking it up was one database
transaction on every update, the largest cost of the access check.

Remembering is safe: every service call re-reads the member in its own transaction, so a
removal or a change of role is enforced at once whatever is remembered here; this only
decides who gets an answer and which buttons they see. A change made in this process is
forgotten at once (the event bus tells of it); one made by another process after MAX_AGE.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

from lokisi.events import ChangeEvent
from lokisi.schemas import MemberView
from lokisi.services import Services

MEMBERS_KEY = "members"
MAX_AGE = 30.0
# Past this many users, those not seen for MAX_AGE are dropped.
MAX_REMEMBERED = 10_000


class MemberCache:
    """Members by Telegram user id, for MAX_AGE seconds; outsiders are never remembered, so
    an invitation redeemed a moment ago works on the very next update."""

    def __init__(self, services: Services) -> None:
        self._services = services
        self._known: dict[int, tuple[float, MemberView]] = {}
        services.events.subscribe(self._forget_on_member_change)

    @classmethod
    def of(cls, bot_data: dict[Any, Any], services: Services) -> MemberCache:
        """The application's cache (kept in bot_data, which is never persisted)."""
        cache = bot_data.get(MEMBERS_KEY)
        if not isinstance(cache, MemberCache):
            cache = bot_data[MEMBERS_KEY] = cls(services)
        return cache

    async def member_for(self, telegram_user_id: int) -> MemberView | None:
        now = time.monotonic()
        known = self._known.get(telegram_user_id)
        if known is not None and now - known[0] < MAX_AGE:
            return known[1]
        member = await self._services.accounts.member_for(telegram_user_id)
        if member is None:
            self._known.pop(telegram_user_id, None)
            return None
        if len(self._known) >= MAX_REMEMBERED:
            self._known = {k: v for k, v in self._known.items() if now - v[0] < MAX_AGE}
        self._known[telegram_user_id] = (now, member)
        return member

    def forget(self, telegram_user_id: int) -> None:
        """Read this user's membership again at their next update (they left the team's
        group: maybe an administrator removed them from the account too)."""
        self._known.pop(telegram_user_id, None)

    def _forget_on_member_change(self, changes: Sequence[ChangeEvent]) -> None:
        # Joins, role changes and removals are rare: forgetting everyone is simplest.
        if any(change.entity == "member" for change in changes):
            self._known.clear()
