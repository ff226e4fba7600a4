"""Shared fixtures: a migrated database (SQLite, or PostgreSQL with LOKISI_TEST_DATABASE_URL),
emptied before each test, and the services over it."""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine

from lokisi import migrate
from lokisi.db import SessionFactory, create_engine, session_factory
from lokisi.enums import Role
from lokisi.lookups import Lookups
from lokisi.models import Base
from lokisi.schemas import MemberView
from lokisi.services import Services
from tests.support.fake_lookups import FakeLookups, fake_lookups

POSTGRES_URL_VARIABLE = "LOKISI_TEST_DATABASE_URL"


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Migrated once per run; every test starts from empty tables.

    On PostgreSQL each run gets a database of its own, so that runs side by side (two
    terminals, CI and a developer) never empty each other's tables.
    """
    server_url = os.environ.get(POSTGRES_URL_VARIABLE)
    if not server_url:
        path = Path(tmp_path_factory.mktemp("db")) / "lokisi.sqlite3"
        url = f"sqlite+aiosqlite:///{path}"
        asyncio.run(_migrate(url))
        yield url
        return
    own = f"lokisi_test_{os.getpid()}"
    asyncio.run(_admin(server_url, f'DROP DATABASE IF EXISTS "{own}"', f'CREATE DATABASE "{own}"'))
    url = make_url(server_url).set(database=own).render_as_string(hide_password=False)
    asyncio.run(_migrate(url))
    yield url
    asyncio.run(_admin(server_url, f'DROP DATABASE IF EXISTS "{own}" WITH (FORCE)'))


async def _migrate(url: str) -> None:
    engine = create_engine(url)
    await migrate.upgrade(engine)
    await engine.dispose()


async def _admin(server_url: str, *statements: str) -> None:
    engine = create_engine(server_url, isolation_level="AUTOCOMMIT")
    async with engine.connect() as connection:
        for statement in statements:
            await connection.execute(text(statement))
    await engine.dispose()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if os.environ.get(POSTGRES_URL_VARIABLE):
        return
    skip = pytest.mark.skip(reason=f"needs PostgreSQL: set {POSTGRES_URL_VARIABLE}")
    for item in items:
        if "postgres_only" in item.keywords:
            item.add_marker(skip)


async def empty_tables(engine: AsyncEngine) -> None:
    tables = [t.name for t in Base.metadata.sorted_tables]
    async with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            await connection.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
        else:
            for table in reversed(tables):
                await connection.execute(text(f"DELETE FROM {table}"))


@pytest.fixture
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(database_url)
    await empty_tables(engine)
    yield engine
    await engine.dispose()


@pytest.fixture
def sessions(engine: AsyncEngine) -> SessionFactory:
    return session_factory(engine)


@pytest.fixture
def services(sessions: SessionFactory) -> Services:
    return Services.over(sessions)


@pytest.fixture
async def manager(services: Services) -> MemberView:
    """The first manager of the account "Dupont Chauffage"."""
    _, member = await services.accounts.create_account(
        "Dupont Chauffage", manager_telegram_id=1001, manager_name="Marie Manager"
    )
    return member


@pytest.fixture
async def technicien(services: Services, manager: MemberView) -> MemberView:
    invitation = await services.accounts.invite(manager, Role.TECHNICIEN)
    return await services.accounts.redeem(
        invitation.token, telegram_user_id=1002, name="Théo Technicien"
    )


@pytest.fixture
async def outsider_manager(services: Services) -> MemberView:
    """The manager of another company, who must never see the first one's data."""
    _, member = await services.accounts.create_account(
        "Autre Société", manager_telegram_id=2001, manager_name="Olga Other"
    )
    return member


@pytest.fixture
def public_apis() -> Iterator[FakeLookups]:
    """The company register and the geocoder, faked on 127.0.0.1 (tests never reach the
    internet)."""
    with fake_lookups() as fake:
        yield fake


@pytest.fixture
async def lookups(public_apis: FakeLookups) -> AsyncIterator[Lookups]:
    """Both look-ups, over the fake services."""
    configured = Lookups.over(public_apis.companies_url, public_apis.geocoder_url)
    yield configured
    await configured.aclose()


@pytest.fixture(autouse=True)
def offline_lookups(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reaches the public registers: they are off unless a test points them at the
    fake (`public_apis`)."""
    monkeypatch.setenv("COMPANY_LOOKUP_URL", "")
    monkeypatch.setenv("GEOCODER_URL", "")
