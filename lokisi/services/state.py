"""A small JSON key-value store for the front end's state (forms in progress), so that a
restart loses nothing. The business attaches no meaning to it.

A write can also mark updates of the inbox handled (lokisi.services.inbox): what an update
changed and the fact that it was handled are then stored together, or not at all."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import bindparam, delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncEngine

from lokisi.db import SessionFactory, reading
from lokisi.models import BotState, utcnow
from lokisi.services.inbox import MARK_HANDLED, handled_rows
from lokisi.writing import write

# (store, key): the data to keep, or None to forget the key.
Changes = Mapping[tuple[str, str], Any]


def _upsert(dialect: str) -> Any:
    """Insert or replace, with the rows as parameters: compiled once, then cached."""
    statement = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(BotState)
    return statement.on_conflict_do_update(
        index_elements=[BotState.store, BotState.key],
        set_={"data": statement.excluded.data, "updated_at": statement.excluded.updated_at},
    )


_UPSERT = {dialect: _upsert(dialect) for dialect in ("postgresql", "sqlite")}
_DELETE = delete(BotState).where(
    BotState.store == bindparam("drop_store"), BotState.key == bindparam("drop_key")
)


class StateStore:
    def __init__(self, sessions: SessionFactory) -> None:
        self._sessions = sessions
        engine: AsyncEngine = sessions.kw["bind"]
        self._engine = engine
        self._upsert = _UPSERT[engine.dialect.name]

    async def load(self, store: str) -> dict[str, Any]:
        """Every key of one store, with its data."""
        async with reading(self._sessions) as connection:
            rows = await connection.execute(
                select(BotState.key, BotState.data).where(BotState.store == store)
            )
            return {str(key): data for key, data in rows}

    async def write(self, changes: Changes, *, handled: Sequence[int] = ()) -> None:
        """Keep or forget several keys of any stores, and mark the updates `handled`, in one
        transaction: all or nothing.

        Plain SQL, on SQLite through the driver (lokisi.writing): the bot writes here after
        most updates, and an ORM session would cost more than the statements themselves."""
        now = utcnow()
        kept = [
            {"store": store, "key": key, "data": data, "updated_at": now}
            for (store, key), data in changes.items()
            if data is not None
        ]
        dropped = [
            {"drop_store": store, "drop_key": key}
            for (store, key), data in changes.items()
            if data is None
        ]
        if not kept and not dropped and not handled:
            return
        marks = handled_rows(list(handled), now)
        await write(self._engine, (MARK_HANDLED, marks), (self._upsert, kept), (_DELETE, dropped))
