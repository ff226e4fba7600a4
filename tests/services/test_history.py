"""A client's history from the audit trail: its own events and its records', newest first,
for members of its account, with what a note or a caption says while it exists."""

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from lokisi import migrate
from lokisi.enums import DocumentFamily
from lokisi.errors import NotFound
from lokisi.models import AuditEvent
from lokisi.schemas import MemberView
from lokisi.services import Services
from lokisi.services.history import PAGE_SIZE
from tests.factories import photo, private_person, professional
from tests.test_migrations import downgraded


async def test_the_history_tells_the_clients_life_newest_first(
    services: Services, manager: MemberView, technicien: MemberView
) -> None:
    client = await services.clients.create(manager, professional(address_line1="3 rue des Lilas"))
    data = client.model_dump() | {"address_line1": "5 rue des Lilas"}
    await services.clients.update(technicien, client.id, data, expected_version=1)
    document = await services.documents.create(manager, client.id, DocumentFamily.VENTE)
    await services.documents.close(manager, document.id)
    await services.attachments.add(technicien, client.id, [photo()], caption="Compteur")
    await services.notes.add(technicien, client.id, "Portail cassé")
    other = await services.clients.create(manager, private_person())
    await services.notes.add(manager, other.id, "Pas ce client")
    page = await services.history.page(technicien, client.id)
    assert [(e.action, e.actor_name, e.detail) for e in page.items] == [
        ("note.add", "Théo Technicien", "Portail cassé"),
        ("attachment.add", "Théo Technicien", "Compteur"),
        ("document.cloture", "Marie Manager", None),
        ("document.create", "Marie Manager", None),
        ("client.update", "Théo Technicien", None),
        ("client.create", "Marie Manager", None),
    ]
    update_event = page.items[4]
    assert update_event.before is not None and update_event.after is not None
    assert (update_event.before["address_line1"], update_event.after["address_line1"]) == (
        "3 rue des Lilas",
        "5 rue des Lilas",
    )
    assert page.items[2].after is not None and page.items[2].after["number"] == document.number


async def test_a_removed_note_leaves_its_events_without_its_text(
    services: Services, manager: MemberView
) -> None:
    client = await services.clients.create(manager, professional())
    note = await services.notes.add(manager, client.id, "Code 1234")
    await services.notes.remove(manager, note.id)
    page = await services.history.page(manager, client.id)
    assert [(e.action, e.detail) for e in page.items[:2]] == [
        ("note.remove", None),
        ("note.add", None),
    ]


async def test_the_history_comes_page_by_page(services: Services, manager: MemberView) -> None:
    client = await services.clients.create(manager, professional())
    for n in range(PAGE_SIZE):
        await services.notes.add(manager, client.id, f"note {n}")
    first = await services.history.page(manager, client.id)
    assert len(first.items) == PAGE_SIZE and first.has_next
    rest = await services.history.page(manager, client.id, before_id=first.items[-1].id)
    assert [e.action for e in rest.items] == ["client.create"] and not rest.has_next


async def test_the_history_is_for_members_of_the_clients_account_while_it_is_live(
    services: Services, manager: MemberView, outsider_manager: MemberView
) -> None:
    client = await services.clients.create(manager, professional())
    with pytest.raises(NotFound):
        await services.history.page(outsider_manager, client.id)
    await services.clients.delete(manager, client.id)
    with pytest.raises(NotFound):
        await services.history.page(manager, client.id)
    restored = await services.trash.restore(manager, client.id)
    actions = [e.action for e in (await services.history.page(manager, restored.id)).items]
    assert actions == ["client.restore", "client.delete", "client.create"]


async def test_upgrading_gives_the_events_already_written_their_client(
    services: Services, manager: MemberView, engine: AsyncEngine
) -> None:
    client = await services.clients.create(manager, professional())
    document = await services.documents.create(manager, client.id, DocumentFamily.FACTURE)
    # Taken back to before the column: the events stay, without their client.
    async with downgraded(engine, "0008"):
        await migrate.upgrade(engine)
        async with engine.connect() as connection:
            given = set(
                (
                    await connection.execute(
                        select(AuditEvent.entity, AuditEvent.entity_id, AuditEvent.client_id)
                    )
                ).all()
            )
    assert {("client", client.id, client.id), ("document", document.id, client.id)} <= given
    assert ("account", manager.account_id, None) in given
