"""The client card: details escaped, every task one tap away, nothing of another account."""

from bot.payloads import Card
from lokisi.schemas import MemberView
from lokisi.services import Services
from tests.bot.conftest import UserFactory
from tests.factories import professional
from tests.support.driver import TelegramUser


async def open_card(user: TelegramUser, client_id: int) -> None:
    await user.send("/start")
    await user.press_data(Card(client_id).pack(), user.last_message.message_id)


async def test_the_card_shows_the_details_and_every_action(
    marie: TelegramUser, services: Services, manager: MemberView
) -> None:
    client = await services.clients.create(manager, professional())
    await open_card(marie, client.id)
    text = marie.last_text
    assert "FICHE CLIENT" in text and "CLI-000001" in text and "Boulangerie Dupont" in text
    assert "+33 6 12 34 56 78" in text and "732 829 320 00074" in text
    labels = {label for row in marie.buttons() for label in row}
    for label in (
        "Modifier",
        "Supprimer",
        "Localiser",
        "Créer une intervention",
        "Créer une location",
        "Créer une vente",
        "Créer une facture",
        "Documents",
        "Retour",
    ):
        assert any(label in shown for shown in labels), label


async def test_user_text_on_the_card_is_shown_as_typed(
    marie: TelegramUser, services: Services, manager: MemberView
) -> None:
    tricky = "<b>&amp;</b> *_[x]"
    client = await services.clients.create(
        manager, professional(name=tricky, notes="<script>alert(1)</script>")
    )
    await open_card(marie, client.id)
    assert tricky in marie.last_text
    assert "<script>alert(1)</script>" in marie.last_text


async def test_a_technicien_sees_no_delete_button(
    theo: TelegramUser, services: Services, manager: MemberView
) -> None:
    client = await services.clients.create(manager, professional())
    await open_card(theo, client.id)
    labels = {label for row in theo.buttons() for label in row}
    assert not any("Supprimer" in label for label in labels)


async def test_another_accounts_client_cannot_be_opened_by_forged_data(
    marie: TelegramUser, services: Services, outsider_manager: MemberView
) -> None:
    foreign = await services.clients.create(outsider_manager, professional(name="Secret SA"))
    await open_card(marie, foreign.id)
    assert marie.callback_answers == ["Ce client n'existe plus (il a peut-être été supprimé)."]
    assert "Secret SA" not in " ".join(marie.texts)


async def test_garbled_callback_data_gets_an_alert(marie: TelegramUser) -> None:
    await marie.send("/start")
    await marie.press_data("c:not-a-number", marie.last_message.message_id)
    assert marie.callback_answers == ["Ce bouton n'est pas valide."]
    await marie.press_data("zz:unknown", marie.last_message.message_id)
    assert "trop ancien" in marie.callback_answers[0]


async def test_call_sends_the_clients_number_as_a_contact(
    theo: TelegramUser, services: Services, manager: MemberView
) -> None:
    client = await services.clients.create(manager, professional())
    await open_card(theo, client.id)
    calls = await theo.press("Appeler")
    contact = next(c for c in calls if c.method == "sendContact")
    assert contact.params["phone_number"] == "+33612345678"
    assert contact.params["first_name"] == "Jean Dupont"


async def test_each_language_writes_its_own_label_and_value_separator(
    as_user: UserFactory, services: Services, manager: MemberView
) -> None:
    client = await services.clients.create(
        manager, professional(phone="01 42 68 53 00", mobile=None)
    )
    marie_en = as_user(manager, language_code="en")
    await open_card(marie_en, client.id)
    assert "Phone: +33 1 42 68 53 00" in marie_en.last_text
    assert "SIRET: 732 829 320 00074" in marie_en.last_text
    assert " : " not in marie_en.last_text
    marie_fr = as_user(manager)
    await open_card(marie_fr, client.id)
    assert "Téléphone : +33 1 42 68 53 00" in marie_fr.last_text


async def test_the_card_copies_the_numbers_the_address_and_the_siret_in_one_tap(
    theo: TelegramUser, services: Services, manager: MemberView
) -> None:
    client = await services.clients.create(manager, professional())
    await open_card(theo, client.id)
    copied = {
        button["text"]: button["copy_text"]["text"]
        for row in theo.last_message.keyboard
        for button in row
        if "copy_text" in button
    }
    assert copied == {
        "📋 Mobile": "+33 6 12 34 56 78",
        "📋 Fixe": "+33 1 42 68 53 00",
        "📋 Adresse": "12 rue de la Paix, 75002 Paris, France",
        "📋 SIRET": "73282932000074",
    }


async def test_a_card_without_numbers_offers_nothing_to_copy_or_call(
    theo: TelegramUser, services: Services, manager: MemberView
) -> None:
    client = await services.clients.create(
        manager,
        professional(phone=None, mobile=None, siret=None, vat_number=None, address_line1=None),
    )
    await open_card(theo, client.id)
    buttons = [b for row in theo.last_message.keyboard for b in row]
    assert not any("copy_text" in b for b in buttons)
    assert not any("Appeler" in b["text"] for b in buttons)


async def test_call_offers_every_number_the_client_has(
    as_user: UserFactory, services: Services, manager: MemberView
) -> None:
    client = await services.clients.create(manager, professional())
    theo = as_user(manager, "en")
    await open_card(theo, client.id)
    calls = await theo.press("Call")
    contacts = [c.params for c in calls if c.method == "sendContact"]
    assert [c["phone_number"] for c in contacts] == ["+33612345678", "+33142685300"]
    assert [c["last_name"] for c in contacts] == [
        "Boulangerie Dupont · Mobile",
        "Boulangerie Dupont · Phone",
    ]
    assert "TEL;TYPE=CELL:+33612345678" in contacts[0]["vcard"]
