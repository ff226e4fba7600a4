"""A small JSON key-value store for the front end's state (forms in progress), so that a
restart loses nothing. The business attaches no meaning to it."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.dialects import postgresql, sqlite

from lokisi.db import SessionFactory
from lokisi.models import BotState, utcnow


class StateStore:
    def __init__(self, sessions: SessionFactory) -> None:
        self._sessions = sessions

    async def load(self, store: str) -> dict[str, Any]:
        """Every key of one store, with its data."""
        async with self._sessions.begin() as session:
            rows = await session.execute(
                select(BotState.key, BotState.data).where(BotState.store == store)
            )
            return {str(key): data for key, data in rows}

    async def save(self, store: str, items: dict[str, Any]) -> None:
        """Write several keys at once (insert or replace), in one transaction."""
        if not items:
            return
        async with self._sessions.begin() as session:
            dialect = session.get_bind().dialect.name
            insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
            now = utcnow()
            statement = insert(BotState)
            # Rows as parameters, not in .values(): the statement is then compiled once and
            # cached, instead of on every save (one per update that changes a user's data).
            await session.execute(
                statement.on_conflict_do_update(
                    index_elements=[BotState.store, BotState.key],
                    set_={
                        "data": statement.excluded.data,
                        "updated_at": statement.excluded.updated_at,
                    },
                ),
                [
                    {"store": store, "key": k, "data": v, "updated_at": now}
                    for k, v in items.items()
                ],
            )

    async def drop(self, store: str, key: str) -> None:
        async with self._sessions.begin() as session:
            await session.execute(
                delete(BotState).where(BotState.store == store, BotState.key == key)
            )
