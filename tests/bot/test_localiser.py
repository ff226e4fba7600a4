"""Localiser: Google Maps links for the postal address, a venue for a known position."""

from bot.payloads import Card, Locate
from lokisi.schemas import MemberView
from lokisi.services import Services
from tests.bot.conftest import UserFactory
from tests.factories import private_person, professional
from tests.support.driver import TelegramUser

BUSINESS_QUERY = "Boulangerie+Dupont%2C+12+rue+de+la+Paix%2C+75002+Paris%2C+France"


async def open_card(user: TelegramUser, client_id: int) -> None:
    await user.send("/start")
    await user.press_data(Card(client_id).pack(), user.last_message.message_id)


async def test_the_card_opens_maps_at_the_establishment_and_its_directions_in_one_tap(
    theo: TelegramUser, services: Services, manager: MemberView
) -> None:
    client = await services.clients.create(manager, professional())
    await open_card(theo, client.id)
    links = theo.url_buttons()
    assert links["📍 Localiser"] == (
        f"https://www.google.com/maps/search/?api=1&query={BUSINESS_QUERY}"
    )
    assert links["🧭 Itinéraire"] == (
        f"https://www.google.com/maps/dir/?api=1&destination={BUSINESS_QUERY}"
    )
    assert not any("Position" in label for row in theo.buttons() for label in row)


async def test_the_locate_screen_repeats_the_links_with_the_address(
    theo: TelegramUser, services: Services, manager: MemberView
) -> None:
    client = await services.clients.create(manager, professional())
    await open_card(theo, client.id)
    calls = await theo.press_data(Locate(client.id).pack(), theo.last_message.message_id)
    assert "12 rue de la Paix, 75002 Paris, France" in theo.last_text
    assert theo.url_buttons() == {
        "🗺 Ouvrir dans Google Maps": (
            f"https://www.google.com/maps/search/?api=1&query={BUSINESS_QUERY}"
        ),
        "🧭 Itinéraire": f"https://www.google.com/maps/dir/?api=1&destination={BUSINESS_QUERY}",
    }
    assert not [call for call in calls if call.method == "sendVenue"]
    await theo.press("Fiche client")
    assert "FICHE CLIENT" in theo.last_text


async def test_localiser_points_maps_at_the_address_alone_for_a_private_person(
    theo: TelegramUser, services: Services, manager: MemberView
) -> None:
    client = await services.clients.create(
        manager,
        private_person(
            address_line1="3 place Bellecour", address_line2="Bât. B", postal_code="69002"
        ),
    )
    await open_card(theo, client.id)
    query = "3+place+Bellecour%2C+B%C3%A2t.+B%2C+69002+Lyon%2C+France"
    assert theo.url_buttons()["📍 Localiser"] == (
        f"https://www.google.com/maps/search/?api=1&query={query}"
    )


async def test_a_known_position_is_sent_as_a_telegram_venue(
    theo: TelegramUser, services: Services, manager: MemberView
) -> None:
    client = await services.clients.create(manager, professional())
    position = {"latitude": 48.8686, "longitude": 2.3314}
    await services.clients.update(
        manager, client.id, client.model_dump() | position, expected_version=client.version
    )
    await open_card(theo, client.id)
    calls = await theo.press("Position")
    venue = next(call for call in calls if call.method == "sendVenue")
    assert venue.params["latitude"] == 48.8686 and venue.params["longitude"] == 2.3314
    assert venue.params["title"] == "Boulangerie Dupont"
    assert venue.params["address"] == "12 rue de la Paix, 75002 Paris, France"


async def test_localiser_without_a_postal_address_offers_to_fill_it_in(
    theo: TelegramUser, services: Services, manager: MemberView
) -> None:
    client = await services.clients.create(manager, private_person())
    await open_card(theo, client.id)
    await theo.press("Localiser")
    assert "La localisation nécessite l'adresse postale du client" in theo.last_text
    assert theo.url_buttons() == {}
    fill = next(
        button
        for row in theo.last_message.keyboard
        for button in row
        if button["text"] == "✏️ Renseigner l'adresse"
    )
    assert fill["callback_data"] == f"ef:{client.id}:address_line1"


async def test_localiser_speaks_english_to_an_english_telegram(
    as_user: UserFactory, services: Services, manager: MemberView
) -> None:
    client = await services.clients.create(manager, private_person())
    english = as_user(manager, language_code="en")
    await open_card(english, client.id)
    await english.press("Locate")
    assert "Locating a client needs its postal address." in english.last_text
    assert "✏️ Fill in the address" in [label for row in english.buttons() for label in row]


async def test_another_accounts_client_cannot_be_located(
    theo: TelegramUser, services: Services, outsider_manager: MemberView
) -> None:
    foreign = await services.clients.create(outsider_manager, professional(name="Secret SA"))
    await theo.send("/start")
    calls = await theo.press_data(Locate(foreign.id).pack(), theo.last_message.message_id)
    assert theo.callback_answers == ["Ce client n'existe plus (il a peut-être été supprimé)."]
    assert not [call for call in calls if call.method == "sendVenue"]
    assert "Secret SA" not in " ".join(theo.texts)
