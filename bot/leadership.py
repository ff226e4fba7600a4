"""Which process serves the bot: one leader per bot and database, the others stand by.

On PostgreSQL the leader holds an advisory lock on a connection of its own (not the pool's,
whose connections come and go). PostgreSQL releases the lock when that session ends: when
the process dies, when the connection breaks, or, for a leader that stopped talking (a
network cut, a frozen machine), after IDLE_SESSION_TIMEOUT without the heartbeat. A standby
tries to take the lock every CHECK_INTERVAL, so it takes over within
TAKEOVER_WITHIN seconds; a leader whose heartbeat fails steps down before the lock can be
taken from it.

SQLite serves one process only: the first one locks a file beside the database, and a
second one is refused at once.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

import asyncpg
from sqlalchemy.engine import make_url

from lokisi.db import is_sqlite

log = logging.getLogger(__name__)

CHECK_INTERVAL = 1.0
HEARTBEAT_TIMEOUT = 2.0
CONNECT_TIMEOUT = 5.0
# Longer than a heartbeat's interval and timeout together: a live leader always steps down
# (its heartbeat failed) before PostgreSQL ends its session and a standby takes the lock.
IDLE_SESSION_TIMEOUT = 5.0
TAKEOVER_WITHIN = IDLE_SESSION_TIMEOUT + CHECK_INTERVAL
# The advisory lock's key: this namespace in the high half, the bot's numeric id in the low
# half, so that two bots sharing a database never wait for each other.
_NAMESPACE = 0x4C4F4B49  # "LOKI"
_CONNECTION_LOST = (OSError, TimeoutError, asyncpg.PostgresError, asyncpg.InterfaceError)


class AlreadyRunning(Exception):
    """Another process serves this bot, and this database allows only one."""


class Leadership(Protocol):
    """Held by one process at a time; `lost` is set when it slips away."""

    lost: asyncio.Event

    async def acquire(self, stop: asyncio.Event) -> bool:
        """Wait until this process leads (True) or `stop` is set (False)."""

    async def release(self) -> None:
        """Let another process lead."""


def lock_key(bot_id: int) -> int:
    return (_NAMESPACE << 32) | (bot_id & 0xFFFFFFFF)


def leadership_for(
    database_url: str, bot_id: int, on_standby: Callable[[], None] | None = None
) -> Leadership:
    """SQLite's one process, or PostgreSQL's leader and standbys; `on_standby` is called
    when another process is found leading (and may raise to refuse standing by)."""
    if is_sqlite(database_url):
        return SoleProcess(Path(make_url(database_url).database or "lokisi.sqlite3"))
    return PostgresLeadership(database_url, lock_key(bot_id), on_standby=on_standby)


class PostgresLeadership:
    """pg_try_advisory_lock on a dedicated connection, with a heartbeat while held."""

    def __init__(
        self,
        database_url: str,
        key: int,
        *,
        check_interval: float = CHECK_INTERVAL,
        on_standby: Callable[[], None] | None = None,
    ) -> None:
        url = make_url(database_url)
        # asyncpg takes the URL without SQLAlchemy's "+asyncpg".
        self._dsn = url.set(drivername="postgresql").render_as_string(hide_password=False)
        self._key = key
        self._check_interval = check_interval
        self._connection: asyncpg.Connection | None = None
        self._heartbeat: asyncio.Task[None] | None = None
        self._on_standby = on_standby
        self._reachable = True
        self.lost = asyncio.Event()

    async def acquire(self, stop: asyncio.Event) -> bool:
        announced = False
        while not stop.is_set():
            if await self._try_lock():
                self.lost.clear()
                self._heartbeat = asyncio.create_task(self._beat(), name="leadership heartbeat")
                log.info("leader: this process serves the bot")
                return True
            if not announced and self._connection is not None:
                announced = True
                log.info("standby: another process serves the bot; taking over if it stops")
                if self._on_standby is not None:
                    self._on_standby()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), self._check_interval)
        return False

    async def _try_lock(self) -> bool:
        try:
            if self._connection is None or self._connection.is_closed():
                self._connection = await self._connect()
            locked = await asyncio.wait_for(
                self._connection.fetchval("SELECT pg_try_advisory_lock($1)", self._key),
                HEARTBEAT_TIMEOUT,
            )
        except _CONNECTION_LOST as error:
            # Said once per outage, not at every try.
            if self._reachable:
                log.warning("leadership: database unreachable (%s); trying again", error)
            self._reachable = False
            await self._close()
            return False
        self._reachable = True
        return bool(locked)

    async def _connect(self) -> asyncpg.Connection:
        connection = await asyncpg.connect(self._dsn, timeout=CONNECT_TIMEOUT)
        # A leader that stops talking loses the lock: see the module's docstring.
        await connection.execute(
            f"SET idle_session_timeout = {int(IDLE_SESSION_TIMEOUT * 1000)}; "
            "SET application_name = 'lokisi-bot leadership'"
        )
        return connection

    async def _beat(self) -> None:
        connection = self._connection
        assert connection is not None
        try:
            while True:
                await asyncio.sleep(self._check_interval)
                await asyncio.wait_for(connection.fetchval("SELECT 1"), HEARTBEAT_TIMEOUT)
        except _CONNECTION_LOST as error:
            log.error("leadership lost: its database connection failed (%s)", error)
            await self._close()
            self.lost.set()
        except Exception:
            # A heartbeat that dies of anything else must not leave a leader that no longer
            # knows whether it holds the lock serving on: it steps down all the same.
            log.exception("leadership lost: its heartbeat failed")
            await self._close()
            self.lost.set()

    async def release(self) -> None:
        if self._heartbeat is not None:
            self._heartbeat.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._heartbeat
            self._heartbeat = None
        # Ending the session frees the lock at once, for a standby's next try.
        await self._close()

    async def _close(self) -> None:
        connection, self._connection = self._connection, None
        if connection is not None and not connection.is_closed():
            connection.terminate()


class SoleProcess:
    """An exclusive lock on `<database>.lock`, taken at once or refused."""

    def __init__(self, database: Path) -> None:
        self._database = database
        self._path = database.with_name(database.name + ".lock")
        self._file: Any = None
        self.lost = asyncio.Event()

    async def acquire(self, stop: asyncio.Event) -> bool:
        if stop.is_set():
            return False
        if self._file is not None:
            return True
        self._path.parent.mkdir(parents=True, exist_ok=True)
        handle = self._path.open("a+")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "?"
            handle.close()
            raise AlreadyRunning(
                f"another lokisi-bot (pid {holder}) already runs on {self._database}: "
                "SQLite serves one process; stop that one, or use PostgreSQL for a standby"
            ) from None
        handle.truncate(0)
        handle.write(str(os.getpid()))
        handle.flush()
        self._file = handle
        return True

    async def release(self) -> None:
        if self._file is not None:
            # The pid is left behind; the lock, not the file, says who runs.
            self._file.close()
            self._file = None
