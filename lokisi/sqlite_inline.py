"""aiosqlite without its thread: SQLite calls run at once, in the event loop's own thread.

aiosqlite hands every call (cursor, execute, fetch, close, commit...) to a worker thread and
waits to be woken up: about ten handoffs per transaction, 50-100 µs each on an idle machine
and whole milliseconds on a busy one, for queries that themselves take a few microseconds
(they are index lookups). Run inline, a transaction costs a third of the time and no longer
depends on how soon the operating system schedules a thread.

What the thread was for, and what replaces it:
- a long query would stop other updates meanwhile: the bot's queries are index walks of a
  page, and PTB handles updates one at a time anyway;
- waiting for a lock held by another connection: SQLite's own busy handler would sleep and
  block the whole loop (and the connection holding the lock with it), so the busy timeout is
  zero and a busy statement is retried here, asleep in asyncio, up to BUSY_TIMEOUT.
"""

from __future__ import annotations

import asyncio
import sqlite3
import time
from collections.abc import Callable
from typing import Any

import aiosqlite

BUSY_TIMEOUT = 30.0
_FIRST_WAIT = 0.001
_LONGEST_WAIT = 0.05


class _RunAtOnce:
    """Stands in for aiosqlite's queue to its worker thread (SQLAlchemy's aiosqlite adapter
    puts work in it directly to set the isolation level)."""

    def put_nowait(self, item: tuple[asyncio.Future[Any] | None, Callable[[], Any]]) -> None:
        future, function = item
        try:
            result = function()
        except BaseException as error:
            if future is not None and not future.done():
                future.set_exception(error)
        else:
            if future is not None and not future.done():
                future.set_result(result)


class InlineConnection(aiosqlite.Connection):
    """An aiosqlite connection whose calls run in the caller's thread."""

    def __init__(self, connector: Callable[[], sqlite3.Connection]) -> None:
        super().__init__(connector, iter_chunk_size=64)
        self._tx = _RunAtOnce()  # type: ignore[assignment]

    def __await__(self) -> Any:
        # No worker thread to start.
        return self._connect().__await__()

    async def _execute(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        if not self._running or not self._connection:
            raise ValueError("Connection closed")
        deadline = None
        wait = _FIRST_WAIT
        while True:
            try:
                return fn(*args, **kwargs)
            except sqlite3.OperationalError as error:
                if not _is_busy(error):
                    raise
                now = time.monotonic()
                deadline = deadline or now + BUSY_TIMEOUT
                if now >= deadline:
                    raise
            await asyncio.sleep(wait)
            wait = min(wait * 2, _LONGEST_WAIT)


def _is_busy(error: sqlite3.OperationalError) -> bool:
    # A busy statement did nothing: running it again is what SQLite's busy handler does.
    return getattr(error, "sqlite_errorcode", None) == sqlite3.SQLITE_BUSY or (
        "database is locked" in str(error)
    )


def connector(path: str) -> Callable[[], InlineConnection]:
    """For create_async_engine(async_creator=...): inline connections to one database file."""

    def connect() -> InlineConnection:
        return InlineConnection(
            lambda: sqlite3.connect(path, timeout=0, isolation_level=None, check_same_thread=False)
        )

    return connect
