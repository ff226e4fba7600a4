"""What creating and moving a document checks and writes, in one transaction: the actor as
they are now, the records of their own account only, the audit trail and the numbers."""

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from lokisi.db import SessionFactory
from lokisi.enums import DocumentFamily, DocumentKind, DocumentStatus, Role
from lokisi.errors import (
    DocumentAlreadyFinal,
    DocumentKindRequired,
    NotAMember,
    NotFound,
    PermissionDenied,
)
from lokisi.models import AuditEvent, Document
from lokisi.schemas import ClientView, MemberView
from lokisi.services import Services
from tests.factories import change_role, professional, remove_member, unnumbered

YEAR = datetime.now(UTC).year
OUT_OF_RANGE = 2**40


@pytest.fixture
async def client(services: Services, manager: MemberView) -> ClientView:
    return await services.clients.create(manager, professional())


async def test_the_document_returned_is_the_one_stored(
    services: Services, technicien: MemberView, client: ClientView, sessions: SessionFactory
) -> None:
    created = await services.documents.create(technicien, client.id, DocumentFamily.FACTURE)
    assert created == await services.documents.get(technicien, created.id)
    started = await services.documents.start(technicien, created.id)
    assert started == await services.documents.get(technicien, created.id)
    async with sessions() as session:
        stored = await session.get_one(Document, created.id)
    assert (stored.year, stored.seq, stored.created_by_id) == (YEAR, 1, technicien.id)


async def test_each_write_is_audited_with_its_actor_and_snapshots(
    services: Services,
    manager: MemberView,
    technicien: MemberView,
    client: ClientView,
    sessions: SessionFactory,
) -> None:
    created = await services.documents.create(technicien, client.id, DocumentFamily.VENTE)
    started = await services.documents.start(technicien, created.id)
    closed = await services.documents.close(manager, created.id)
    async with sessions() as session:
        events = (
            await session.scalars(
                select(AuditEvent).where(AuditEvent.entity == "document").order_by(AuditEvent.id)
            )
        ).all()
    assert [
        (e.action, e.entity_id, e.actor_member_id, e.actor_name, e.account_id) for e in events
    ] == [
        ("document.create", created.id, technicien.id, "Théo Technicien", manager.account_id),
        ("document.en_cours", created.id, technicien.id, "Théo Technicien", manager.account_id),
        ("document.cloture", created.id, manager.id, "Marie Manager", manager.account_id),
    ]
    snapshots = [(e.before, e.after) for e in events]
    assert snapshots == [
        (None, created.model_dump(mode="json")),
        (created.model_dump(mode="json"), started.model_dump(mode="json")),
        (started.model_dump(mode="json"), closed.model_dump(mode="json")),
    ]


async def test_a_removed_member_can_neither_create_nor_move_documents(
    services: Services, sessions: SessionFactory, technicien: MemberView, client: ClientView
) -> None:
    document = await services.documents.create(technicien, client.id, DocumentFamily.VENTE)
    await remove_member(services, sessions, technicien)
    with pytest.raises(NotAMember):
        await services.documents.create(technicien, client.id, DocumentFamily.VENTE)
    with pytest.raises(NotAMember):
        await services.documents.start(technicien, document.id)
    # Refused as a member before anything is said about the records asked for.
    with pytest.raises(NotAMember):
        await services.documents.create(technicien, OUT_OF_RANGE, DocumentFamily.VENTE)
    with pytest.raises(NotAMember):
        await services.documents.start(technicien, OUT_OF_RANGE)


async def test_the_role_that_counts_is_the_current_one(
    services: Services,
    sessions: SessionFactory,
    manager: MemberView,
    technicien: MemberView,
    client: ClientView,
) -> None:
    promoted = await change_role(sessions, technicien, Role.MANAGER)
    first = await services.documents.create(promoted, client.id, DocumentFamily.VENTE)
    assert (await services.documents.close(promoted, first.id)).status is DocumentStatus.CLOTURE
    await change_role(sessions, technicien, Role.TECHNICIEN)
    second = await services.documents.create(promoted, client.id, DocumentFamily.VENTE)
    with pytest.raises(PermissionDenied):
        await services.documents.cancel(promoted, second.id)
    assert (await services.documents.get(manager, second.id)).status is DocumentStatus.BROUILLON


async def test_another_accounts_records_are_not_found(
    services: Services,
    manager: MemberView,
    technicien: MemberView,
    outsider_manager: MemberView,
    client: ClientView,
) -> None:
    document = await services.documents.create(manager, client.id, DocumentFamily.FACTURE)
    with pytest.raises(NotFound):
        await services.documents.create(outsider_manager, client.id, DocumentFamily.FACTURE)
    for move in (
        services.documents.start,
        services.documents.close,
        services.documents.cancel,
    ):
        with pytest.raises(NotFound):
            await move(outsider_manager, document.id)
    # A technicien is refused a manager's action before being told whether the record exists.
    with pytest.raises(PermissionDenied):
        await services.documents.close(technicien, OUT_OF_RANGE)
    other_client = await services.clients.create(outsider_manager, professional())
    other = await services.documents.create(
        outsider_manager, other_client.id, DocumentFamily.FACTURE
    )
    assert other.number == f"FA-{YEAR}-0001"
    assert (await services.documents.get(manager, document.id)).status is DocumentStatus.BROUILLON


async def test_ids_no_column_can_hold_are_not_found(
    services: Services, manager: MemberView
) -> None:
    for too_large in (OUT_OF_RANGE, -OUT_OF_RANGE):
        with pytest.raises(NotFound):
            await services.documents.create(manager, too_large, DocumentFamily.VENTE)
        with pytest.raises(NotFound):
            await services.documents.close(manager, too_large)


async def test_a_deleted_client_gets_no_document_and_no_number(
    services: Services, manager: MemberView, client: ClientView
) -> None:
    gone = await services.clients.create(manager, unnumbered(name="Parti"))
    await services.clients.delete(manager, gone.id)
    # "Au choix" asks for the kind first, as it would for a live client.
    with pytest.raises(DocumentKindRequired):
        await services.documents.create(manager, gone.id, DocumentFamily.INTERVENTION)
    with pytest.raises(NotFound):
        await services.documents.create(
            manager, gone.id, DocumentFamily.INTERVENTION, DocumentKind.INTERVENTION_DEVIS
        )
    created = await services.documents.create(
        manager, client.id, DocumentFamily.INTERVENTION, DocumentKind.INTERVENTION_DEVIS
    )
    assert created.number == f"DI-{YEAR}-0001"


async def test_only_a_brouillon_is_started_and_a_final_document_stays_as_it_is(
    services: Services, manager: MemberView, client: ClientView
) -> None:
    document = await services.documents.create(manager, client.id, DocumentFamily.VENTE)
    await services.documents.start(manager, document.id)
    with pytest.raises(DocumentAlreadyFinal):
        await services.documents.start(manager, document.id)
    cancelled = await services.documents.cancel(manager, document.id)
    with pytest.raises(DocumentAlreadyFinal) as refused:
        await services.documents.close(manager, document.id)
    assert refused.value.document == cancelled
    assert await services.documents.get(manager, document.id) == cancelled
