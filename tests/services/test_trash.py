"""The Corbeille: 30 days to restore a deleted client, then its personal data is purged."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from lokisi.db import SessionFactory
from lokisi.enums import DocumentFamily
from lokisi.errors import NotFound, PermissionDenied
from lokisi.models import AuditEvent, Client, Document, utcnow
from lokisi.schemas import MemberView
from lokisi.services import Services
from tests.factories import professional


async def test_a_deleted_client_is_restored_with_its_documents_and_found_again(
    services: Services, manager: MemberView
) -> None:
    client = await services.clients.create(manager, professional())
    document = await services.documents.create(manager, client.id, DocumentFamily.VENTE)
    await services.documents.close(manager, document.id)
    await services.clients.delete(manager, client.id)
    assert [c.id for c in await services.trash.contents(manager)] == [client.id]
    restored = await services.trash.restore(manager, client.id)
    assert restored.name == "Boulangerie Dupont"
    assert [d.number for d in await services.documents.list_for_client(manager, client.id)] == [
        document.number
    ]
    assert [c.id for c in (await services.clients.search(manager, "boulangerie")).items] == [
        client.id
    ]
    assert await services.trash.contents(manager) == []


async def test_only_managers_see_and_restore_the_trash_of_their_own_account(
    services: Services, manager: MemberView, technicien: MemberView, outsider_manager: MemberView
) -> None:
    client = await services.clients.create(manager, professional())
    await services.clients.delete(manager, client.id)
    with pytest.raises(PermissionDenied):
        await services.trash.contents(technicien)
    with pytest.raises(PermissionDenied):
        await services.trash.restore(technicien, client.id)
    assert await services.trash.contents(outsider_manager) == []
    with pytest.raises(NotFound):
        await services.trash.restore(outsider_manager, client.id)


async def test_after_thirty_days_the_client_is_purged_but_its_audit_snapshot_remains(
    services: Services, manager: MemberView, sessions: SessionFactory
) -> None:
    client = await services.clients.create(manager, professional())
    document = await services.documents.create(manager, client.id, DocumentFamily.FACTURE)
    await services.documents.close(manager, document.id)
    await services.clients.delete(manager, client.id)
    assert await services.trash.purge_expired(utcnow() + timedelta(days=29)) == 0
    assert await services.trash.purge_expired(utcnow() + timedelta(days=31)) == 1
    assert await services.trash.purge_expired(utcnow() + timedelta(days=32)) == 0
    async with sessions() as session:
        purged = await session.get_one(Client, client.id)
        snapshot = await session.scalar(
            select(AuditEvent.before).where(AuditEvent.action == "client.delete")
        )
    assert (purged.name, purged.phone, purged.email) == ("CLI-000001", None, None)
    assert snapshot is not None and snapshot["name"] == "Boulangerie Dupont"
    async with sessions() as session:
        kept = await session.scalar(select(Document.client_id).where(Document.id == document.id))
    assert kept == client.id
