"""lokisi.writing: what the small write transactions store is what SQLAlchemy's own execution
stores, they are all or nothing, and on SQLite they wait their turn for the write lock."""

import asyncio
import sqlite3
from datetime import timedelta
from typing import Any, cast

import asyncpg
import pytest
from sqlalchemy import Table, insert, select, text
from sqlalchemy.exc import IntegrityError, StatementError
from sqlalchemy.ext.asyncio import AsyncEngine

from lokisi.models import BotState, InboxUpdate, utcnow
from lokisi.services.inbox import MARK_HANDLED, handled_rows
from lokisi.writing import write

INBOX = cast(Table, InboxUpdate.__table__)
STATE = cast(Table, BotState.__table__)


PAYLOAD = {"update_id": 1, "message": {"text": "Dupont « é » \U0001f527", "n": [1, 2.5]}}


async def stored(engine: AsyncEngine, table: str) -> list[tuple[Any, ...]]:
    """The rows as the database holds them (text on SQLite), not as SQLAlchemy reads them."""
    async with engine.connect() as connection:
        rows = await connection.execute(text(f"SELECT * FROM {table} ORDER BY 1"))
        return [tuple(row) for row in rows]


async def test_a_row_is_stored_as_sqlalchemy_stores_it(engine: AsyncEngine) -> None:
    now = utcnow()
    rows = [
        {"update_id": update_id, "payload": PAYLOAD, "received_at": now, "attempts": 0}
        for update_id in (1, 2)
    ]
    async with engine.begin() as connection:
        await connection.execute(insert(INBOX), rows[0])
    await write(engine, (insert(INBOX), [rows[1]]))
    by_sqlalchemy, by_write = await stored(engine, "inbox")
    assert by_write[1:] == by_sqlalchemy[1:]
    async with engine.connect() as connection:
        read = (await connection.execute(select(INBOX).where(INBOX.c.update_id == 2))).one()
    assert (read.payload, read.received_at) == (PAYLOAD, now)


async def test_several_statements_and_rows_return_what_returning_gives(
    engine: AsyncEngine,
) -> None:
    keep = insert(INBOX).returning(INBOX.c.update_id)
    now = utcnow()
    rows = [{"update_id": i, "payload": None, "received_at": now, "attempts": 0} for i in (5, 6)]
    kept, marked, nothing = await write(
        engine, (keep, rows), (MARK_HANDLED, handled_rows([5], now)), (insert(STATE), [])
    )
    assert (kept, marked, nothing) == ([(5,), (6,)], [], [])
    async with engine.connect() as connection:
        handled = (await connection.execute(select(INBOX.c.update_id, INBOX.c.handled_at))).all()
    assert sorted(handled) == [(5, now), (6, None)]


async def test_a_failing_statement_undoes_those_before_it(engine: AsyncEngine) -> None:
    now = utcnow()
    row = {"store": "user_data", "key": "1", "data": {"a": 1}, "updated_at": now}
    first = {"update_id": 9, "payload": None, "received_at": now, "attempts": 0}
    with pytest.raises(IntegrityError):
        # The same key twice: the second row breaks the primary key.
        await write(engine, (insert(INBOX), [first]), (insert(STATE), [row, row]))
    assert await stored(engine, "inbox") == []
    assert await stored(engine, "bot_state") == []


async def test_a_value_that_cannot_be_stored_fails_as_with_sqlalchemy_and_writes_nothing(
    engine: AsyncEngine,
) -> None:
    now = utcnow()
    good = {"update_id": 3, "payload": None, "received_at": now, "attempts": 0}
    bad = {"store": "user_data", "key": "1", "data": {"draft": object()}, "updated_at": now}
    with pytest.raises(StatementError, match="not JSON serializable"):
        await write(engine, (insert(INBOX), [good]), (insert(STATE), [bad]))
    assert await stored(engine, "inbox") == []


async def test_on_sqlite_a_write_waits_for_another_connections_write_lock(
    engine: AsyncEngine,
) -> None:
    if engine.dialect.name != "sqlite":
        pytest.skip("SQLite's one write lock")
    other = sqlite3.connect(engine.url.database or "", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    row = {"update_id": 4, "payload": None, "received_at": utcnow(), "attempts": 0}
    writing = asyncio.create_task(write(engine, (insert(INBOX), [row])))
    await asyncio.sleep(0.1)
    assert not writing.done()
    # The loop was free meanwhile: the lock was waited for in asyncio, not in SQLite's handler.
    other.execute("COMMIT")
    other.close()
    await asyncio.wait_for(writing, timeout=timedelta(seconds=5).total_seconds())
    assert [row[0] for row in await stored(engine, "inbox")] == [4]


async def test_on_postgresql_a_write_of_one_row_opens_no_transaction(
    engine: AsyncEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    if engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL's round trips")
    opened: list[object] = []
    transaction = asyncpg.Connection.transaction

    def counted(self: asyncpg.Connection, **options: Any) -> Any:
        opened.append(options)
        return transaction(self, **options)

    monkeypatch.setattr(asyncpg.Connection, "transaction", counted)
    now = utcnow()
    one = {"update_id": 11, "payload": None, "received_at": now, "attempts": 0}
    await write(engine, (insert(INBOX), [one]))
    await write(engine, (MARK_HANDLED, handled_rows([11], now)), (insert(STATE), []))
    assert opened == []
    # Two rows, or two statements: all or nothing, in a transaction.
    two = [one | {"update_id": 12}, one | {"update_id": 13}]
    await write(engine, (insert(INBOX), two))
    row = {"store": "user_data", "key": "1", "data": {"a": 1}, "updated_at": now}
    await write(engine, (MARK_HANDLED, handled_rows([12], now)), (insert(STATE), [row]))
    assert len(opened) == 2
    assert [row[0] for row in await stored(engine, "inbox")] == [11, 12, 13]
