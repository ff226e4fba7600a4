"""The national address base as the form and the commands use it, against the fake geocoder."""

from __future__ import annotations

import pytest

from lokisi.lookups import Geocoder, Lookups, Unavailable
from lokisi.lookups.addresses import ToPlace
from tests.support.fake_lookups import FakeLookups


def geocoder(lookups: Lookups) -> Geocoder:
    assert lookups.addresses is not None
    return lookups.addresses


async def test_a_street_being_typed_is_completed_with_up_to_five_addresses(
    lookups: Lookups, public_apis: FakeLookups
) -> None:
    found = await geocoder(lookups).complete("12 rue de la p")
    assert [a.label for a in found] == ["12 Rue de la Paix 75002 Paris"]
    assert (found[0].street, found[0].postal_code, found[0].city) == (
        "12 Rue de la Paix",
        "75002",
        "Paris",
    )
    assert (found[0].latitude, found[0].longitude) == (48.86869, 2.33147)
    assert public_apis.asked("/geocodage/search")[0]["autocomplete"] == "1"
    assert len(await geocoder(lookups).complete("rue de la paix", postal_code="75002")) == 2
    assert await geocoder(lookups).complete("12") == []


async def test_a_point_becomes_the_nearest_address(lookups: Lookups) -> None:
    nearest = await geocoder(lookups).reverse(45.7598, 4.8421)
    assert nearest is not None and nearest.label == "8 Rue des Lilas 69003 Lyon"
    assert await geocoder(lookups).reverse(0.0, 0.0) is None


async def test_addresses_are_placed_one_by_one_or_by_the_thousand(
    lookups: Lookups, public_apis: FakeLookups
) -> None:
    placed = await geocoder(lookups).locate("1 rue Cler", "75007", "Paris")
    assert placed is not None and (placed.latitude, placed.longitude) == (48.85702, 2.30605)
    many = await geocoder(lookups).locate_many(
        [ToPlace(4, "1 rue Cler", "75007", "Paris"), ToPlace(9, "Nulle part", "75007", "Paris")]
    )
    assert many[9] is None
    assert many[4] is not None and many[4].label == "1 Rue Cler 75007 Paris"
    [sent] = public_apis.asked("/geocodage/search/csv")
    assert sent["columns"] == ["address", "city"] and sent["postcode"] == "postcode"


async def test_a_geocoder_asking_to_wait_is_not_asked_again_meanwhile(
    lookups: Lookups, public_apis: FakeLookups
) -> None:
    public_apis.failures["geocodage"] = "busy"
    for _ in range(2):
        with pytest.raises(Unavailable) as refused:
            await geocoder(lookups).complete("12 rue de la paix")
        assert refused.value.reason == "busy"
    assert len(public_apis.requests) == 1
