"""The small write transactions the bot makes around every update (the inbox keeps the update,
then marks it handled with the state it changed), on SQLite through the driver directly.

Through SQLAlchemy's execution such a transaction cost 560–650 µs on SQLite, for statements
that take a few microseconds: a pool checkout, BEGIN run as a statement of its own by the
"begin" hook (lokisi.db), the statement's execution context, the commit, each through
greenlet switches. On the driver's connection, with the statement compiled once and its
parameters turned into the driver's by the columns' own bind processors (so what is stored
is exactly what SQLAlchemy stores), a keep takes 435 µs and a mark 370 µs, the pool's
checkout (120-190 µs) included.

PostgreSQL keeps SQLAlchemy's execution: asyncpg's prepared statements are cached through it,
and there a round trip costs more than SQLAlchemy's execution does; a write of one row, the
usual case (an update kept, an update marked handled), runs in autocommit, in one round trip.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import exc
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.sql.dml import UpdateBase

# A statement and its rows of parameters, executed once per row.
Write = tuple[UpdateBase, Sequence[Mapping[str, Any]]]


async def write(engine: AsyncEngine, *writes: Write) -> list[list[tuple[Any, ...]]]:
    """Run each statement with each of its rows in one write transaction, all or nothing;
    for each statement, the rows it returned (RETURNING). A statement without rows is
    skipped (and returns none)."""
    if engine.dialect.name != "sqlite":
        return await _through_sqlalchemy(engine, writes)
    compiled = [_compiled(engine.dialect, statement, rows) for statement, rows in writes]
    # Before BEGIN: a value that cannot be stored fails before the write lock is taken.
    parameters = [
        [driver.parameters(row) for row in rows] if driver else []
        for driver, (_, rows) in zip(compiled, writes, strict=True)
    ]
    returned: list[list[tuple[Any, ...]]] = []
    async with engine.connect() as connection:
        raw = await connection.get_raw_connection()
        sqlite: Any = raw.driver_connection
        sql = "BEGIN IMMEDIATE"
        rows: list[tuple[Any, ...]] = []
        try:
            # IMMEDIATE, as lokisi.db's "begin" hook: the write lock now, waited for in
            # asyncio (lokisi.sqlite_inline) while another connection holds it.
            await sqlite.execute(sql)
            for driver, rows in zip(compiled, parameters, strict=True):
                sql = driver.sql if driver else ""
                returned.append(await driver.run(sqlite, rows) if driver else [])
            sql, rows = "COMMIT", []
            await sqlite.commit()
        except BaseException as error:
            await sqlite.rollback()
            if isinstance(error, sqlite3.Error):
                # The exception SQLAlchemy's execution raises (IntegrityError...).
                raise exc.DBAPIError.instance(sql, rows, error, sqlite3.Error) from error
            raise
    return returned


async def _through_sqlalchemy(
    engine: AsyncEngine, writes: Sequence[Write]
) -> list[list[tuple[Any, ...]]]:
    returned: list[list[tuple[Any, ...]]] = []
    given = [rows for _, rows in writes if rows]
    async with engine.connect() as connection:
        if len(given) == 1 and len(given[0]) == 1:
            # One statement for one row is atomic by itself: in autocommit it is the write's
            # one round trip, without BEGIN and COMMIT (measured on PostgreSQL: an inbox
            # keep 1.4-2.0 ms with them, 0.8 ms without; the CPU 1.2 ms, 0.6 ms).
            await connection.execution_options(isolation_level="AUTOCOMMIT")
        async with connection.begin():
            for statement, rows in writes:
                if not rows:
                    returned.append([])
                    continue
                many = len(rows) > 1
                result = await connection.execute(statement, list(rows) if many else rows[0])
                returned.append([tuple(row) for row in result] if result.returns_rows else [])
    return returned


@dataclass(frozen=True)
class _DriverStatement:
    """A statement compiled for SQLite's driver (qmark parameters), and how each of its
    parameters is bound."""

    sql: str
    returns_rows: bool
    construct: Callable[[Mapping[str, Any]], Mapping[str, Any]]
    binds: tuple[tuple[str, Callable[[Any], Any] | None], ...]

    def parameters(self, row: Mapping[str, Any]) -> tuple[Any, ...]:
        values = self.construct(row)
        try:
            return tuple(bind(values[name]) if bind else values[name] for name, bind in self.binds)
        except Exception as error:
            # As SQLAlchemy reports a value its types cannot bind.
            raise exc.StatementError(
                f"({type(error).__name__}) {error}", self.sql, row, error
            ) from error

    async def run(self, sqlite: Any, rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
        if not self.returns_rows:
            await sqlite.executemany(self.sql, rows)
            return []
        returned: list[tuple[Any, ...]] = []
        for row in rows:
            cursor = await sqlite.execute(self.sql, row)
            returned += [tuple(found) for found in await cursor.fetchall()]
            await cursor.close()
        return returned


# By statement (kept alive here, so that its id is never reused) and the columns given.
_CACHE: dict[tuple[int, tuple[str, ...]], tuple[UpdateBase, _DriverStatement]] = {}


def _compiled(
    dialect: Dialect, statement: UpdateBase, rows: Sequence[Mapping[str, Any]]
) -> _DriverStatement | None:
    if not rows:
        return None
    keys = tuple(rows[0])
    cached = _CACHE.get((id(statement), keys))
    if cached is None:
        compiled = statement.compile(dialect=dialect, column_keys=list(keys))
        binds = tuple(
            (name, compiled.binds[name].type.dialect_impl(dialect).bind_processor(dialect))
            for name in compiled.positiontup or ()
        )
        driver = _DriverStatement(
            compiled.string, bool(compiled.effective_returning), compiled.construct_params, binds
        )
        cached = _CACHE[(id(statement), keys)] = (statement, driver)
    return cached[1]
