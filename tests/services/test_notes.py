"""Notes on a real database: dated and signed, newest first, removed by their author or a
manager, on the card and in the export, and out with the purge."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from lokisi.errors import AlreadyDone, InvalidInput, NotFound, PermissionDenied
from lokisi.models import ClientNote, utcnow
from lokisi.schemas import MemberView
from lokisi.services import Services
from lokisi.services.notes import MAX_LENGTH, PAGE_SIZE
from tests.factories import photo, private_person, professional


async def test_a_note_keeps_its_author_and_time_and_is_listed_newest_first(
    services: Services, manager: MemberView, technicien: MemberView
) -> None:
    client = await services.clients.create(manager, professional())
    first = await services.notes.add(technicien, client.id, "Portail cassé\nPasser par la cour")
    second = await services.notes.add(manager, client.id, "  Devis envoyé  ")
    page = await services.notes.page(technicien, client.id)
    assert [(n.text, n.author_name) for n in page.items] == [
        ("Devis envoyé", "Marie Manager"),
        ("Portail cassé\nPasser par la cour", "Théo Technicien"),
    ]
    assert first.created_at <= second.created_at
    assert await services.notes.get(technicien, first.id) == first


async def test_notes_come_page_by_page(services: Services, manager: MemberView) -> None:
    client = await services.clients.create(manager, professional())
    notes = [
        await services.notes.add(manager, client.id, f"note {n}") for n in range(PAGE_SIZE + 1)
    ]
    first = await services.notes.page(manager, client.id)
    assert first.has_next and len(first.items) == PAGE_SIZE
    rest = await services.notes.page(manager, client.id, before_id=first.items[-1].id)
    assert [n.id for n in rest.items] == [notes[0].id] and not rest.has_next


@pytest.mark.parametrize(
    ("text", "code"),
    [("   ", "required"), ("\x00\x01", "required"), ("x" * (MAX_LENGTH + 1), "too_long")],
)
async def test_a_blank_or_too_long_note_is_refused_saying_why(
    services: Services, manager: MemberView, text: str, code: str
) -> None:
    client = await services.clients.create(manager, professional())
    with pytest.raises(InvalidInput) as refused:
        await services.notes.add(manager, client.id, text)
    assert [(e.field, e.code) for e in refused.value.errors] == [("note", code)]
    assert (await services.notes.page(manager, client.id)).items == ()


async def test_the_same_message_writes_one_note(services: Services, manager: MemberView) -> None:
    client = await services.clients.create(manager, professional())
    note = await services.notes.add(manager, client.id, "Une fois", once="n1001:42")
    with pytest.raises(AlreadyDone) as done:
        await services.notes.add(manager, client.id, "Une fois", once="n1001:42")
    assert done.value.entity_id == note.id


async def test_its_author_or_a_manager_removes_a_note_and_nobody_else(
    services: Services, manager: MemberView, technicien: MemberView, outsider_manager: MemberView
) -> None:
    client = await services.clients.create(manager, professional())
    by_marie = await services.notes.add(manager, client.id, "De Marie")
    by_theo = await services.notes.add(technicien, client.id, "De Théo")
    with pytest.raises(PermissionDenied):
        await services.notes.remove(technicien, by_marie.id)
    with pytest.raises(NotFound):
        await services.notes.remove(outsider_manager, by_theo.id)
    with pytest.raises(NotFound):
        await services.notes.get(outsider_manager, by_theo.id)
    await services.notes.remove(technicien, by_theo.id)
    await services.notes.remove(manager, by_marie.id)
    assert (await services.notes.page(manager, client.id)).items == ()


async def test_the_card_counts_attachments_and_notes_and_shows_the_latest_note(
    services: Services, manager: MemberView, technicien: MemberView
) -> None:
    client = await services.clients.create(manager, professional())
    bare = await services.cards.card(technicien, client.id)
    assert (bare.client, bare.extras.attachments, bare.extras.notes) == (client, 0, 0)
    assert bare.extras.latest_note is None
    await services.attachments.add(technicien, client.id, [photo(1), photo(2)])
    await services.notes.add(manager, client.id, "Ancienne")
    latest = await services.notes.add(technicien, client.id, "Récente")
    other = await services.clients.create(manager, private_person())
    await services.notes.add(manager, other.id, "Ailleurs")
    card = await services.cards.card(technicien, client.id)
    assert (card.extras.attachments, card.extras.notes, card.extras.latest_note) == (1, 2, latest)
    assert await services.cards.extras(technicien, client.id) == card.extras


async def test_the_card_of_another_account_or_of_a_deleted_client_is_not_found(
    services: Services, manager: MemberView, outsider_manager: MemberView
) -> None:
    client = await services.clients.create(manager, professional())
    with pytest.raises(NotFound):
        await services.cards.card(outsider_manager, client.id)
    with pytest.raises(NotFound):
        await services.cards.extras(outsider_manager, client.id)
    await services.clients.delete(manager, client.id)
    with pytest.raises(NotFound):
        await services.cards.card(manager, client.id)


async def test_the_export_journal_is_for_managers_and_their_own_clients(
    services: Services, manager: MemberView, technicien: MemberView, outsider_manager: MemberView
) -> None:
    client = await services.clients.create(manager, professional())
    older = await services.notes.add(technicien, client.id, "Première visite")
    newer = await services.notes.add(manager, client.id, "Seconde visite")
    assert await services.notes.journal(manager, [client.id]) == {client.id: [newer, older]}
    assert await services.notes.journal(outsider_manager, [client.id]) == {}
    with pytest.raises(PermissionDenied):
        await services.notes.journal(technicien, [client.id])


async def test_notes_follow_the_client_into_the_corbeille_back_and_out_with_the_purge(
    services: Services, manager: MemberView, engine: AsyncEngine
) -> None:
    client = await services.clients.create(manager, professional())
    note = await services.notes.add(manager, client.id, "Chien méchant")
    await services.clients.delete(manager, client.id)
    with pytest.raises(NotFound):
        await services.notes.page(manager, client.id)
    await services.trash.restore(manager, client.id)
    assert (await services.notes.page(manager, client.id)).items == (note,)
    await services.clients.delete(manager, client.id)
    await services.trash.purge_expired(utcnow() + timedelta(days=31))
    async with engine.connect() as connection:
        assert await connection.scalar(select(func.count()).select_from(ClientNote)) == 0
