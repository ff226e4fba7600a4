"""A command typed in the middle of a form is never the field's value: the form is left as a
draft, paused, and "Reprendre" brings it back where the user was."""

from __future__ import annotations

import pytest

from lokisi.schemas import MemberView
from lokisi.services import Services
from tests.bot.conftest import UserFactory
from tests.bot.test_client_form import (
    force_reply_question,
    form_message_id,
    open_card,
    open_new_form,
)
from tests.factories import professional
from tests.support.driver import TelegramUser

GROUP = -987654321


async def in_sequence(user: TelegramUser) -> int:
    """A new client's form, its name typed, awaiting the mobile."""
    form = await open_new_form(user)
    await user.send("Boulangerie Dupont")
    return form


async def on_a_field_screen(user: TelegramUser) -> int:
    form = await in_sequence(user)
    await user.press("Ville", form)
    return form


@pytest.mark.parametrize("command", ["/menu", "/start", "/aide", "/help", "/client dupont"])
@pytest.mark.parametrize("state", [in_sequence, on_a_field_screen], ids=["sequence", "field"])
async def test_a_command_leaves_the_form_and_the_next_text_is_a_search(
    marie: TelegramUser, services: Services, manager: MemberView, command: str, state: object
) -> None:
    await services.clients.create(manager, professional(name="Garage Martin"))
    form = await state(marie)  # type: ignore[operator]
    await marie.send(command)
    assert "Formulaire en pause" in marie.message(form).text
    assert command.split()[0] not in marie.message(form).text
    await marie.send("Garage")
    assert "Clients trouvés pour « Garage »" in marie.last_text
    assert "Garage" not in marie.message(form).text


async def test_an_unknown_command_during_a_form_is_answered_and_leaves_it(
    marie: TelegramUser,
) -> None:
    form = await in_sequence(marie)
    await marie.send("/nimportequoi")
    assert "Je ne connais pas la commande /nimportequoi" in marie.last_text
    assert "Formulaire en pause" in marie.message(form).text


async def test_reprendre_brings_the_form_back_awaiting_the_same_field(
    marie: TelegramUser, services: Services, manager: MemberView
) -> None:
    form = await in_sequence(marie)
    await marie.send("/menu")
    await marie.press("Reprendre le formulaire")
    resumed = form_message_id(marie)
    assert resumed != form and marie.buttons(form) == []
    assert "Tapez « Mobile »" in marie.last_text
    await marie.send("06 12 34 56 78")
    assert "Mobile : +33 6 12 34 56 78" in marie.message(resumed).text
    await marie.press("Enregistrer")
    page = await services.clients.list_page(manager)
    assert [c.name for c in page.items] == ["Boulangerie Dupont"]


async def test_the_paused_form_message_resumes_in_place(marie: TelegramUser) -> None:
    form = await on_a_field_screen(marie)
    await marie.send("/menu")
    await marie.press("▶️ Reprendre", form)
    assert (
        "Ville" in marie.message(form).text
        and "Formulaire en pause" not in marie.message(form).text
    )
    await marie.send("Lyon")
    assert "Ville : Lyon" in marie.message(form).text


async def test_a_command_while_the_whole_form_is_shown_keeps_it_as_it_was(
    marie: TelegramUser, services: Services, manager: MemberView
) -> None:
    client = await services.clients.create(manager, professional())
    await open_card(marie, client.id)
    await marie.press("Modifier")
    form = form_message_id(marie)
    before = marie.message(form).text
    await marie.send("/aide")
    assert "LoKisi" in marie.last_text
    assert marie.message(form).text == before
    await marie.press("Ville", form)
    await marie.send("Lyon")
    await marie.press("Enregistrer", form)
    assert (await services.clients.get(manager, client.id)).city == "Lyon"


async def test_the_keyboards_search_button_is_never_a_value(marie: TelegramUser) -> None:
    form = await in_sequence(marie)
    assert marie.keyboard_button("Rechercher")
    await marie.tap_keyboard("Rechercher")
    assert "Tapez une partie du nom" in marie.last_text
    assert "Mobile : —" in marie.message(form).text
    assert "Formulaire en pause" in marie.message(form).text


async def test_near_me_during_a_form_lists_the_nearest_clients_and_leaves_the_form(
    marie: TelegramUser, services: Services, manager: MemberView
) -> None:
    await services.clients.create(manager, professional(latitude=48.87, longitude=2.33))
    form = await in_sequence(marie)
    button = marie.keyboard_button("Autour de moi")
    assert button["request_location"] is True
    await marie.share_location(48.8566, 2.3522)
    assert "Les clients les plus proches" in marie.last_text
    assert "Position GPS : —" in marie.message(form).text
    assert "Formulaire en pause" in marie.message(form).text


async def test_in_a_group_a_command_pauses_and_answering_ones_question_resumes(
    as_user: UserFactory, services: Services, manager: MemberView
) -> None:
    await services.groups.link(manager, GROUP, "Équipe LoKisi")
    marie = as_user(manager, chat_id=GROUP, chat_type="group")
    form = await open_new_form(marie)
    question = force_reply_question(marie)
    await marie.send("/client dupont")
    assert "Formulaire en pause" in marie.message(form).text
    await marie.reply("Boulangerie Dupont", question)
    assert "Raison sociale : Boulangerie Dupont" in marie.message(form).text
    assert "Formulaire en pause" not in marie.message(form).text


async def test_in_english_a_command_pauses_the_form(
    as_user: UserFactory, manager: MemberView
) -> None:
    marie = as_user(manager, "en")
    form = await open_new_form(marie, "+ New client")
    await marie.send("Boulangerie Dupont")
    await marie.send("/menu")
    assert "Form paused" in marie.message(form).text
    await marie.press("Resume the form in progress")
    assert "Type the “Mobile”" in marie.last_text


async def test_a_command_during_a_conflict_or_the_cancel_question_keeps_the_form(
    marie: TelegramUser, services: Services, manager: MemberView
) -> None:
    client = await services.clients.create(manager, professional())
    await open_card(marie, client.id)
    await marie.press("Modifier")
    form = form_message_id(marie)
    await marie.press("Ville", form)
    await marie.send("Lyon")
    changed = professional(city="Marseille", postal_code="13001")
    await services.clients.update(manager, client.id, changed, expected_version=1)
    await marie.press("Enregistrer", form)
    conflict = marie.message(form).text
    assert "Quelqu'un a enregistré ce client" in conflict
    await marie.send("/menu")
    await marie.send("Boulangerie")
    assert "Clients trouvés pour « Boulangerie »" in marie.last_text
    assert marie.message(form).text == conflict
    await marie.press("Écraser", form)
    assert (await services.clients.get(manager, client.id)).city == "Lyon"

    await marie.press("Modifier")
    form = form_message_id(marie)
    await marie.press("Notes", form)
    await marie.send("Portail bleu")
    await marie.press("Annuler", form)
    await marie.send("/menu")
    await marie.send("Boulangerie")
    assert "Clients trouvés pour « Boulangerie »" in marie.last_text
    # The question is still there to answer, and "Non" gives the form back as it was.
    await marie.press("Non", form)
    assert "Notes : Portail bleu" in marie.message(form).text
