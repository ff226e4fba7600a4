"""Every client with an address has a position: a new or changed address is placed on save."""

from __future__ import annotations

import pytest

from lokisi.db import SessionFactory
from lokisi.lookups import Lookups
from lokisi.schemas import MemberView
from lokisi.services import Services
from tests.factories import private_person
from tests.support.fake_lookups import FakeLookups

CLER = {"address_line1": "1 rue Cler", "postal_code": "75007", "city": "Paris"}
LILAS = {"address_line1": "8 rue des Lilas", "postal_code": "69003", "city": "Lyon"}


@pytest.fixture
def placing(sessions: SessionFactory, lookups: Lookups) -> Services:
    return Services.over(sessions, lookups)


async def test_a_new_address_without_a_position_is_placed_on_save(
    placing: Services, manager: MemberView
) -> None:
    client = await placing.clients.create(manager, private_person(**CLER))
    assert (client.latitude, client.longitude) == (48.85702, 2.30605)


async def test_a_position_given_with_the_address_is_kept(
    placing: Services, manager: MemberView
) -> None:
    client = await placing.clients.create(
        manager, private_person(**CLER, latitude=48.5, longitude=2.5)
    )
    assert (client.latitude, client.longitude) == (48.5, 2.5)


async def test_a_changed_address_is_placed_again(placing: Services, manager: MemberView) -> None:
    client = await placing.clients.create(manager, private_person(**CLER))
    moved = await placing.clients.update(
        manager,
        client.id,
        private_person(**LILAS, latitude=client.latitude, longitude=client.longitude),
        expected_version=client.version,
    )
    assert (moved.latitude, moved.longitude) == (45.7597, 4.8422)


async def test_an_unknown_address_or_a_failing_geocoder_saves_without_a_position(
    placing: Services, manager: MemberView, public_apis: FakeLookups
) -> None:
    unknown = await placing.clients.create(
        manager, private_person(address_line1="3 impasse Inconnue", postal_code="75007")
    )
    public_apis.failures["geocodage"] = "error"
    failing = await placing.clients.create(manager, private_person(name="Inès Roy", **CLER))
    assert (unknown.latitude, failing.latitude) == (None, None)


async def test_a_save_asked_not_to_place_leaves_the_position_empty(
    placing: Services, manager: MemberView, public_apis: FakeLookups
) -> None:
    client = await placing.clients.create(manager, private_person(**CLER), place=False)
    assert client.latitude is None
    assert public_apis.requests == []
