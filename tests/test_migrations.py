"""Migrations build the current model, on SQLite and PostgreSQL alike."""

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Connection, delete, insert, select
from sqlalchemy.ext.asyncio import AsyncEngine

from lokisi import migrate
from lokisi.models import Base, BotState, utcnow


async def test_the_migrated_database_matches_the_model(engine: AsyncEngine) -> None:
    def differences(connection: Connection) -> list[object]:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return list(compare_metadata(context, Base.metadata))

    async with engine.connect() as connection:
        assert await connection.run_sync(differences) == []


async def test_the_test_database_is_at_the_newest_migration(engine: AsyncEngine) -> None:
    assert await migrate.is_current(engine)


async def test_upgrading_drops_the_pages_users_data_no_longer_keeps(
    engine: AsyncEngine,
) -> None:
    async with engine.begin() as connection:
        await connection.run_sync(
            lambda sync: command.downgrade(migrate.alembic_config(sync), "0005")
        )
    try:
        old = {"searches": {"q1": "martin"}, "pages": {"1:2": {"query_id": "q1"}}}
        async with engine.begin() as connection:
            await connection.execute(
                insert(BotState.__table__),
                [
                    {"store": "user_data", "key": "7", "data": old, "updated_at": utcnow()},
                    {"store": "other", "key": "7", "data": old, "updated_at": utcnow()},
                ],
            )
        await migrate.upgrade(engine)
        async with engine.connect() as connection:
            rows = dict((await connection.execute(select(BotState.store, BotState.data))).all())
        assert rows == {"user_data": {"searches": {"q1": "martin"}}, "other": old}
    finally:
        await migrate.upgrade(engine)
        async with engine.begin() as connection:
            await connection.execute(delete(BotState.__table__))
