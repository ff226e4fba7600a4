"""What only a real multi-connection database shows: PostgreSQL in CI."""

import asyncio
from datetime import UTC, datetime
from typing import Any

import pytest

from lokisi.enums import DocumentFamily
from lokisi.errors import (
    AlreadyDone,
    ClientChangedMeanwhile,
    ClientHasOpenDocuments,
    NotFound,
    SiretTaken,
)
from lokisi.schemas import ClientView, DocumentView, MemberView
from lokisi.services import Services
from tests.factories import professional, unnumbered

pytestmark = pytest.mark.postgres_only


async def test_twenty_concurrent_invoices_get_twenty_consecutive_numbers(
    services: Services, manager: MemberView
) -> None:
    client = await services.clients.create(manager, professional())
    created = await asyncio.gather(
        *(services.documents.create(manager, client.id, DocumentFamily.FACTURE) for _ in range(20))
    )
    year = datetime.now(UTC).year
    assert sorted(d.number for d in created) == [f"FA-{year}-{n:04d}" for n in range(1, 21)]


async def test_concurrent_updates_from_one_version_leave_one_applied_and_the_rest_refused(
    services: Services, manager: MemberView
) -> None:
    client = await services.clients.create(manager, professional())

    async def edit(n: int) -> str:
        try:
            await services.clients.update(
                manager,
                client.id,
                client.model_dump() | {"notes": f"edit {n}"},
                expected_version=client.version,
            )
        except ClientChangedMeanwhile:
            return "refused"
        return f"edit {n}"

    results = await asyncio.gather(*(edit(n) for n in range(2)))
    applied = [r for r in results if r != "refused"]
    assert len(applied) == 1 and results.count("refused") == 1
    stored = await services.clients.get(manager, client.id)
    assert (stored.notes, stored.version) == (applied[0], 2)


async def test_a_deletion_racing_a_document_creation_never_leaves_an_orphan(
    services: Services, manager: MemberView
) -> None:
    for round_ in range(10):
        client = await services.clients.create(manager, unnumbered(name=f"Course {round_}"))
        deletion, creation = await asyncio.gather(
            services.clients.delete(manager, client.id),
            services.documents.create(manager, client.id, DocumentFamily.VENTE),
            return_exceptions=True,
        )
        if isinstance(deletion, BaseException):
            assert isinstance(deletion, ClientHasOpenDocuments)
            assert not isinstance(creation, BaseException)
        else:
            assert isinstance(creation, NotFound)


def the_one_made(calls: list[Any]) -> Any:
    """What the one call that took effect made: every other call was told AlreadyDone, with
    that record."""
    made = [call for call in calls if not isinstance(call, BaseException)]
    assert len(made) == 1
    others = [call for call in calls if call is not made[0]]
    assert all(isinstance(c, AlreadyDone) and c.entity_id == made[0].id for c in others)
    return made[0]


async def test_one_form_saved_five_times_at_once_makes_one_client(
    services: Services, manager: MemberView
) -> None:
    saves = await asyncio.gather(
        *(services.clients.create(manager, professional(), once="same-form") for _ in range(5)),
        return_exceptions=True,
    )
    made = the_one_made(saves)
    assert isinstance(made, ClientView)
    assert len((await services.clients.list_page(manager)).items) == 1


async def test_one_confirmation_pressed_five_times_at_once_makes_one_document(
    services: Services, manager: MemberView
) -> None:
    client = await services.clients.create(manager, professional())
    presses = await asyncio.gather(
        *(
            services.documents.create(manager, client.id, DocumentFamily.FACTURE, once="press")
            for _ in range(5)
        ),
        return_exceptions=True,
    )
    made = the_one_made(presses)
    assert isinstance(made, DocumentView)
    assert [d.id for d in await services.documents.list_for_client(manager, client.id)] == [made.id]


async def test_one_bulk_deletion_sent_five_times_at_once_is_made_once(
    services: Services, manager: MemberView
) -> None:
    clients = [
        await services.clients.create(manager, unnumbered(name=f"Client {n}")) for n in range(3)
    ]
    ids = [c.id for c in clients]
    results = await asyncio.gather(
        *(services.clients.delete_many(manager, ids, once="bulk") for _ in range(5)),
        return_exceptions=True,
    )
    done = [r for r in results if not isinstance(r, BaseException)]
    assert len(done) == 1 and all(outcome.deleted for outcome in done[0])
    assert all(isinstance(r, AlreadyDone) for r in results if r is not done[0])


async def test_concurrent_claims_of_different_tokens_all_take_effect(
    services: Services, manager: MemberView
) -> None:
    made = await asyncio.gather(
        *(
            services.clients.create(manager, unnumbered(name=f"Client {n}"), once=f"form-{n}")
            for n in range(5)
        )
    )
    assert len({c.id for c in made}) == 5


async def test_the_same_establishment_created_five_times_at_once_is_made_once(
    services: Services, manager: MemberView
) -> None:
    results = await asyncio.gather(
        *(services.clients.create(manager, professional(), once=f"form-{n}") for n in range(5)),
        return_exceptions=True,
    )
    made = [r for r in results if not isinstance(r, BaseException)]
    assert len(made) == 1
    assert all(isinstance(r, SiretTaken) for r in results if r is not made[0])
