"""Navigating: sharing one's location lists the nearest clients, each a tap from its card."""

from __future__ import annotations

from bot.views.nearby import display_distance
from lokisi.schemas import MemberView
from lokisi.services import Services
from tests.bot.conftest import UserFactory
from tests.factories import private_person, professional
from tests.support.driver import TelegramUser

LOUVRE = (48.8606, 2.3376)


async def test_sharing_a_location_lists_the_nearest_clients_with_distances(
    theo: TelegramUser, services: Services, manager: MemberView
) -> None:
    await services.clients.create(manager, professional(latitude=48.8530, longitude=2.3499))
    await services.clients.create(
        manager, private_person(name="Élodie <Martin>", latitude=45.764, longitude=4.8357)
    )
    await services.clients.create(manager, private_person(name="Sans position"))
    await theo.share_location(*LOUVRE)
    assert theo.last_text.splitlines() == [
        "📍 Les clients les plus proches de vous :",
        "1. Boulangerie Dupont (CLI-000001) — 1,2 km · Paris",
        "2. Élodie <Martin> (CLI-000002) — 392 km · Lyon",
    ]
    assert theo.buttons() == [
        ["Boulangerie Dupont · 1,2 km"],
        ["Élodie <Martin> · 392 km"],
        ["🏠 Menu"],
    ]
    await theo.press("Boulangerie Dupont")
    assert "FICHE CLIENT" in theo.last_text and "Position GPS : 48.85300, 2.34990" in theo.last_text


async def test_without_any_positioned_client_the_member_learns_how_to_record_one(
    theo: TelegramUser, services: Services, manager: MemberView
) -> None:
    await services.clients.create(manager, professional())
    await theo.share_location(*LOUVRE)
    assert "Aucun client de votre compte n'a encore de position GPS" in theo.last_text
    assert theo.buttons() == [["🏠 Menu"]]


async def test_another_accounts_clients_are_never_listed(
    as_user: UserFactory, services: Services, manager: MemberView, outsider_manager: MemberView
) -> None:
    await services.clients.create(manager, professional(latitude=48.86, longitude=2.34))
    olga = as_user(outsider_manager)
    await olga.share_location(*LOUVRE)
    assert "Boulangerie" not in olga.last_text
    assert "Aucun client" in olga.last_text


async def test_an_outsider_sharing_a_location_learns_nothing(
    stranger: TelegramUser, services: Services, manager: MemberView
) -> None:
    await services.clients.create(manager, professional(latitude=48.86, longitude=2.34))
    await stranger.share_location(*LOUVRE)
    assert "pas encore membre" in stranger.last_text
    assert "Boulangerie" not in stranger.last_text


def test_distances_read_as_people_say_them() -> None:
    assert display_distance("fr", 3) == "10 m"
    assert display_distance("fr", 346) == "350 m"
    assert display_distance("fr", 1_234) == "1,2 km"
    assert display_distance("en", 1_234) == "1.2 km"
    assert display_distance("fr", 37_400) == "37 km"
    assert display_distance("fr", 996) == "1,0 km"
    assert display_distance("fr", 9_960) == "10 km"
