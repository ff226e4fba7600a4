"""The client form fills itself from the registers (faked on 127.0.0.1) and refuses to make a
client twice: pressed and typed like a user would, in French and English."""

from __future__ import annotations

import pytest

from lokisi.db import SessionFactory
from lokisi.lookups import Lookups
from lokisi.schemas import ClientView, MemberView
from lokisi.services import Services
from tests.bot.conftest import UserFactory
from tests.bot.test_client_form import only_client, open_new_form
from tests.factories import private_person, professional
from tests.support.driver import TelegramUser
from tests.support.fake_lookups import FakeLookups


@pytest.fixture
def services(sessions: SessionFactory, lookups: Lookups) -> Services:
    """The services with both look-ups, over the fake registers."""
    return Services.over(sessions, lookups)


async def open_form_in(user: TelegramUser, language: str) -> None:
    await open_new_form(user, "+ Nouveau client" if language == "fr" else "+ New client")


def labels(user: TelegramUser) -> list[str]:
    return [label for row in user.buttons() for label in row]


async def newest(services: Services, member: MemberView) -> ClientView:
    page = await services.clients.list_page(member)
    return await services.clients.get(member, max(c.id for c in page.items))


@pytest.mark.parametrize(
    ("language", "offers", "filled", "save"),
    [
        ("fr", "Au registre des entreprises", "Rempli depuis le registre", "Enregistrer"),
        ("en", "In the company register", "Filled from the company register", "Save"),
    ],
)
async def test_a_company_name_typed_offers_the_register_and_fills_the_card(
    as_user: UserFactory,
    services: Services,
    manager: MemberView,
    language: str,
    offers: str,
    filled: str,
    save: str,
) -> None:
    user = as_user(manager, language_code=language)
    await open_form_in(user, language)
    await user.send("boulangerie")
    assert offers in user.last_text
    assert "✅ BOULANGERIE DUPONT · 12 Rue de la Paix, 75002 Paris" in labels(user)
    await user.press("BOULANGERIE DUPONT")
    assert filled in user.last_text
    for shown in ("BOULANGERIE DUPONT", "732 829 320 00074", "FR44732829320", "12 Rue de la Paix"):
        assert shown in user.last_text
    await user.press(save)
    client = await only_client(services, manager)
    assert (client.siret, client.vat_number, client.postal_code, client.city) == (
        "73282932000074",
        "FR44732829320",
        "75002",
        "Paris",
    )
    assert (client.latitude, client.longitude) == (48.86869, 2.33147)


async def test_a_siret_typed_offers_its_establishment_marking_a_closed_one(
    marie: TelegramUser, services: Services, manager: MemberView
) -> None:
    await open_new_form(marie)
    await marie.send("Boulangerie de l'Opéra")
    await marie.press("SIRET")
    await marie.send("73282932000082")
    assert "⛔ BOULANGERIE DUPONT · 3 Avenue de l'Opera, 75001 Paris" in labels(marie)
    await marie.press("BOULANGERIE DUPONT")
    assert "Cet établissement est fermé au registre" in marie.last_text


async def test_a_sole_traders_head_office_fills_the_address_but_not_the_position(
    marie: TelegramUser, services: Services, manager: MemberView, public_apis: FakeLookups
) -> None:
    await open_new_form(marie)
    await marie.press("SIRET")
    await marie.send("812345676")
    assert "14 chiffres" in marie.last_text
    await marie.press("JEAN MARTIN")
    assert "8 Rue des Lilas" in marie.last_text
    await marie.press("Enregistrer")
    client = await only_client(services, manager)
    assert (client.name, client.city, client.latitude) == ("JEAN MARTIN", "Lyon", None)
    assert public_apis.asked("/geocodage/search") == []


async def test_a_non_diffusible_company_fills_what_the_register_shows(
    marie: TelegramUser, services: Services, manager: MemberView
) -> None:
    await open_new_form(marie)
    await marie.send("Société Discrète")
    await marie.press("SIRET")
    await marie.send("52345678800018")
    assert any(label.startswith("🔒 SOCIETE DISCRETE") for label in labels(marie))
    await marie.press("SOCIETE DISCRETE")
    await marie.press("Enregistrer")
    client = await only_client(services, manager)
    assert (client.siret, client.address_line1, client.city) == ("52345678800018", None, "Paris")


@pytest.mark.parametrize(
    ("failure", "language", "note"),
    [
        ("stall", "fr", "Le registre des entreprises ne répond pas assez vite"),
        ("error", "en", "The company register is unavailable: go on by hand."),
        ("busy", "fr", "Registre des entreprises surchargé"),
    ],
)
async def test_a_slow_or_failing_register_leaves_the_form_as_it_is_and_says_so(
    as_user: UserFactory,
    services: Services,
    manager: MemberView,
    public_apis: FakeLookups,
    failure: str,
    language: str,
    note: str,
) -> None:
    user = as_user(manager, language_code=language)
    await open_form_in(user, language)
    public_apis.failures["entreprises"] = failure
    await user.send("Boulangerie Dupont")
    assert note in user.last_text
    assert "Boulangerie Dupont" in user.last_text
    assert ("Tapez « Mobile »" if language == "fr" else "Type the “Mobile”") in user.last_text


@pytest.mark.parametrize(
    ("language", "postal_code"), [("fr", "Code postal"), ("en", "Postal code")]
)
async def test_a_street_typed_is_completed_and_placed(
    as_user: UserFactory, services: Services, manager: MemberView, language: str, postal_code: str
) -> None:
    user = as_user(manager, language_code=language)
    await open_form_in(user, language)
    await user.send("Élodie Martin")
    await user.send("06 12 34 56 78")
    await user.send("12 rue de la p")
    assert labels(user)[0] == "12 Rue de la Paix 75002 Paris"
    await user.press("12 Rue de la Paix 75002 Paris")
    assert "75002" in user.last_text and "Paris" in user.last_text
    await user.press("Enregistrer" if language == "fr" else "Save")
    client = await only_client(services, manager)
    assert (client.address_line1, client.postal_code, client.latitude) == (
        "12 Rue de la Paix",
        "75002",
        48.86869,
    )


async def test_a_location_shared_when_the_address_is_asked_becomes_the_nearest_address(
    marie: TelegramUser, services: Services, manager: MemberView
) -> None:
    await open_new_form(marie)
    await marie.send("Élodie Martin")
    await marie.send("06 12 34 56 78")
    assert "Tapez « Adresse »" in marie.last_text
    await marie.share_location(45.7598, 4.8421)
    assert "Adresse la plus proche de la position partagée" in marie.last_text
    await marie.press("Enregistrer")
    client = await only_client(services, manager)
    assert (client.address_line1, client.postal_code, client.city) == (
        "8 Rue des Lilas",
        "69003",
        "Lyon",
    )
    assert (client.latitude, client.longitude) == (45.7598, 4.8421)


async def test_an_address_typed_by_hand_is_placed_on_save(
    marie: TelegramUser, services: Services, manager: MemberView
) -> None:
    await open_new_form(marie)
    for value in ("Garage Cler", "06 12 34 56 78", "1 rue Cler", "75007", "Paris"):
        await marie.send(value)
    await marie.press("Enregistrer")
    assert (await only_client(services, manager)).latitude == 48.85702


@pytest.mark.parametrize(
    ("language", "refusal", "open_label"),
    [
        ("fr", "Ce SIRET est déjà celui de CLI-000001 Boulangerie Dupont", "📇 Ouvrir CLI-000001"),
        ("en", "This SIRET is already CLI-000001 Boulangerie Dupont's", "📇 Open CLI-000001"),
    ],
)
async def test_the_same_siret_is_refused_with_a_button_to_the_existing_card(
    as_user: UserFactory,
    services: Services,
    manager: MemberView,
    language: str,
    refusal: str,
    open_label: str,
) -> None:
    await services.clients.create(manager, professional())
    user = as_user(manager, language_code=language)
    await open_form_in(user, language)
    await user.send("Dupont Boulange")
    await user.press("SIRET")
    await user.send("73282932000074")
    await user.press("Enregistrer" if language == "fr" else "Save")
    assert refusal in user.last_text
    form_id = user.last_message.message_id
    await user.press(open_label)
    assert "CLI-000001" in user.last_text and user.last_message.message_id != form_id
    assert "Dupont Boulange" in user.message(form_id).text
    assert len((await services.clients.list_page(manager)).items) == 1


@pytest.mark.parametrize(
    ("language", "question", "anyway"),
    [
        ("fr", "Ce client ressemble à CLI-000001 Élodie Martin (même téléphone)", "Créer quand"),
        ("en", "This client looks like CLI-000001 Élodie Martin (same phone number)", "Create any"),
    ],
)
async def test_a_client_that_looks_like_another_asks_then_is_created_anyway(
    as_user: UserFactory,
    services: Services,
    manager: MemberView,
    language: str,
    question: str,
    anyway: str,
) -> None:
    await services.clients.create(manager, private_person(mobile="06 12 34 56 78"))
    user = as_user(manager, language_code=language)
    await open_form_in(user, language)
    await user.press("Particulier" if language == "fr" else "Private person")
    await user.send("Jean Dupont")
    await user.send("06 12 34 56 78")
    await user.press("Enregistrer" if language == "fr" else "Save")
    assert question in user.last_text
    await user.press(anyway)
    assert (await newest(services, manager)).code == "CLI-000002"


async def test_a_bad_siret_or_a_private_persons_name_asks_the_register_nothing(
    marie: TelegramUser, public_apis: FakeLookups
) -> None:
    await open_new_form(marie)
    await marie.press("Particulier")
    await marie.send("Élodie Martin")
    # A private person's form offers no SIRET: the bad one is typed for a company.
    await marie.press("Professionnel")
    await marie.press("SIRET")
    await marie.send("123")
    assert "celui-ci en a 3" in marie.last_text
    assert public_apis.asked("/entreprises/search") == []
