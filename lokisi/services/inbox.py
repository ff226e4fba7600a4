"""The inbox: updates from Telegram, stored when they arrive and forgotten a while after they
are handled. The business attaches no meaning to them; the bot (bot.inbox) stores each one
before Telegram is told it arrived, handles it from here after a crash, and marks it handled
in the transaction that stores what handling it changed (`StateStore.write`).

A handled update stays as a tombstone, without its payload, for `KEPT`: Telegram delivers
again for up to a day what it was not told had arrived, and the tombstone makes that a
no-op. Telegram's update ids only ever increase, except after a week without any update.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import Table, bindparam, delete, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncEngine

from lokisi.db import SessionFactory
from lokisi.models import InboxUpdate, utcnow
from lokisi.writing import write

KEPT = timedelta(days=2)
# Start-ups that may find an update still waiting before it is given up: an update that
# kills the process whenever it is handled must not keep the bot from ever starting again.
MAX_ATTEMPTS = 5

_INBOX = cast(Table, InboxUpdate.__table__)
_KEEP = {
    "postgresql": postgresql.insert(_INBOX).on_conflict_do_nothing().returning(_INBOX.c.update_id),
    "sqlite": sqlite.insert(_INBOX).on_conflict_do_nothing().returning(_INBOX.c.update_id),
}
_WAITING = _INBOX.c.handled_at.is_(None)
_TRIED = update(_INBOX).where(_WAITING).values(attempts=_INBOX.c.attempts + 1)
_PENDING = (
    select(_INBOX.c.update_id, _INBOX.c.payload, _INBOX.c.attempts)
    .where(_WAITING)
    .order_by(_INBOX.c.update_id)
)
# Handled: the payload (what the user typed) goes, the id stays.
MARK_HANDLED = (
    update(_INBOX)
    .where(_INBOX.c.update_id == bindparam("handled_id"))
    .values(handled_at=bindparam("handled_when"), payload=None)
)
_FORGET = delete(_INBOX).where(_INBOX.c.handled_at < bindparam("handled_before"))


@dataclass(frozen=True)
class Waiting:
    """An update stored and not yet handled, and how many start-ups found it so."""

    update_id: int
    payload: dict[str, Any]
    attempts: int


def handled_rows(update_ids: list[int], now: datetime) -> list[dict[str, Any]]:
    """Parameters of MARK_HANDLED for these updates."""
    return [{"handled_id": update_id, "handled_when": now} for update_id in update_ids]


class Inbox:
    def __init__(self, sessions: SessionFactory) -> None:
        engine: AsyncEngine = sessions.kw["bind"]
        self._engine = engine
        self._keep = _KEEP[engine.dialect.name]

    async def keep(self, update_id: int, payload: dict[str, Any]) -> bool:
        """Store an update that arrived; False if it arrived before (waiting or handled)."""
        row = {"update_id": update_id, "payload": payload, "received_at": utcnow(), "attempts": 0}
        (kept,) = await write(self._engine, (self._keep, [row]))
        return bool(kept)

    async def take_waiting(self) -> tuple[list[Waiting], list[Waiting]]:
        """At start-up: the updates still to handle, oldest first, each counted as tried once
        more; and those tried too often, which are marked handled without being handled."""
        async with self._engine.begin() as connection:
            await connection.execute(_TRIED)
            rows = [
                Waiting(row.update_id, row.payload, row.attempts)
                for row in await connection.execute(_PENDING)
            ]
            given_up = [row for row in rows if row.attempts > MAX_ATTEMPTS]
            if given_up:
                params = handled_rows([row.update_id for row in given_up], utcnow())
                await connection.execute(MARK_HANDLED, params)
        return [row for row in rows if row.attempts <= MAX_ATTEMPTS], given_up

    async def forget_handled(self, now: datetime | None = None) -> None:
        """Forget the updates handled more than `KEPT` ago."""
        async with self._engine.begin() as connection:
            await connection.execute(_FORGET, {"handled_before": (now or utcnow()) - KEPT})
