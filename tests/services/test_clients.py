"""Client services on a real database (SQLite, and PostgreSQL in CI)."""

import pytest
from sqlalchemy import func, select

from lokisi.db import SessionFactory
from lokisi.enums import DocumentFamily, DocumentKind, DocumentStatus
from lokisi.errors import (
    AlreadyDone,
    ClientChangedMeanwhile,
    ClientHasOpenDocuments,
    InvalidInput,
    NotAMember,
    NotFound,
    PermissionDenied,
)
from lokisi.models import AuditEvent
from lokisi.schemas import MemberView
from lokisi.services import Services
from tests.factories import private_person, professional, remove_member, unnumbered


async def test_clients_get_consecutive_codes_per_account(
    services: Services, manager: MemberView, outsider_manager: MemberView
) -> None:
    first = await services.clients.create(manager, professional())
    second = await services.clients.create(manager, private_person())
    elsewhere = await services.clients.create(outsider_manager, private_person())
    assert (first.code, second.code, elsewhere.code) == ("CLI-000001", "CLI-000002", "CLI-000001")


async def test_a_client_is_stored_as_validated(services: Services, technicien: MemberView) -> None:
    client = await services.clients.create(technicien, professional())
    stored = await services.clients.get(technicien, client.id)
    assert stored.mobile == "+33612345678"
    assert stored.siret == "73282932000074"
    assert stored.version == 1


async def test_an_invalid_client_is_not_saved(services: Services, manager: MemberView) -> None:
    with pytest.raises(InvalidInput):
        await services.clients.create(manager, professional(siret="123"))
    page = await services.clients.list_page(manager)
    assert page.items == ()


async def test_an_update_moves_the_version_and_keeps_the_code(
    services: Services, manager: MemberView
) -> None:
    client = await services.clients.create(manager, professional())
    data = client.model_dump() | {"city": "Lyon", "postal_code": "69001"}
    updated = await services.clients.update(manager, client.id, data, expected_version=1)
    assert (updated.version, updated.city, updated.code) == (2, "Lyon", client.code)


async def test_an_update_from_an_old_version_is_refused_and_shows_the_current_client(
    services: Services, manager: MemberView, technicien: MemberView
) -> None:
    client = await services.clients.create(manager, professional())
    await services.clients.update(
        technicien,
        client.id,
        client.model_dump() | {"city": "Lyon", "postal_code": "69001"},
        expected_version=1,
    )
    with pytest.raises(ClientChangedMeanwhile) as refused:
        await services.clients.update(
            manager, client.id, client.model_dump() | {"notes": "mine"}, expected_version=1
        )
    assert refused.value.current.city == "Lyon"
    assert (await services.clients.get(manager, client.id)).notes is None


async def test_deletion_is_refused_while_a_document_is_brouillon_or_en_cours(
    services: Services, manager: MemberView
) -> None:
    client = await services.clients.create(manager, professional())
    draft = await services.documents.create(manager, client.id, DocumentFamily.VENTE)
    started = await services.documents.create(manager, client.id, DocumentFamily.FACTURE)
    await services.documents.start(manager, started.id)
    with pytest.raises(ClientHasOpenDocuments) as refused:
        await services.clients.delete(manager, client.id)
    assert {d.number for d in refused.value.documents} == {draft.number, started.number}
    assert (await services.clients.get(manager, client.id)).id == client.id


async def test_deletion_is_allowed_once_every_document_is_cloture_or_annule(
    services: Services, manager: MemberView
) -> None:
    client = await services.clients.create(manager, professional())
    closed = await services.documents.create(manager, client.id, DocumentFamily.VENTE)
    cancelled = await services.documents.create(manager, client.id, DocumentFamily.FACTURE)
    await services.documents.close(manager, closed.id)
    await services.documents.cancel(manager, cancelled.id)
    await services.clients.delete(manager, client.id)
    with pytest.raises(NotFound):
        await services.clients.get(manager, client.id)


async def test_bulk_deletion_deletes_what_it_may_and_says_why_the_rest_was_refused(
    services: Services, manager: MemberView, outsider_manager: MemberView
) -> None:
    free = await services.clients.create(manager, private_person(name="Libre"))
    busy = await services.clients.create(manager, private_person(name="Occupé"))
    foreign = await services.clients.create(outsider_manager, private_person(name="Ailleurs"))
    document = await services.documents.create(manager, busy.id, DocumentFamily.VENTE)
    outcomes = await services.clients.delete_many(manager, [free.id, busy.id, foreign.id])
    by_id = {o.client_id: o for o in outcomes}
    assert by_id[free.id].deleted
    assert not by_id[busy.id].deleted
    assert [d.number for d in by_id[busy.id].open_documents] == [document.number]
    assert by_id[foreign.id].not_found and not by_id[foreign.id].deleted
    assert (await services.clients.get(outsider_manager, foreign.id)).name == "Ailleurs"


async def test_a_technicien_cannot_delete(
    services: Services, manager: MemberView, technicien: MemberView
) -> None:
    client = await services.clients.create(manager, professional())
    with pytest.raises(PermissionDenied):
        await services.clients.delete(technicien, client.id)
    with pytest.raises(PermissionDenied):
        await services.clients.delete_many(technicien, [client.id])
    assert (await services.clients.get(technicien, client.id)).id == client.id


async def test_no_call_reads_or_changes_another_accounts_client(
    services: Services, manager: MemberView, outsider_manager: MemberView
) -> None:
    client = await services.clients.create(manager, professional())
    with pytest.raises(NotFound):
        await services.clients.get(outsider_manager, client.id)
    with pytest.raises(NotFound):
        await services.clients.update(
            outsider_manager, client.id, professional(name="Pirate"), expected_version=1
        )
    with pytest.raises(NotFound):
        await services.clients.delete(outsider_manager, client.id)
    with pytest.raises(NotFound):
        await services.documents.create(outsider_manager, client.id, DocumentFamily.VENTE)
    with pytest.raises(NotFound):
        await services.documents.list_for_client(outsider_manager, client.id)
    assert (await services.clients.search(outsider_manager, "Dupont")).items == ()
    assert (await services.clients.list_page(outsider_manager)).items == ()
    assert await services.clients.summaries(outsider_manager, [client.id]) == []
    assert (await services.clients.get(manager, client.id)).name == "Boulangerie Dupont"


async def test_a_removed_member_can_do_nothing_more(
    services: Services, sessions: SessionFactory, technicien: MemberView
) -> None:
    await remove_member(services, sessions, technicien)
    with pytest.raises(NotAMember):
        await services.clients.create(technicien, professional())


async def test_every_change_writes_an_audit_event_and_a_deleted_client_stays_in_it(
    services: Services, manager: MemberView, sessions: SessionFactory
) -> None:
    client = await services.clients.create(manager, professional())
    await services.clients.update(
        manager,
        client.id,
        client.model_dump() | {"notes": "Code portail 1234"},
        expected_version=1,
    )
    await services.clients.delete(manager, client.id)
    async with sessions() as session:
        events = (
            await session.scalars(
                select(AuditEvent).where(AuditEvent.entity == "client").order_by(AuditEvent.id)
            )
        ).all()
    assert [e.action for e in events] == ["client.create", "client.update", "client.delete"]
    assert events[1].before is not None and events[1].before["notes"] is None
    assert events[1].after is not None and events[1].after["notes"] == "Code portail 1234"
    assert events[2].before is not None and events[2].before["name"] == "Boulangerie Dupont"
    assert all(e.actor_name == "Marie Manager" for e in events)


async def test_creating_a_document_writes_an_audit_event(
    services: Services, manager: MemberView, sessions: SessionFactory
) -> None:
    client = await services.clients.create(manager, professional())
    await services.documents.create(
        manager, client.id, DocumentFamily.INTERVENTION, DocumentKind.INTERVENTION_ORDRE
    )
    async with sessions() as session:
        count = await session.scalar(
            select(func.count()).select_from(AuditEvent).where(AuditEvent.entity == "document")
        )
    assert count == 1


async def test_the_same_form_saved_twice_makes_one_client(
    services: Services, technicien: MemberView
) -> None:
    first = await services.clients.create(technicien, professional(), once="abc123")
    with pytest.raises(AlreadyDone) as again:
        await services.clients.create(technicien, professional(), once="abc123")
    other = await services.clients.create(technicien, unnumbered(name="Autre"), once="def456")
    assert (again.value.action, again.value.entity, again.value.entity_id) == (
        "client.create",
        "client",
        first.id,
    )
    assert await services.clients.get(technicien, again.value.entity_id) == first
    assert other.code == "CLI-000002"


async def test_an_id_no_database_column_can_hold_is_simply_not_found(
    services: Services, manager: MemberView
) -> None:
    with pytest.raises(NotFound):
        await services.clients.get(manager, 2**40)
    with pytest.raises(NotFound):
        await services.documents.get(manager, -(2**40))


@pytest.mark.parametrize("count", [1, 9, 10, 25])
async def test_summaries_name_the_live_clients_of_the_account_only_whatever_their_number(
    services: Services, manager: MemberView, outsider_manager: MemberView, count: int
) -> None:
    ours = [
        await services.clients.create(manager, unnumbered(name=f"Atelier {n:02d}"))
        for n in range(count)
    ]
    theirs = await services.clients.create(outsider_manager, professional(name="Atelier 99"))
    gone = await services.clients.create(manager, unnumbered(name="Atelier 98"))
    await services.clients.delete(manager, gone.id)
    asked = [c.id for c in reversed(ours)] + [theirs.id, gone.id, 2**31 - 1]
    found = await services.clients.summaries(manager, asked)
    assert [s.name for s in found] == [c.name for c in ours]


async def test_deleting_while_closing_documents_closes_them_all_in_the_same_transaction(
    services: Services, manager: MemberView, technicien: MemberView
) -> None:
    client = await services.clients.create(manager, professional())
    sale = await services.documents.create(manager, client.id, DocumentFamily.VENTE)
    invoice = await services.documents.create(manager, client.id, DocumentFamily.FACTURE)
    await services.documents.close(manager, invoice.id)
    with pytest.raises(PermissionDenied):
        await services.clients.delete(technicien, client.id, closing_documents=True)
    assert (await services.documents.get(manager, sale.id)).status is DocumentStatus.BROUILLON
    deleted = await services.clients.delete(manager, client.id, closing_documents=True)
    assert deleted.id == client.id
    assert (await services.documents.get(manager, sale.id)).status is DocumentStatus.CLOTURE
    with pytest.raises(NotFound):
        await services.clients.get(manager, client.id)
