"""Engines and sessions: SQLite by default, PostgreSQL in production."""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import TextClause, event, exc
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import (
    AsyncConnection,
    AsyncEngine,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.ext.asyncio import AsyncSession as AsyncSession

from lokisi import sqlite_inline

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///lokisi.sqlite3"
# PostgreSQL connections older than this are replaced at checkout: firewalls and poolers drop
# connections idle for long without telling either end.
RECYCLE_SECONDS = 1800
# PostgreSQL connections kept open. The bot handles up to 16 updates at once
# (bot.update_processor); with SQLAlchemy's default of 5, every connection beyond them was
# opened for an update and closed after it: a new server process each time.
POOL_SIZE = 20

SessionFactory = async_sessionmaker[AsyncSession]
# Execution option of the connections `reading` gives.
READ_ONLY = "lokisi_read_only"


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def create_engine(url: str = DEFAULT_DATABASE_URL, **kwargs: Any) -> AsyncEngine:
    """An engine with the settings each database needs to keep the business rules."""
    if not is_sqlite(url):
        kwargs.setdefault("pool_recycle", RECYCLE_SECONDS)
        kwargs.setdefault("pool_size", POOL_SIZE)
        engine = create_async_engine(url, **kwargs)
        _discard_closed_connections(engine)
        return engine
    database = make_url(url).database
    if database and database != ":memory:":
        Path(database).parent.mkdir(parents=True, exist_ok=True)
        # Calls run inline, not in aiosqlite's thread: see lokisi.sqlite_inline for why.
        kwargs.setdefault("async_creator", sqlite_inline.connector(database))
    engine = create_async_engine(url, **kwargs)
    _configure_sqlite(engine)
    return engine


def _discard_closed_connections(engine: AsyncEngine) -> None:
    """No ping before each checkout: on asyncpg, SQLAlchemy's pre-ping is a BEGIN, a query
    and a ROLLBACK (three round trips) before a read that is one.

    A server that restarts or ends a session closes its connections: asyncpg sees the socket
    close while the connection waits in the pool, and says so without a round trip. Such a
    connection is refused at checkout, and SQLAlchemy retries the checkout with a new one
    (the whole pool is dropped: a restart closed them all), so the update's first statement
    runs on a live connection."""

    @event.listens_for(engine.sync_engine, "checkout")
    def _on_checkout(_dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        if record.driver_connection.is_closed():
            raise exc.InvalidatePoolError("the server closed this connection")


def _configure_sqlite(engine: AsyncEngine) -> None:
    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the driver, open transactions (see the "begin" hook).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        # Waiting for another connection's lock happens in asyncio (lokisi.sqlite_inline): a
        # busy handler sleeping in the event loop's thread would block the lock's holder too.
        cursor.execute("PRAGMA busy_timeout=0")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(connection: Any) -> None:
        # IMMEDIATE takes the write lock up front: a deferred transaction that later
        # writes can fail at once with "database is locked" instead of waiting its turn.
        # A reading connection never writes: it takes no lock, and waits for no writer.
        if connection.get_execution_options().get(READ_ONLY):
            connection.exec_driver_sql("BEGIN")
        else:
            connection.exec_driver_sql("BEGIN IMMEDIATE")


def session_factory(engine: AsyncEngine) -> SessionFactory:
    return async_sessionmaker(engine, expire_on_commit=False)


def database_url(sessions: SessionFactory) -> str:
    """The URL of the database the sessions use, password included."""
    engine: AsyncEngine = sessions.kw["bind"]
    return engine.url.render_as_string(hide_password=False)


@asynccontextmanager
async def reading(sessions: SessionFactory) -> AsyncIterator[AsyncConnection]:
    """A connection for reads that change nothing, one transaction, without an ORM session.

    The bot's busiest calls (a card, a page of results) read a row or a page by index: a
    session, its identity map and ORM objects cost three times what the query itself does.
    """
    engine: AsyncEngine = sessions.kw["bind"]
    async with engine.connect() as connection:
        if engine.dialect.name == "postgresql":
            # No BEGIN and no ROLLBACK: the query is the read's one round trip. Each statement
            # sees what was committed before it.
            await connection.execution_options(isolation_level="AUTOCOMMIT")
        else:
            await connection.execution_options(**{READ_ONLY: True})
        yield connection


async def fetch_rows(
    executor: AsyncSession | AsyncConnection, statement: TextClause, params: Mapping[str, Any]
) -> Sequence[Sequence[Any]]:
    """The rows of a textual read, in the executor's transaction.

    On SQLite, the statement goes to the driver's connection (inline, lokisi.sqlite_inline)
    with its named parameters as they are: SQLAlchemy's execution took 120 µs a statement,
    the driver's 5, for index walks that take tens (a search makes up to seven). The
    transaction is the executor's own, begun here if no statement before began it (a
    search's first statement is this one), so that all its statements read one snapshot."""
    connection = executor if isinstance(executor, AsyncConnection) else await executor.connection()
    if connection.dialect.name != "sqlite":
        return (await connection.execute(statement, params)).all()
    if not connection.in_transaction():
        await connection.begin()
    raw = await connection.get_raw_connection()
    driver: Any = raw.driver_connection
    cursor = await driver.execute(statement.text, params)
    try:
        return list(await cursor.fetchall())
    finally:
        await cursor.close()
