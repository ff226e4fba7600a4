"""Créer un client, Modifier un client: the form, pressed and typed like a user would."""

from __future__ import annotations

import pytest

from bot.payloads import Card, Edit, EditField, FormField, FormSave, NewClient
from lokisi.schemas import ClientView, MemberView
from lokisi.services import Services
from tests.bot.conftest import UserFactory, restarted
from tests.factories import professional
from tests.support.driver import TelegramUser
from tests.support.recording_request import RecordingRequest

# A basic group: linking a supergroup (-100… ids) overflows audit_events.entity_id (INTEGER).
GROUP_ID = -987654321


async def open_new_form(user: TelegramUser, new_client: str = "+ Nouveau client") -> int:
    """From the menu to an empty form; returns the form message's id."""
    await user.send("/start")
    await user.press(new_client)
    await user.press("Oui" if user.user.get("language_code") == "fr" else "Yes")
    return form_message_id(user)


def form_message_id(user: TelegramUser) -> int:
    """The latest message showing a form (in a group, questions are sent after it)."""
    for message in reversed(user.messages):
        if any(
            "Enregistrer" in b["text"] or "Save" in b["text"]
            for row in message.keyboard
            for b in row
        ):
            return message.message_id
    raise AssertionError("no form message")


async def open_card(user: TelegramUser, client_id: int) -> None:
    await user.send("/start")
    await user.press_data(Card(client_id).pack(), user.last_message.message_id)


async def only_client(services: Services, member: MemberView) -> ClientView:
    page = await services.clients.list_page(member)
    assert len(page.items) == 1, page.items
    return await services.clients.get(member, page.items[0].id)


def sent_messages(user: TelegramUser) -> list[str]:
    return [call.method for call in user.last_calls if call.method == "sendMessage"]


def force_reply_question(user: TelegramUser) -> int:
    """The id of the ForceReply question the bot just sent in a group."""
    for call in reversed(user.last_calls):
        if call.method == "sendMessage" and "force_reply" in str(call.params.get("reply_markup")):
            return int(call.result["message_id"])
    raise AssertionError("no ForceReply question was sent")


async def test_a_professional_is_created_in_french_field_by_field(
    marie: TelegramUser, services: Services, manager: MemberView
) -> None:
    await marie.send("/start")
    await marie.press("+ Nouveau client")
    assert marie.last_text == "Créer un nouveau client ?"
    assert marie.buttons() == [["Oui", "Non"]]
    await marie.press("Oui")
    form_id = marie.last_message.message_id
    assert "Nouveau client" in marie.last_text
    assert "Tapez « Raison sociale »" in marie.last_text
    assert ["● Professionnel", "○ Particulier"] in marie.buttons()

    for value, next_prompt in [
        ("Boulangerie Dupont", "Tapez « Mobile »"),
        ("06 12 34 56 78", "Tapez « Adresse »"),
        ("12 rue de la Paix", "Tapez « Code postal »"),
        ("75002", "Tapez « Ville »"),
        ("Paris", "Touchez un champ"),
    ]:
        await marie.send(value)
        assert sent_messages(marie) == []
        assert marie.last_message.message_id == form_id
        assert next_prompt in marie.last_text
    assert "Raison sociale : Boulangerie Dupont" in marie.last_text
    assert "Mobile : +33 6 12 34 56 78" in marie.last_text

    await marie.press("SIRET")
    assert "SIRET" in marie.last_text and "732 829 320 00074" in marie.last_text
    await marie.send("732 829 320 00074")
    await marie.press("Enregistrer")
    assert marie.last_message.message_id == form_id
    assert "FICHE CLIENT" in marie.last_text and "CLI-000001" in marie.last_text

    client = await only_client(services, manager)
    assert (client.name, client.mobile, client.siret) == (
        "Boulangerie Dupont",
        "+33612345678",
        "73282932000074",
    )
    assert (client.address_line1, client.postal_code, client.city, client.country) == (
        "12 rue de la Paix",
        "75002",
        "Paris",
        "France",
    )


async def test_a_private_person_is_created_in_english(
    as_user: UserFactory, services: Services, manager: MemberView
) -> None:
    english = as_user(manager, language_code="en")
    await open_new_form(english, "+ New client")
    await english.press("Private person")
    assert "Type the “Name”" in english.last_text
    assert ["○ Business", "● Private person"] in english.buttons()
    await english.send("Élodie Martin")
    await english.press("Town")
    await english.send("Lyon")
    await english.press("Save")
    assert "CLIENT CARD" in english.last_text and "Élodie Martin" in english.last_text
    client = await only_client(services, manager)
    assert (client.type.value, client.name, client.city) == ("particulier", "Élodie Martin", "Lyon")


BAD_VALUES = [
    ("SIRET", "123", "un SIRET a 14 chiffres ; celui-ci en a 3", "73282932000074"),
    ("SIRET", "73282932000075", "clé de contrôle est fausse", "73282932000074"),
    ("SIRET", "7328293200007A", "que des chiffres", "73282932000074"),
    ("TVA", "FR00303265045", "ne correspond pas au SIREN", "FR40303265045"),
    ("TVA", "XX123", "TVA mal formé", "FR40303265045"),
    ("Mobile", "abc", "n'est pas un numéro de téléphone", "06 12 34 56 78"),
    ("Mobile", "06 12", "Ce numéro n'existe pas", "06 12 34 56 78"),
    ("Téléphone", "01 42", "Ce numéro n'existe pas", "01 42 68 53 00"),
    ("E-mail", "jean@", "Adresse e-mail non valide", "jean@exemple.fr"),
    ("Code postal", "7500", "un code postal a 5 chiffres", "75002"),
    ("Raison sociale", "x" * 121, "120 caractères au plus", "Boulangerie Martin"),
    ("Notes", "x" * 2001, "2000 caractères au plus", "Code du portail : 1234"),
    ("Position GPS", "48.85", "Tapez deux nombres", "48.8566, 2.3522"),
    ("Position GPS", "a, b", "Tapez des nombres", "48,8566 2,3522"),
    ("Position GPS", "95, 2.35", "au plus 90", "48.8566; 2.3522"),
    ("Position GPS", "48.85, -200", "au moins -180", "48.8566,2.3522"),
]


@pytest.mark.parametrize(
    ("button", "bad", "complaint", "good"),
    BAD_VALUES,
    ids=[f"{button}-{bad[:14]}" for button, bad, _, _ in BAD_VALUES],
)
async def test_a_bad_value_says_what_is_wrong_and_keeps_what_was_typed(
    marie: TelegramUser,
    services: Services,
    manager: MemberView,
    button: str,
    bad: str,
    complaint: str,
    good: str,
) -> None:
    await open_new_form(marie)
    await marie.send("Boulangerie Dupont")
    await marie.send("06 12 34 56 78")
    await marie.press(button)
    await marie.send(bad)
    assert complaint.lower() in marie.last_text.lower()
    assert "Vous avez tapé" in marie.last_text
    await marie.send(good)
    assert "⚠️" not in marie.last_text
    await marie.press("Enregistrer")
    assert "FICHE CLIENT" in marie.last_text
    client = await only_client(services, manager)
    assert client.mobile == "+33612345678"
    if button != "Raison sociale":
        assert client.name == "Boulangerie Dupont"


async def test_saving_shows_every_error_and_keeps_the_form(
    marie: TelegramUser, services: Services, manager: MemberView
) -> None:
    await open_new_form(marie)
    await marie.send("Boulangerie Dupont")
    await marie.press("Pays")
    await marie.send("Belgique")
    await marie.press("Code postal")
    await marie.send("1000")
    await marie.press("Pays")
    await marie.send("France")
    await marie.press("Enregistrer")
    assert "un code postal a 5 chiffres" in marie.last_text
    assert "Boulangerie Dupont" in marie.last_text
    assert (await services.clients.list_page(manager)).items == ()
    await marie.send("75002")
    await marie.press("Enregistrer")
    assert (await only_client(services, manager)).postal_code == "75002"


async def test_non_on_the_confirmation_changes_nothing(
    marie: TelegramUser, bot_app: object, services: Services, manager: MemberView
) -> None:
    await marie.send("/start")
    menu_text = marie.last_text
    await marie.press("+ Nouveau client")
    await marie.press("Non")
    assert marie.last_text == menu_text
    assert not marie.app.user_data.get(marie.user["id"], {}).get("forms")
    assert (await services.clients.list_page(manager)).items == ()


async def test_annuler_drops_the_form_and_saves_nothing(
    marie: TelegramUser, services: Services, manager: MemberView
) -> None:
    form_id = await open_new_form(marie)
    await marie.send("Boulangerie Dupont")
    await marie.press("Annuler")
    await marie.press("Oui")
    assert "Création annulée : rien n'a été enregistré." in marie.last_text
    assert marie.buttons() == [["🏠 Menu"]]
    assert (await services.clients.list_page(manager)).items == ()
    await marie.press_data(FormSave().pack(), form_id)
    assert marie.callback_answers == ["Ce formulaire est terminé (déjà enregistré ou annulé)."]
    assert (await services.clients.list_page(manager)).items == ()


async def test_the_cancel_command_drops_an_edit_and_shows_the_card_again(
    marie: TelegramUser, services: Services, manager: MemberView
) -> None:
    client = await services.clients.create(manager, professional())
    await open_card(marie, client.id)
    form_id = marie.last_message.message_id
    await marie.press("Modifier")
    await marie.press("Ville")
    await marie.send("Lyon")
    await marie.send("/cancel")
    assert "Modification annulée : rien n'a été enregistré." in marie.texts
    assert "FICHE CLIENT" in marie.last_text and "Paris" in marie.last_text
    assert marie.buttons(form_id) == []
    assert (await services.clients.get(manager, client.id)).city == "Paris"
    await marie.send("/cancel")
    assert marie.last_text == "Aucun formulaire en cours."


async def test_sharing_contacts_fills_the_contact_and_the_numbers_not_the_company(
    marie: TelegramUser, services: Services, manager: MemberView
) -> None:
    await open_new_form(marie)
    await marie.share_contact("33612345678", "Jean", "Dupont", contact_user_id=42)
    assert "Raison sociale : —" in marie.last_text
    assert "Contact : Jean Dupont" in marie.last_text
    assert "Mobile : +33 6 12 34 56 78" in marie.last_text
    assert "Tapez « Raison sociale »" in marie.last_text
    await marie.send("Boulangerie Dupont")
    assert "Tapez « Adresse »" in marie.last_text
    await marie.share_contact("01 42 68 53 00", "Paul", "Durand")
    assert "Contact : Paul Durand" in marie.last_text
    assert "Téléphone : +33 1 42 68 53 00" in marie.last_text
    await marie.press("Enregistrer")
    client = await only_client(services, manager)
    assert (client.name, client.contact_name, client.mobile, client.phone) == (
        "Boulangerie Dupont",
        "Paul Durand",
        "+33612345678",
        "+33142685300",
    )


async def test_a_contact_names_a_private_person_whose_name_is_empty(
    marie: TelegramUser, services: Services, manager: MemberView
) -> None:
    await open_new_form(marie)
    await marie.press("Particulier")
    await marie.share_contact("33612345678", "Élodie", "Martin")
    assert "Nom : Élodie Martin" in marie.last_text
    assert "Contact : —" in marie.last_text


async def test_a_contact_with_a_wrong_number_says_so(marie: TelegramUser) -> None:
    await open_new_form(marie)
    await marie.share_contact("12", "Jean")
    assert "Contact : Jean" in marie.last_text
    assert "⚠️" in marie.last_text and "Vous avez tapé « 12 »" in marie.last_text


async def test_sharing_a_location_sets_the_position_and_it_can_be_cleared(
    marie: TelegramUser, services: Services, manager: MemberView
) -> None:
    await open_new_form(marie)
    await marie.send("Boulangerie Dupont")
    await marie.press("Position GPS")
    await marie.share_location(48.8566, 2.3522)
    assert "Position GPS : 48.85660, 2.35220" in marie.last_text
    await marie.press("Enregistrer")
    client = await only_client(services, manager)
    assert (client.latitude, client.longitude) == (48.8566, 2.3522)

    await marie.press("Modifier")
    await marie.press("Position GPS")
    await marie.press("Effacer")
    assert "Position GPS : —" in marie.last_text
    await marie.press("Enregistrer")
    assert not (await services.clients.get(manager, client.id)).has_position


async def test_the_name_cannot_be_cleared_and_offers_no_clear_button(
    marie: TelegramUser, services: Services, manager: MemberView
) -> None:
    client = await services.clients.create(manager, professional())
    await open_card(marie, client.id)
    await marie.press("Modifier")
    await marie.press("Raison sociale")
    assert marie.buttons() == [["⬅️ Retour"]]
    await marie.press("Retour")
    await marie.press("Mobile")
    assert marie.buttons() == [["⬅️ Retour", "Effacer"]]


async def test_edit_fills_the_form_and_saves_the_change(
    marie: TelegramUser, services: Services, manager: MemberView
) -> None:
    client = await services.clients.create(manager, professional())
    await open_card(marie, client.id)
    card_id = marie.last_message.message_id
    await marie.press("Modifier")
    assert marie.last_message.message_id == card_id
    assert "Modifier le client CLI-000001" in marie.last_text
    assert "Raison sociale : Boulangerie Dupont" in marie.last_text
    assert "SIRET : 732 829 320 00074" in marie.last_text
    await marie.press("Ville")
    assert "Valeur actuelle : Paris" in marie.last_text
    await marie.send("Lyon")
    assert "Touchez un champ" in marie.last_text
    await marie.press("Enregistrer")
    assert "FICHE CLIENT" in marie.last_text and "Lyon" in marie.last_text
    saved = await services.clients.get(manager, client.id)
    assert (saved.city, saved.version) == ("Lyon", 2)


async def test_edit_field_opens_the_form_at_that_field(
    marie: TelegramUser, services: Services, manager: MemberView
) -> None:
    client = await services.clients.create(
        manager, professional(address_line1=None, postal_code=None, city=None)
    )
    await open_card(marie, client.id)
    await marie.press_data(
        EditField(client.id, "address_line1").pack(), marie.last_message.message_id
    )
    assert "Adresse\nValeur actuelle : —" in marie.last_text
    await marie.send("12 rue de la Paix")
    await marie.press("Enregistrer")
    assert (await services.clients.get(manager, client.id)).address_line1 == "12 rue de la Paix"


async def edit_city_through_the_bot(user: TelegramUser, client_id: int, city: str) -> None:
    await open_card(user, client_id)
    await user.press("Modifier")
    await user.press("Ville")
    await user.send(city)


async def test_a_conflict_shows_their_changes_and_reload_takes_their_version(
    marie: TelegramUser, theo: TelegramUser, services: Services, manager: MemberView
) -> None:
    client = await services.clients.create(manager, professional())
    await edit_city_through_the_bot(marie, client.id, "Lyon")
    await edit_city_through_the_bot(theo, client.id, "Marseille")
    await theo.press("Enregistrer")

    await marie.press("Enregistrer")
    assert "Quelqu'un a enregistré ce client" in marie.last_text
    assert "Ville : enregistré « Marseille », le vôtre « Lyon »" in marie.last_text
    assert marie.buttons() == [["🔄 Recharger", "✍️ Écraser"], ["⬅️ Retour"]]
    await marie.press("Recharger")
    assert "Ville : Marseille" in marie.last_text
    await marie.press("Enregistrer")
    saved = await services.clients.get(manager, client.id)
    assert (saved.city, saved.version) == ("Marseille", 3)


async def test_overwrite_saves_mine_over_theirs_knowingly(
    marie: TelegramUser, theo: TelegramUser, services: Services, manager: MemberView
) -> None:
    client = await services.clients.create(manager, professional())
    await edit_city_through_the_bot(marie, client.id, "Lyon")
    await edit_city_through_the_bot(theo, client.id, "Marseille")
    await theo.press("Enregistrer")
    await marie.press("Enregistrer")
    await marie.press("Écraser")
    assert "FICHE CLIENT" in marie.last_text and "Lyon" in marie.last_text
    saved = await services.clients.get(manager, client.id)
    assert (saved.city, saved.version) == ("Lyon", 3)


async def test_pressing_enregistrer_twice_creates_one_client(
    marie: TelegramUser, services: Services, manager: MemberView
) -> None:
    form_id = await open_new_form(marie)
    await marie.send("Boulangerie Dupont")
    await marie.press("Enregistrer")
    await marie.press_data(FormSave().pack(), form_id)
    assert marie.callback_answers == ["Ce formulaire est terminé (déjà enregistré ou annulé)."]
    assert len((await services.clients.list_page(manager)).items) == 1


async def test_a_technicien_can_create_and_edit(
    theo: TelegramUser, services: Services, manager: MemberView
) -> None:
    await open_new_form(theo)
    await theo.send("Garage Martin")
    await theo.press("Enregistrer")
    await theo.press("Modifier")
    await theo.press("Notes")
    await theo.send("Portail bleu")
    await theo.press("Enregistrer")
    client = await only_client(services, manager)
    assert (client.name, client.notes) == ("Garage Martin", "Portail bleu")


async def test_an_outsider_pressing_form_buttons_gets_the_members_alert(
    stranger: TelegramUser, services: Services, manager: MemberView
) -> None:
    client = await services.clients.create(manager, professional())
    await stranger.send("/start")
    message_id = stranger.last_message.message_id
    for payload in (NewClient(), FormSave(), FormField("name"), Edit(client.id)):
        await stranger.press_data(payload.pack(), message_id)
        assert stranger.callback_answers == ["Réservé aux membres du compte LoKisi."]
    assert "Boulangerie" not in " ".join(stranger.texts)


async def test_a_forged_edit_of_another_accounts_client_is_refused(
    marie: TelegramUser, services: Services, outsider_manager: MemberView
) -> None:
    foreign = await services.clients.create(outsider_manager, professional(name="Secret SA"))
    await marie.send("/start")
    for payload in (Edit(foreign.id), EditField(foreign.id, "city")):
        await marie.press_data(payload.pack(), marie.last_message.message_id)
        assert marie.callback_answers == ["Ce client n'existe plus (il a peut-être été supprimé)."]
    assert "Secret SA" not in marie.last_text
    assert not marie.app.user_data.get(marie.user["id"], {}).get("forms")


async def test_a_forged_field_name_is_refused(marie: TelegramUser) -> None:
    form_id = await open_new_form(marie)
    # Written by hand: the codec refuses to build it.
    await marie.press_data(f"{FormField.prefix}:account_id", form_id)
    assert marie.callback_answers == ["Ce bouton n'est pas valide."]


async def test_user_text_is_shown_back_as_typed(marie: TelegramUser) -> None:
    await open_new_form(marie)
    await marie.send("<b>&amp;</b> Dupont & Fils")
    assert "Raison sociale : <b>&amp;</b> Dupont & Fils" in marie.last_text


async def test_start_during_a_form_leaves_it_and_reprendre_shows_it_again(
    marie: TelegramUser,
) -> None:
    old_form_id = await open_new_form(marie)
    await marie.send("Boulangerie Dupont")
    await marie.send("/start")
    assert "fiches clients" in marie.last_text
    assert "Formulaire en pause" in marie.message(old_form_id).text
    await marie.press("Reprendre le formulaire")
    assert "Un formulaire est en cours" in marie.last_text
    assert "Raison sociale : Boulangerie Dupont" in marie.last_text
    new_form_id = marie.last_message.message_id
    assert new_form_id != old_form_id and marie.buttons(old_form_id) == []
    await marie.send("06 12 34 56 78")
    assert marie.last_message.message_id == new_form_id
    assert "Mobile : +33 6 12 34 56 78" in marie.last_text
    assert "Un formulaire est en cours" not in marie.last_text


async def test_another_new_client_while_a_form_is_open_shows_that_form(
    marie: TelegramUser,
) -> None:
    await open_new_form(marie)
    await marie.send("Boulangerie Dupont")
    await marie.send("/menu")
    await marie.press("+ Nouveau client")
    assert "Un formulaire est en cours" in marie.last_text
    assert "Boulangerie Dupont" in marie.last_text


async def test_the_form_resumes_after_a_restart(
    marie: TelegramUser,
    services: Services,
    manager: MemberView,
    recorder: RecordingRequest,
) -> None:
    form_id = await open_new_form(marie)
    await marie.send("Boulangerie Dupont")

    async with restarted(services, recorder, manager) as again:
        await again.send("06 12 34 56 78")
        assert again.last_message.message_id == form_id
        assert "Raison sociale : Boulangerie Dupont" in again.last_text
        assert "Mobile : +33 6 12 34 56 78" in again.last_text
        await again.press("Enregistrer")
        assert "FICHE CLIENT" in again.last_text
    client = await only_client(services, manager)
    assert (client.name, client.mobile) == ("Boulangerie Dupont", "+33612345678")


async def test_in_a_group_two_users_fill_their_own_forms_by_replying(
    as_user: UserFactory,
    services: Services,
    manager: MemberView,
    technicien: MemberView,
) -> None:
    await services.groups.link(manager, GROUP_ID, "Équipe LoKisi")
    marie = as_user(manager, chat_id=GROUP_ID, chat_type="group")
    theo = as_user(technicien, chat_id=GROUP_ID, chat_type="group")

    forms, questions = {}, {}
    for user in (marie, theo):
        forms[user.user["id"]] = await open_new_form(user)
        questions[user.user["id"]] = force_reply_question(user)
        question = user.message(questions[user.user["id"]])
        assert question.reply_markup == {
            "force_reply": True,
            "selective": True,
            "input_field_placeholder": "Boulangerie Dupont",
        }
        ask = next(
            c
            for c in user.last_calls
            if isinstance(c.result, dict) and c.result["message_id"] == question.message_id
        )
        assert f'href="tg://user?id={user.user["id"]}"' in ask.params["text"]

    await marie.reply("Boulangerie Dupont", to_message_id=questions[1001])
    mobile_question = force_reply_question(marie)
    await theo.reply("Garage Martin", to_message_id=questions[1002])
    await marie.reply("06 12", to_message_id=mobile_question)
    assert "Ce numéro n'existe pas" in marie.message(force_reply_question(marie)).text
    await marie.reply("06 12 34 56 78", to_message_id=force_reply_question(marie))

    assert "Raison sociale : Boulangerie Dupont" in marie.message(forms[1001]).text
    assert "Mobile : +33 6 12 34 56 78" in marie.message(forms[1001]).text
    assert "Raison sociale : Garage Martin" in theo.message(forms[1002]).text

    await theo.press("Enregistrer", message_id=forms[1001])
    assert theo.callback_answers == [
        "Ce n'est pas votre formulaire en cours : utilisez le dernier message du formulaire."
    ]
    await marie.press("Enregistrer", message_id=forms[1001])
    await theo.press("Enregistrer", message_id=forms[1002])
    await theo.press_data(FormSave().pack(), forms[1001])
    assert theo.callback_answers == ["Ce formulaire n'est pas le vôtre (ou il est déjà terminé)."]
    page = await services.clients.list_page(manager)
    assert [item.name for item in page.items] == ["Boulangerie Dupont", "Garage Martin"]


async def test_with_the_registers_off_the_form_says_so_in_one_line_and_goes_on(
    marie: TelegramUser,
) -> None:
    await open_new_form(marie)
    await marie.send("Boulangerie Dupont")
    assert "Recherche au registre des entreprises désactivée" in marie.last_text
    assert "Tapez « Mobile »" in marie.last_text
    await marie.send("06 12 34 56 78")
    await marie.send("12 rue de la Paix")
    assert "Recherche d'adresses désactivée" in marie.last_text
    assert "Tapez « Code postal »" in marie.last_text
