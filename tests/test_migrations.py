"""Migrations build the current model, on SQLite and PostgreSQL alike."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

from lokisi import migrate
from lokisi.models import Base


async def test_the_migrated_database_matches_the_model(engine: AsyncEngine) -> None:
    def differences(connection: Connection) -> list[object]:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return list(compare_metadata(context, Base.metadata))

    async with engine.connect() as connection:
        assert await connection.run_sync(differences) == []


async def test_the_test_database_is_at_the_newest_migration(engine: AsyncEngine) -> None:
    assert await migrate.is_current(engine)
