"""No duplicates by accident: the same SIRET is refused, the same phone or name asks first."""

from __future__ import annotations

import asyncio
import sqlite3
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import asyncpg
import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from lokisi.db import SessionFactory
from lokisi.enums import DuplicateReason
from lokisi.errors import LooksLikeDuplicate, SiretTaken
from lokisi.schemas import MemberView
from lokisi.services import Services, duplicates
from tests.factories import private_person, professional, unnumbered


def reasons(refused: pytest.ExceptionInfo[LooksLikeDuplicate]) -> list[tuple[str, str]]:
    return [(m.client.code, m.reason.value) for m in refused.value.matches]


async def test_a_second_client_with_the_same_siret_is_refused_naming_the_first(
    services: Services, manager: MemberView
) -> None:
    first = await services.clients.create(manager, professional())
    with pytest.raises(SiretTaken) as refused:
        await services.clients.create(
            manager, unnumbered(name="Autre nom", siret="732 829 320 00074"), allow_duplicate=True
        )
    assert (refused.value.existing.id, refused.value.existing.code) == (first.id, "CLI-000001")
    assert len((await services.clients.list_page(manager)).items) == 1


async def test_changing_a_siret_to_another_clients_is_refused_but_keeping_it_is_not(
    services: Services, manager: MemberView
) -> None:
    first = await services.clients.create(manager, professional())
    second = await services.clients.create(manager, unnumbered(name="Garage Martin"))
    with pytest.raises(SiretTaken):
        await services.clients.update(
            manager,
            second.id,
            unnumbered(name="Garage Martin", siret=first.siret),
            expected_version=second.version,
        )
    kept = await services.clients.update(
        manager, first.id, professional(notes="Portail bleu"), expected_version=first.version
    )
    assert kept.notes == "Portail bleu"


async def test_the_siret_of_a_deleted_client_or_of_another_account_is_free(
    services: Services, manager: MemberView, outsider_manager: MemberView
) -> None:
    await services.clients.create(outsider_manager, professional())
    gone = await services.clients.create(manager, professional())
    await services.clients.delete(manager, gone.id)
    again = await services.clients.create(manager, professional())
    assert again.siret == "73282932000074"


async def test_the_same_phone_number_asks_first_and_creates_when_allowed(
    services: Services, manager: MemberView
) -> None:
    first = await services.clients.create(manager, private_person(mobile="06 12 34 56 78"))
    # A number given as the fixed line of one and the mobile of the other is still the same.
    same_number = private_person(name="Jean Dupont", city="Nantes", phone="+33612345678")
    with pytest.raises(LooksLikeDuplicate) as asked:
        await services.clients.create(manager, same_number)
    assert reasons(asked) == [(first.code, DuplicateReason.PHONE.value)]
    anyway = await services.clients.create(manager, same_number, allow_duplicate=True)
    assert anyway.code == "CLI-000002"


@pytest.mark.parametrize(
    "name",
    ["BOULANGERIE  DUPONT", "Boulangerie-Dupont", "boulangerie dupond", "Boulanjerie Dupont"],
)
async def test_the_same_name_in_the_same_postal_code_asks_first(
    services: Services, manager: MemberView, name: str
) -> None:
    first = await services.clients.create(manager, unnumbered(name="Boulangerie Dupont"))
    with pytest.raises(LooksLikeDuplicate) as asked:
        await services.clients.create(manager, unnumbered(name=name))
    assert reasons(asked) == [(first.code, DuplicateReason.NAME.value)]


@pytest.mark.parametrize(
    "other",
    [
        unnumbered(name="Boulangerie Dupont", postal_code="69002", city="Lyon"),
        unnumbered(name="Boulangerie Durand"),
        unnumbered(name="Boulangerie Dupont 2"),
        private_person(name="Boulangerie Dupont", city="Lyon"),
    ],
    ids=["other-postal-code", "other-name", "other-number", "no-postal-code-other-town"],
)
async def test_a_namesake_elsewhere_or_a_different_name_is_created_without_asking(
    services: Services, manager: MemberView, other: dict[str, object]
) -> None:
    await services.clients.create(manager, unnumbered(name="Boulangerie Dupont"))
    assert (await services.clients.create(manager, other)).code == "CLI-000002"


async def test_without_postal_codes_the_same_name_in_the_same_town_asks_first(
    services: Services, manager: MemberView
) -> None:
    first = await services.clients.create(manager, private_person(name="Élodie Martin"))
    with pytest.raises(LooksLikeDuplicate) as asked:
        await services.clients.create(manager, private_person(name="elodie martin", city="LYON"))
    assert reasons(asked) == [(first.code, DuplicateReason.NAME.value)]


async def test_an_edit_asks_only_about_what_it_changes(
    services: Services, manager: MemberView
) -> None:
    first = await services.clients.create(manager, private_person(mobile="06 12 34 56 78"))
    second = await services.clients.create(
        manager, private_person(mobile="06 12 34 56 78"), allow_duplicate=True
    )
    # The two were entered knowingly: editing one's notes does not ask again.
    edited = await services.clients.update(
        manager,
        second.id,
        private_person(mobile="06 12 34 56 78", notes="Sonner deux fois"),
        expected_version=second.version,
    )
    other = await services.clients.create(manager, private_person(name="Inès Roy", city="Paris"))
    with pytest.raises(LooksLikeDuplicate) as asked:
        await services.clients.update(
            manager,
            other.id,
            private_person(name="Inès Roy", city="Paris", mobile="06 12 34 56 78"),
            expected_version=other.version,
        )
    assert {code for code, _ in reasons(asked)} == {first.code, edited.code}


def write_lock_free(database_url: str, account_id: int) -> bool:
    """Whether another connection could write now: on SQLite, take the database's write
    lock; on PostgreSQL, the account's row (a creation locks it to take the next number)."""
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        connection = sqlite3.connect(str(url.database), timeout=0, isolation_level=None)
        try:
            connection.execute("BEGIN IMMEDIATE")
            connection.execute("ROLLBACK")
            return True
        except sqlite3.OperationalError:
            return False
        finally:
            connection.close()

    async def probe() -> bool:
        dsn = url.set(drivername="postgresql").render_as_string(hide_password=False)
        connection = await asyncpg.connect(dsn)
        try:
            async with connection.transaction():
                await connection.execute(
                    "SELECT 1 FROM accounts WHERE id = $1 FOR UPDATE NOWAIT", account_id
                )
            return True
        except asyncpg.LockNotAvailableError:
            return False
        finally:
            await connection.close()

    # Called from inside the event loop (a patched sync function): a loop of its own.
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, probe()).result()


async def test_close_spellings_are_compared_while_others_can_write(
    services: Services,
    sessions: SessionFactory,
    manager: MemberView,
    database_url: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The slow part of the check holds no lock: an import of thousands of rows held
    SQLite's only write lock 80 % of the time, and every update of the bot writes."""
    first = await services.clients.create(manager, unnumbered(name="Boulangerie Dupont"))
    compare, free = duplicates.close_spellings, []

    def comparing(*args: Any) -> list[int]:
        free.append(write_lock_free(database_url, manager.account_id))
        return compare(*args)

    monkeypatch.setattr(duplicates, "close_spellings", comparing)
    with pytest.raises(LooksLikeDuplicate) as asked:
        await services.clients.create(manager, unnumbered(name="Boulangeri Dupont"))
    assert reasons(asked) == [(first.code, DuplicateReason.NAME.value)]
    other = await services.clients.create(manager, unnumbered(name="Boulangerie Martin"))
    with pytest.raises(LooksLikeDuplicate):
        await services.clients.update(
            manager, other.id, unnumbered(name="Boulangerie Dupond"), expected_version=1
        )
    assert free == [True, True, True]
    # The probe sees a write transaction when there is one.
    async with sessions.begin() as session:
        await session.execute(
            text("UPDATE accounts SET client_seq = client_seq WHERE id = :id"),
            {"id": manager.account_id},
        )
        assert not write_lock_free(database_url, manager.account_id)
