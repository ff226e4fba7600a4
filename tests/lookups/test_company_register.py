"""The company register as the form uses it, against the fake of its public API."""

from __future__ import annotations

import pytest

from lokisi.lookups import CompanyRegister, Lookups, Unavailable
from tests.support.fake_lookups import FakeLookups


def register(lookups: Lookups) -> CompanyRegister:
    assert lookups.companies is not None
    return lookups.companies


async def test_a_siret_gives_its_establishment_ready_for_the_card(lookups: Lookups) -> None:
    [found] = await register(lookups).search("732 829 320 00074")
    assert (found.name, found.siret, found.vat_number) == (
        "BOULANGERIE DUPONT",
        "73282932000074",
        "FR44732829320",
    )
    assert (found.address_line1, found.postal_code, found.city) == (
        "12 Rue de la Paix",
        "75002",
        "Paris",
    )
    assert (found.latitude, found.longitude) == (48.86869, 2.33147)
    assert found.head_office and not found.closed and not found.masked


async def test_a_closed_establishment_is_marked_and_an_unknown_siret_finds_nothing(
    lookups: Lookups,
) -> None:
    [closed] = await register(lookups).search("73282932000082")
    assert closed.closed and not closed.head_office
    assert closed.address_line1 == "3 Avenue de l'Opera"
    assert await register(lookups).search("73282932000090") == []


async def test_the_start_of_a_name_or_a_siren_gives_the_head_offices(lookups: Lookups) -> None:
    found = await register(lookups).search("boulang")
    assert [(e.name, e.siret) for e in found] == [
        ("BOULANGERIE DUPONT", "73282932000074"),
        ("BOULANGERIE DU MARCHE", "90123456700013"),
    ]
    [sole_trader] = await register(lookups).search("812345676")
    assert sole_trader.sole_trader and sole_trader.private_position
    assert await register(lookups).search("bo") == []


async def test_a_non_diffusible_company_comes_without_its_address(lookups: Lookups) -> None:
    [hidden] = await register(lookups).search("52345678800018")
    assert hidden.masked and hidden.name == "SOCIETE DISCRETE"
    assert (hidden.address_line1, hidden.postal_code, hidden.latitude) == (None, None, None)
    assert hidden.city == "Paris"


async def test_answers_are_kept_so_the_same_look_up_asks_once(
    lookups: Lookups, public_apis: FakeLookups
) -> None:
    first = await register(lookups).search("boulangerie dupont")
    assert await register(lookups).search("boulangerie  dupont") == first
    assert len(public_apis.asked("/entreprises/search")) == 1


@pytest.mark.parametrize(("failure", "reason"), [("error", "down"), ("busy", "busy")])
async def test_a_failing_register_is_left_alone_for_a_while(
    lookups: Lookups, public_apis: FakeLookups, failure: str, reason: str
) -> None:
    public_apis.failures["entreprises"] = failure
    with pytest.raises(Unavailable) as refused:
        await register(lookups).search("boulangerie")
    assert refused.value.reason == reason
    public_apis.failures["entreprises"] = None
    with pytest.raises(Unavailable):
        await register(lookups).search("garage")
    assert len(public_apis.asked("/entreprises/search")) == 1


async def test_a_stalled_register_is_given_up_after_a_short_wait(
    lookups: Lookups, public_apis: FakeLookups
) -> None:
    public_apis.failures["entreprises"] = "stall"
    with pytest.raises(Unavailable) as refused:
        await register(lookups).search("boulangerie")
    assert refused.value.reason == "slow"
