"""PostgreSQL restarted under the running bot: the next update is served as if nothing had
happened, and no read pays a ping first (lokisi.db)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.app import build_application
from lokisi import migrate
from lokisi.db import create_engine, reading, session_factory
from lokisi.schemas import MemberView
from lokisi.services import Services
from tests.bot.conftest import offline_settings
from tests.conftest import empty_tables
from tests.factories import private_person
from tests.support.driver import TelegramUser, running_application
from tests.support.private_postgres import PrivateServer, binaries, private_server
from tests.support.recording_request import RecordingRequest

pytestmark = pytest.mark.skipif(binaries() is None, reason="needs PostgreSQL's server binaries")


@pytest.fixture(scope="module")
def server() -> Iterator[PrivateServer]:
    with private_server() as server:
        yield server


@pytest.fixture
async def engine(server: PrivateServer) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(server.url)
    await migrate.upgrade(engine)
    await empty_tables(engine)
    yield engine
    await engine.dispose()


@pytest.fixture
def services(engine: AsyncEngine) -> Services:
    return Services.over(session_factory(engine))


@pytest.fixture
async def manager(services: Services) -> MemberView:
    _, member = await services.accounts.create_account(
        "Dupont Chauffage", manager_telegram_id=1001, manager_name="Marie Manager"
    )
    await services.clients.create(member, private_person(name="Jean Dupont"))
    return member


async def test_after_the_server_restarts_the_next_search_is_answered(
    server: PrivateServer, services: Services, manager: MemberView
) -> None:
    recorder = RecordingRequest()
    app = build_application(offline_settings(), services, request=recorder, with_updater=False)
    async with running_application(app):
        marie = TelegramUser(app, recorder, manager.telegram_user_id, "Marie")
        await marie.send("dupont")
        assert "Clients trouvés pour « dupont »" in marie.last_text
        # In a thread, as another machine would: the bot's loop goes on meanwhile.
        await asyncio.to_thread(server.restart)
        await marie.send("jean")
        assert "Clients trouvés pour « jean »" in marie.last_text
        await marie.press("Jean Dupont")
        assert "FICHE CLIENT" in marie.last_text
    recorder.assert_no_violations()


async def test_a_read_sends_its_statement_with_no_ping_before_it(
    engine: AsyncEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    pings: list[Any] = []
    monkeypatch.setattr(engine.dialect, "do_ping", lambda connection: pings.append(connection))
    for _ in range(3):
        async with reading(session_factory(engine)) as connection:
            assert (await connection.execute(text("SELECT 1"))).scalar_one() == 1
    assert pings == []
