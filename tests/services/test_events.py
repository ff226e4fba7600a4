"""Committed changes are told to the event bus; rolled-back ones tell nothing."""

from collections.abc import Sequence

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from lokisi.db import SessionFactory
from lokisi.enums import DocumentFamily, DocumentKind
from lokisi.errors import ClientHasOpenDocuments, InvalidInput
from lokisi.events import ChangeEvent, EventBus
from lokisi.schemas import MemberView
from lokisi.services import Services, audit
from tests.factories import professional, unnumbered


@pytest.fixture
def heard(services: Services) -> list[Sequence[ChangeEvent]]:
    batches: list[Sequence[ChangeEvent]] = []
    services.events.subscribe(batches.append)
    return batches


async def test_a_change_is_published_after_commit_with_who_and_what(
    services: Services, manager: MemberView, heard: list[Sequence[ChangeEvent]]
) -> None:
    client = await services.clients.create(manager, professional())
    assert heard == [
        (
            ChangeEvent(
                account_id=manager.account_id,
                action="client.create",
                entity="client",
                entity_id=client.id,
                actor_name="Marie Manager",
                label="Boulangerie Dupont (CLI-000001)",
            ),
        )
    ]


async def test_documents_are_named_by_their_number(
    services: Services, manager: MemberView, heard: list[Sequence[ChangeEvent]]
) -> None:
    client = await services.clients.create(manager, professional())
    document = await services.documents.create(
        manager, client.id, DocumentFamily.FACTURE, DocumentKind.FACTURE
    )
    await services.documents.close(manager, document.id)
    assert [(e.action, e.label) for batch in heard[1:] for e in batch] == [
        ("document.create", document.number),
        ("document.cloture", document.number),
    ]


async def test_a_refused_change_publishes_nothing(
    services: Services, manager: MemberView, heard: list[Sequence[ChangeEvent]]
) -> None:
    client = await services.clients.create(manager, professional())
    await services.documents.create(manager, client.id, DocumentFamily.VENTE)
    heard.clear()
    with pytest.raises(ClientHasOpenDocuments):
        await services.clients.delete(manager, client.id)
    with pytest.raises(InvalidInput):
        await services.clients.create(manager, professional(name=""))
    assert heard == []


async def test_a_rolled_back_transaction_publishes_nothing(
    sessions: SessionFactory, manager: MemberView
) -> None:
    bus = EventBus()
    batches: list[Sequence[ChangeEvent]] = []
    bus.subscribe(batches.append)
    publishing = bus.publishing(sessions)

    async def record_change(session: AsyncSession) -> None:
        await audit.write(
            session, None, "account.configure", manager.account_id, account_id=manager.account_id
        )

    with pytest.raises(RuntimeError):
        async with publishing.begin() as session:
            await record_change(session)
            await session.flush()
            raise RuntimeError("the change fails after it was recorded")
    assert batches == []
    async with publishing.begin() as session:
        await record_change(session)
    assert [[e.action for e in batch] for batch in batches] == [["account.configure"]]


async def test_one_transaction_is_one_batch(
    services: Services, manager: MemberView, heard: list[Sequence[ChangeEvent]]
) -> None:
    ids = [
        (await services.clients.create(manager, unnumbered(name=f"Client {n}"))).id
        for n in range(3)
    ]
    heard.clear()
    await services.clients.delete_many(manager, ids)
    assert [[e.entity_id for e in batch] for batch in heard] == [ids]


async def test_a_failing_listener_neither_fails_the_change_nor_silences_the_others(
    services: Services, manager: MemberView, heard: list[Sequence[ChangeEvent]]
) -> None:
    def broken(changes: Sequence[ChangeEvent]) -> None:
        raise RuntimeError("listener bug")

    services.events.subscribe(broken)
    client = await services.clients.create(manager, professional())
    assert await services.clients.get(manager, client.id) == client
    assert len(heard) == 1


async def test_an_unsubscribed_listener_hears_nothing_more(
    services: Services, manager: MemberView
) -> None:
    batches: list[Sequence[ChangeEvent]] = []
    unsubscribe = services.events.subscribe(batches.append)
    await services.clients.create(manager, professional())
    unsubscribe()
    await services.clients.create(manager, unnumbered(name="Autre"))
    assert len(batches) == 1
