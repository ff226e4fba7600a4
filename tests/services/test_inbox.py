"""The inbox: updates kept once, given back until handled, marked handled together with
what handling them changed, and forgotten days later."""

from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.exc import StatementError
from sqlalchemy.ext.asyncio import AsyncEngine

from lokisi.models import InboxUpdate, utcnow
from lokisi.services import Services
from lokisi.services.inbox import MAX_ATTEMPTS


def update(update_id: int) -> dict[str, object]:
    return {"update_id": update_id, "message": {"text": f"message {update_id}"}}


async def waiting(services: Services) -> list[int]:
    kept, _ = await services.inbox.take_waiting()
    return [row.update_id for row in kept]


async def test_an_update_is_kept_once_however_often_it_arrives(services: Services) -> None:
    assert await services.inbox.keep(7, update(7))
    assert not await services.inbox.keep(7, update(7))
    assert await waiting(services) == [7]


async def test_updates_kept_come_back_oldest_first_until_marked_handled(
    services: Services,
) -> None:
    for update_id in (9, 8, 10):
        await services.inbox.keep(update_id, update(update_id))
    assert await waiting(services) == [8, 9, 10]
    await services.state.write({("user_data", "1"): {"seen": 8}}, handled=[8, 10])
    kept, _ = await services.inbox.take_waiting()
    assert [(row.update_id, row.payload) for row in kept] == [(9, update(9))]


async def test_a_handled_update_keeps_its_id_but_not_what_the_user_typed(
    services: Services, engine: AsyncEngine
) -> None:
    await services.inbox.keep(3, update(3))
    await services.state.write({}, handled=[3])
    assert not await services.inbox.keep(3, update(3))
    async with engine.connect() as connection:
        [row] = (await connection.execute(select(InboxUpdate.__table__))).all()
    assert (row.update_id, row.payload, row.handled_at is not None) == (3, None, True)


async def test_what_an_update_changed_and_its_handled_mark_are_stored_together_or_not_at_all(
    services: Services,
) -> None:
    await services.inbox.keep(4, update(4))
    with pytest.raises(StatementError):
        # Not JSON: the write fails after the mark, inside the same transaction.
        await services.state.write({("user_data", "1"): {"draft": object()}}, handled=[4])
    assert await waiting(services) == [4]
    assert await services.state.load("user_data") == {}


async def test_an_update_found_waiting_by_too_many_start_ups_is_given_up(
    services: Services,
) -> None:
    await services.inbox.keep(5, update(5))
    for _ in range(MAX_ATTEMPTS):
        assert await waiting(services) == [5]
    kept, given_up = await services.inbox.take_waiting()
    assert (kept, [row.update_id for row in given_up]) == ([], [5])
    assert await services.inbox.take_waiting() == ([], [])
    assert not await services.inbox.keep(5, update(5)), "given up is handled: never again"


async def test_handled_updates_are_forgotten_two_days_later(services: Services) -> None:
    await services.inbox.keep(6, update(6))
    await services.state.write({}, handled=[6])
    await services.inbox.forget_handled(utcnow() + timedelta(days=1))
    assert not await services.inbox.keep(6, update(6))
    await services.inbox.forget_handled(utcnow() + timedelta(days=3))
    assert await services.inbox.keep(6, update(6))
