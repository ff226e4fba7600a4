"""Single-use tokens: a call made again with the same token makes nothing and says what the
first call made."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from lokisi.db import SessionFactory
from lokisi.enums import DocumentFamily, DocumentStatus
from lokisi.errors import AlreadyDone, ClientHasOpenDocuments
from lokisi.models import AuditEvent, Client, Document, utcnow
from lokisi.schemas import ClientView, DeleteOutcome, MemberView
from lokisi.services import Services
from tests.factories import private_person, professional, unnumbered


@pytest.fixture
async def client(services: Services, manager: MemberView) -> ClientView:
    return await services.clients.create(manager, professional())


def made(done: pytest.ExceptionInfo[AlreadyDone]) -> tuple[str, str, int | None]:
    return done.value.action, done.value.entity, done.value.entity_id


async def audited(sessions: SessionFactory, action: str) -> int:
    async with sessions() as session:
        count = await session.scalar(
            select(func.count()).select_from(AuditEvent).where(AuditEvent.action == action)
        )
    return count or 0


async def test_a_document_created_twice_with_one_token_is_created_once(
    services: Services, manager: MemberView, client: ClientView, sessions: SessionFactory
) -> None:
    first = await services.documents.create(manager, client.id, DocumentFamily.FACTURE, once="t1")
    with pytest.raises(AlreadyDone) as again:
        await services.documents.create(manager, client.id, DocumentFamily.FACTURE, once="t1")
    assert made(again) == ("document.create", "document", first.id)
    assert [d.id for d in await services.documents.list_for_client(manager, client.id)] == [
        first.id
    ]
    # The refused call took no number: the next invoice follows the first.
    second = await services.documents.create(manager, client.id, DocumentFamily.FACTURE)
    assert second.number.endswith("-0002")
    assert await audited(sessions, "document.create") == 2


@pytest.mark.parametrize(
    ("move", "action", "status"),
    [
        ("close", "document.cloture", DocumentStatus.CLOTURE),
        ("cancel", "document.annule", DocumentStatus.ANNULE),
    ],
)
async def test_a_document_moved_twice_with_one_token_is_moved_once(
    services: Services,
    manager: MemberView,
    client: ClientView,
    sessions: SessionFactory,
    move: str,
    action: str,
    status: DocumentStatus,
) -> None:
    document = await services.documents.create(manager, client.id, DocumentFamily.VENTE)
    moved = await getattr(services.documents, move)(manager, document.id, once="t1")
    with pytest.raises(AlreadyDone) as again:
        await getattr(services.documents, move)(manager, document.id, once="t1")
    assert made(again) == (action, "document", document.id)
    assert moved.status is status
    assert await services.documents.get(manager, document.id) == moved
    assert await audited(sessions, action) == 1


async def test_a_token_serves_one_effect_whatever_is_asked_with_it_next(
    services: Services, manager: MemberView, client: ClientView
) -> None:
    document = await services.documents.create(manager, client.id, DocumentFamily.VENTE)
    closed = await services.documents.close(manager, document.id, once="t1")
    with pytest.raises(AlreadyDone) as again:
        await services.documents.cancel(manager, document.id, once="t1")
    assert made(again) == ("document.cloture", "document", document.id)
    assert await services.documents.get(manager, document.id) == closed


async def test_a_client_deleted_twice_with_one_token_says_it_was_done(
    services: Services, manager: MemberView, client: ClientView, sessions: SessionFactory
) -> None:
    await services.clients.delete(manager, client.id, once="t1")
    with pytest.raises(AlreadyDone) as again:
        await services.clients.delete(manager, client.id, once="t1")
    assert made(again) == ("client.delete", "client", client.id)
    assert await audited(sessions, "client.delete") == 1


async def test_a_deletion_made_again_says_which_client_it_deleted(
    services: Services, manager: MemberView, client: ClientView
) -> None:
    deleted = await services.clients.delete(manager, client.id, once="t1")
    with pytest.raises(AlreadyDone) as again:
        await services.clients.delete(manager, client.id, once="t1")
    # The client can no longer be read: the token kept what the deletion answered.
    assert ClientView.model_validate(again.value.outcome) == deleted


async def test_an_edit_saved_twice_with_one_token_changes_the_client_once(
    services: Services, manager: MemberView, client: ClientView, sessions: SessionFactory
) -> None:
    changed = professional(city="Lyon")
    saved = await services.clients.update(
        manager, client.id, changed, expected_version=client.version, once="t1"
    )
    with pytest.raises(AlreadyDone) as again:
        await services.clients.update(
            manager, client.id, changed, expected_version=client.version, once="t1"
        )
    assert made(again) == ("client.update", "client", client.id)
    assert await services.clients.get(manager, client.id) == saved
    assert (saved.version, await audited(sessions, "client.update")) == (2, 1)


async def test_a_bulk_deletion_made_twice_with_one_token_is_made_once(
    services: Services, manager: MemberView, client: ClientView, sessions: SessionFactory
) -> None:
    other = await services.clients.create(manager, private_person())
    outcomes = await services.clients.delete_many(manager, [client.id, other.id], once="t1")
    assert all(outcome.deleted for outcome in outcomes)
    with pytest.raises(AlreadyDone) as again:
        await services.clients.delete_many(manager, [client.id, other.id], once="t1")
    assert made(again) == ("client.delete_many", "client", None)
    assert await audited(sessions, "client.delete") == 2


async def test_a_bulk_deletion_made_again_says_what_it_deleted_and_refused(
    services: Services, manager: MemberView, client: ClientView
) -> None:
    busy = await services.clients.create(manager, private_person())
    await services.documents.create(manager, busy.id, DocumentFamily.VENTE)
    outcomes = await services.clients.delete_many(manager, [client.id, busy.id], once="t1")
    with pytest.raises(AlreadyDone) as again:
        await services.clients.delete_many(manager, [client.id, busy.id], once="t1")
    assert [DeleteOutcome.model_validate(o) for o in again.value.outcome] == outcomes
    assert [o.deleted for o in outcomes] == [True, False]


async def test_a_client_restored_twice_with_one_token_is_restored_once(
    services: Services, manager: MemberView, client: ClientView, sessions: SessionFactory
) -> None:
    await services.clients.delete(manager, client.id)
    restored = await services.trash.restore(manager, client.id, once="t1")
    with pytest.raises(AlreadyDone) as again:
        await services.trash.restore(manager, client.id, once="t1")
    assert made(again) == ("client.restore", "client", client.id)
    assert await services.clients.get(manager, client.id) == restored
    assert await audited(sessions, "client.restore") == 1


async def test_a_refused_call_leaves_its_token_free_for_another_try(
    services: Services, manager: MemberView, client: ClientView
) -> None:
    document = await services.documents.create(manager, client.id, DocumentFamily.VENTE)
    with pytest.raises(ClientHasOpenDocuments):
        await services.clients.delete(manager, client.id, once="t1")
    await services.documents.close(manager, document.id)
    deleted = await services.clients.delete(manager, client.id, once="t1")
    assert deleted.id == client.id


async def test_a_token_of_one_account_does_not_block_another(
    services: Services, manager: MemberView, outsider_manager: MemberView
) -> None:
    ours = await services.clients.create(manager, professional(), once="same-token")
    theirs = await services.clients.create(outsider_manager, professional(), once="same-token")
    assert theirs.account_id != ours.account_id
    with pytest.raises(AlreadyDone) as again:
        await services.clients.create(outsider_manager, professional(), once="same-token")
    assert made(again) == ("client.create", "client", theirs.id)


async def test_calls_without_a_token_are_never_taken_for_one_another(
    services: Services, manager: MemberView, sessions: SessionFactory
) -> None:
    await services.clients.create(manager, unnumbered(), allow_duplicate=True)
    await services.clients.create(manager, unnumbered(), allow_duplicate=True)
    async with sessions() as session:
        assert await session.scalar(select(func.count()).select_from(Client)) == 2


async def test_tokens_are_forgotten_by_the_daily_purge_after_thirty_days(
    services: Services, manager: MemberView
) -> None:
    first = await services.clients.create(manager, professional(), once="t1")
    await services.trash.purge_expired(utcnow() + timedelta(days=29))
    with pytest.raises(AlreadyDone) as again:
        await services.clients.create(manager, professional(), once="t1")
    assert made(again) == ("client.create", "client", first.id)
    await services.trash.purge_expired(utcnow() + timedelta(days=31))
    second = await services.clients.create(manager, unnumbered(name="Autre"), once="t1")
    assert second.id != first.id


async def test_a_token_longer_than_its_column_is_refused_before_anything_is_made(
    services: Services, manager: MemberView, client: ClientView, sessions: SessionFactory
) -> None:
    with pytest.raises(ValueError):
        await services.documents.create(manager, client.id, DocumentFamily.VENTE, once="x" * 33)
    async with sessions() as session:
        assert await session.scalar(select(func.count()).select_from(Document)) == 0


@pytest.mark.parametrize("save", ["create", "update"])
async def test_a_client_saved_again_with_its_token_is_done_not_a_duplicate_of_itself(
    services: Services, manager: MemberView, save: str
) -> None:
    """The duplicate check reads before the token is claimed: it must not take the first
    save (the phone and the name are the same) for another client."""
    values = unnumbered(name="Chaudronnerie Vasseur", mobile="06 12 34 56 78")
    if save == "create":
        first = await services.clients.create(manager, values, once="t1")
        with pytest.raises(AlreadyDone) as again:
            await services.clients.create(manager, values, once="t1")
        assert made(again) == ("client.create", "client", first.id)
        return
    other = await services.clients.create(manager, unnumbered(name="Garage Faure", mobile=None))
    saved = await services.clients.update(manager, other.id, values, expected_version=1, once="t2")
    # Since then, a client it looks like.
    await services.clients.create(manager, values, allow_duplicate=True)
    with pytest.raises(AlreadyDone) as again:
        await services.clients.update(manager, other.id, values, expected_version=1, once="t2")
    assert made(again) == ("client.update", "client", other.id)
    assert (await services.clients.get(manager, other.id)).version == saved.version
