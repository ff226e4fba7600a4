"""Migrations build the current model, on SQLite and PostgreSQL alike."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Connection, insert, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine

from lokisi import migrate
from lokisi.models import Base, BotState, UsedToken, utcnow
from tests.conftest import empty_tables


async def test_the_migrated_database_matches_the_model(engine: AsyncEngine) -> None:
    def differences(connection: Connection) -> list[object]:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return list(compare_metadata(context, Base.metadata))

    async with engine.connect() as connection:
        assert await connection.run_sync(differences) == []


async def test_the_test_database_is_at_the_newest_migration(engine: AsyncEngine) -> None:
    assert await migrate.is_current(engine)


@asynccontextmanager
async def downgraded(engine: AsyncEngine, revision: str) -> AsyncIterator[None]:
    """The test database taken back to `revision`; brought to the newest and emptied after."""
    async with engine.begin() as connection:
        await connection.run_sync(
            lambda sync: command.downgrade(migrate.alembic_config(sync), revision)
        )
    try:
        yield
    finally:
        await migrate.upgrade(engine)
        await empty_tables(engine)


async def test_upgrading_drops_the_pages_users_data_no_longer_keeps(
    engine: AsyncEngine,
) -> None:
    async with downgraded(engine, "0005"):
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


async def test_upgrading_drops_the_nonces_and_old_deletions_users_data_no_longer_keeps(
    engine: AsyncEngine,
) -> None:
    async with downgraded(engine, "0007"):
        rows = {
            "1": {"selection": [3], "nonces": ["ab12cd34"], "deletion": [3, 4]},
            "2": {"deletion": {"token": "t", "clients": [5]}},
        }
        async with engine.begin() as connection:
            await connection.execute(
                insert(BotState.__table__),
                [
                    {"store": "user_data", "key": key, "data": data, "updated_at": utcnow()}
                    for key, data in rows.items()
                ],
            )
        await migrate.upgrade(engine)
        async with engine.connect() as connection:
            kept = dict((await connection.execute(select(BotState.key, BotState.data))).all())
        assert kept == {"1": {"selection": [3]}, "2": rows["2"]}


async def test_upgrading_a_database_with_documents_keeps_every_row_and_the_creation_keys(
    engine: AsyncEngine,
) -> None:
    # Rebuilding the clients table (SQLite's batch mode) must not trip on the documents'
    # foreign key nor take the search terms with it; the creation keys become used tokens.
    async with downgraded(engine, "0004"):
        async with engine.begin() as connection:
            for statement in OLD_ROWS:
                await connection.execute(text(statement))
        await migrate.upgrade(engine, "0005")
        async with engine.begin() as connection:
            await connection.execute(text("UPDATE clients SET creation_key = 'form-1'"))
        await migrate.upgrade(engine)
        async with engine.connect() as connection:
            tokens = (await connection.execute(select(*_TOKEN_COLUMNS))).all()
            counts = [
                (await connection.execute(text(f"SELECT count(*) FROM {table}"))).scalar()
                for table in ("clients", "client_terms", "documents")
            ]
        assert tokens == [(1, "form-1", "client.create", "client", 1)]
        assert counts == [1, 1, 1]
        async with engine.begin() as connection:
            with pytest.raises(IntegrityError):
                await connection.execute(text(ORPHAN_DOCUMENT))


_TOKEN_COLUMNS = (
    UsedToken.account_id,
    UsedToken.token,
    UsedToken.action,
    UsedToken.entity,
    UsedToken.entity_id,
)
OLD_ROWS = (
    "INSERT INTO accounts (id, name, intervention_start, rental_start, activity_feed,"
    " client_seq, created_at) VALUES (1, 'A', 'au_choix', 'au_choix', false, 1,"
    " CURRENT_TIMESTAMP)",
    "INSERT INTO members (id, account_id, telegram_user_id, role, name, language, created_at)"
    " VALUES (1, 1, 10, 'manager', 'M', 'fr', CURRENT_TIMESTAMP)",
    "INSERT INTO clients (id, account_id, number, code, type, name, sort_name, country,"
    " version, created_at, updated_at) VALUES (1, 1, 1, 'CLI-000001', 'particulier',"
    " 'Dupont', 'dupont', 'France', 1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)",
    "INSERT INTO client_terms (client_id, term, account_id, sort_name)"
    " VALUES (1, 'dupont', 1, 'dupont')",
    "INSERT INTO documents (id, account_id, client_id, kind, year, seq, number, status,"
    " created_by_id, created_by_name, created_at) VALUES (1, 1, 1, 'vente', 2026, 1,"
    " 'VE-2026-0001', 'brouillon', 1, 'M', CURRENT_TIMESTAMP)",
)
# Foreign keys are enforced again once the migration is over.
ORPHAN_DOCUMENT = (
    "INSERT INTO documents (id, account_id, client_id, kind, year, seq, number, status,"
    " created_by_name, created_at) VALUES (2, 1, 999, 'vente', 2026, 2, 'VE-2026-0002',"
    " 'brouillon', 'M', CURRENT_TIMESTAMP)"
)
