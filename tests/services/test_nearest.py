"""The nearest clients to where a member stands: by great-circle distance, own account only."""

import pytest

from lokisi.schemas import MemberView
from lokisi.services import Services
from tests.factories import private_person, professional

# The Louvre, in Paris.
HERE = (48.8606, 2.3376)


async def place(services: Services, actor: MemberView, name: str, lat: float, lon: float) -> int:
    client = await services.clients.create(
        actor, private_person(name=name, latitude=lat, longitude=lon)
    )
    return client.id


async def test_clients_come_nearest_first_with_their_distance(
    services: Services, manager: MemberView
) -> None:
    await place(services, manager, "Lyon", 45.7640, 4.8357)
    await place(services, manager, "Opéra", 48.8720, 2.3316)
    await place(services, manager, "Notre-Dame", 48.8530, 2.3499)
    nearest = await services.clients.nearest(manager, *HERE)
    assert [n.client.name for n in nearest] == ["Notre-Dame", "Opéra", "Lyon"]
    assert nearest[0].distance_m == pytest.approx(1_200, rel=0.1)
    assert nearest[2].distance_m == pytest.approx(390_000, rel=0.02)


async def test_only_live_clients_with_a_position_of_the_account_are_listed(
    services: Services, manager: MemberView, outsider_manager: MemberView
) -> None:
    await services.clients.create(manager, professional())
    await place(services, outsider_manager, "Voisin secret", *HERE)
    gone = await place(services, manager, "Supprimé", *HERE)
    await services.clients.delete(manager, gone)
    kept = await place(services, manager, "Gardé", 48.87, 2.34)
    nearest = await services.clients.nearest(manager, *HERE)
    assert [n.client.id for n in nearest] == [kept]


async def test_the_search_widens_until_it_finds_enough_clients(
    services: Services, manager: MemberView
) -> None:
    # One client next door, the others hundreds and thousands of kilometres away.
    await place(services, manager, "Voisin", 48.8610, 2.3380)
    await place(services, manager, "Marseille", 43.2965, 5.3698)
    await place(services, manager, "Nouméa", -22.2758, 166.4580)
    nearest = await services.clients.nearest(manager, *HERE, limit=3)
    assert [n.client.name for n in nearest] == ["Voisin", "Marseille", "Nouméa"]
    nearest = await services.clients.nearest(manager, *HERE, limit=2)
    assert [n.client.name for n in nearest] == ["Voisin", "Marseille"]


async def test_a_client_in_the_corner_of_a_box_does_not_hide_a_nearer_one_outside_it(
    services: Services, manager: MemberView
) -> None:
    # The corner one is 0.95 km north and 0.95 km east (1.34 km away), inside the first
    # 1 km box; the other is 1.2 km due north, just outside it, and nearer.
    await place(services, manager, "Coin", 48.8606 + 0.00854, 2.3376 + 0.01298)
    await place(services, manager, "Nord", 48.8606 + 0.01079, 2.3376)
    nearest = await services.clients.nearest(manager, *HERE, limit=1)
    assert [n.client.name for n in nearest] == ["Nord"]
    assert nearest[0].distance_m == pytest.approx(1_200, rel=0.01)


async def test_positions_across_the_180th_meridian_are_found(
    services: Services, manager: MemberView
) -> None:
    await place(services, manager, "Fidji Est", -17.0, -179.995)
    await place(services, manager, "Fidji Ouest", -17.0, 179.95)
    nearest = await services.clients.nearest(manager, -17.0, 179.99, limit=2)
    assert [n.client.name for n in nearest] == ["Fidji Est", "Fidji Ouest"]
    assert all(n.distance_m < 10_000 for n in nearest)
