"""No duplicates by accident: the same SIRET is refused, the same phone or name asks first."""

from __future__ import annotations

import pytest

from lokisi.enums import DuplicateReason
from lokisi.errors import LooksLikeDuplicate, SiretTaken
from lokisi.schemas import MemberView
from lokisi.services import Services
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
