"""Database migrations (Alembic), applied the same way on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, text
from sqlalchemy.ext.asyncio import AsyncEngine

MIGRATIONS = Path(__file__).with_name("migrations")
# Processes starting together (a leader and its standbys) migrate one after the other.
_MIGRATION_LOCK = 0x4C4F4B49_00000000 - 1


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


async def upgrade(engine: AsyncEngine, revision: str = "head") -> None:
    """Bring the database to `revision` (the current model by default)."""

    def run(connection: Connection) -> None:
        command.upgrade(alembic_config(connection), revision)
        if connection.dialect.name == "sqlite":
            broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
            if broken:
                raise RuntimeError(f"migrating to {revision} broke foreign keys: {broken}")

    async with engine.connect() as connection:
        if engine.dialect.name != "sqlite":
            async with connection.begin():
                await connection.execute(
                    text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK}
                )
                await connection.run_sync(run)
            return
        # Batch mode rebuilds a table: drops it and renames a copy. With foreign keys on,
        # the drop deletes its rows first, which other tables' keys refuse (documents) or
        # follow (search terms). The pragma only takes effect outside a transaction.
        driver = (await connection.get_raw_connection()).driver_connection
        assert driver is not None
        await driver.execute("PRAGMA foreign_keys=OFF")
        try:
            async with connection.begin():
                await connection.run_sync(run)
        finally:
            await driver.execute("PRAGMA foreign_keys=ON")


async def is_current(engine: AsyncEngine) -> bool:
    """Whether the database is at the newest migration."""

    def current(connection: Connection) -> Any:
        return MigrationContext.configure(connection).get_current_heads()

    async with engine.connect() as connection:
        heads = await connection.run_sync(current)
    return set(heads) == set(ScriptDirectory.from_config(alembic_config()).get_heads())
