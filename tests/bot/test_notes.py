"""📝 Notes: added in one message (a reply, so that it works in groups with privacy mode on),
each with its author and time, the latest on the card; removed by their author or a manager."""

from __future__ import annotations

import pytest

from bot.payloads import NoteRemove
from lokisi.schemas import ClientView, MemberView
from lokisi.services import Services
from lokisi.services.notes import MAX_LENGTH
from tests.bot.conftest import UserFactory
from tests.factories import professional
from tests.support import builders
from tests.support.driver import TelegramUser

GROUP = -100123


@pytest.fixture
async def client(services: Services, manager: MemberView) -> ClientView:
    return await services.clients.create(manager, professional(notes="Code portail 1234"))


async def test_a_note_is_added_in_one_message_and_shown_on_the_card(
    theo: TelegramUser, services: Services, technicien: MemberView, client: ClientView
) -> None:
    await theo.open_card(client.id)
    await theo.press("📝 Notes (0)")
    assert "Aucune note pour l'instant." in theo.last_text
    await theo.press("✍️ Ajouter une note")
    prompt = theo.last_message
    assert prompt.text == (
        "✍️ Votre note pour Boulangerie Dupont (CLI-000001), en un message : répondez à celui-ci."
    )
    assert prompt.reply_markup is not None and prompt.reply_markup["force_reply"] is True
    await theo.reply("Portail <cassé>, passer par la cour", prompt.message_id)
    assert theo.last_text.startswith("✅ Note ajoutée à Boulangerie Dupont (CLI-000001).")
    assert "Théo Technicien" in theo.last_text and "Portail <cassé>" in theo.last_text
    [note] = (await services.notes.page(technicien, client.id)).items
    assert (note.text, note.author_name) == (
        "Portail <cassé>, passer par la cour",
        "Théo Technicien",
    )
    await theo.open_card(client.id)
    assert "Notes : Code portail 1234" in theo.last_text
    assert "📝 Dernière note (Théo Technicien, " in theo.last_text
    assert theo.last_text.endswith(") : Portail <cassé>, passer par la cour")
    assert "📝 Notes (1)" in str(theo.buttons())


async def test_a_too_long_note_is_refused_saying_why_and_the_question_stays(
    theo: TelegramUser, services: Services, technicien: MemberView, client: ClientView
) -> None:
    await theo.open_card(client.id)
    await theo.press("📝 Notes (0)")
    await theo.press("✍️ Ajouter une note")
    prompt = theo.last_message.message_id
    await theo.reply("x" * (MAX_LENGTH + 12), prompt)
    assert theo.last_text == (
        f"Cette note fait {MAX_LENGTH + 12} caractères ; une note en tient {MAX_LENGTH} au plus. "
        "Votre message reste ci-dessus : raccourcissez-le, puis répondez de nouveau à la question."
    )
    assert (await services.notes.page(technicien, client.id)).items == ()
    await theo.reply("Plus court", prompt)
    assert [n.text for n in (await services.notes.page(technicien, client.id)).items] == [
        "Plus court"
    ]


async def test_a_reply_that_answers_no_note_question_is_still_a_search(
    theo: TelegramUser, services: Services, technicien: MemberView, client: ClientView
) -> None:
    await theo.open_card(client.id)
    await theo.reply("Boulangerie", theo.last_message.message_id)
    assert "Boulangerie Dupont" in str(theo.buttons())
    assert (await services.notes.page(technicien, client.id)).items == ()


async def test_the_same_message_delivered_twice_adds_one_note(
    theo: TelegramUser, services: Services, technicien: MemberView, client: ClientView
) -> None:
    await theo.open_card(client.id)
    await theo.press("📝 Notes (0)")
    await theo.press("✍️ Ajouter une note")
    prompt = theo.last_message.payload
    answer = builders.text_message(
        theo.app.bot,
        theo.user,
        theo.chat,
        theo.request.next_message_id(theo.chat_id),
        "Une seule fois",
        prompt,
    )
    asked = dict(theo.app.user_data[theo.user["id"]]["note_prompts"])
    await theo.process(answer)
    # A crash lost what the user's data said after the note, and Telegram delivers the same
    # message again: the question is still open, the note is not added twice.
    theo.app.user_data[theo.user["id"]]["note_prompts"] = asked
    await theo.process(answer)
    assert "Note ajoutée" in theo.last_text
    assert len((await services.notes.page(technicien, client.id)).items) == 1


async def test_a_note_is_read_whole_and_removed_by_its_author_after_yes(
    theo: TelegramUser, services: Services, technicien: MemberView, client: ClientView
) -> None:
    await services.notes.add(technicien, client.id, "Ligne un\nLigne deux")
    await theo.open_card(client.id)
    await theo.press("📝 Notes (1)")
    await theo.press("— Théo Technicien")
    assert theo.last_text.endswith("pour Boulangerie Dupont (CLI-000001) :\n\nLigne un\nLigne deux")
    await theo.press("🗑 Retirer la note")
    assert theo.last_text.startswith("Retirer la note de Théo Technicien du ")
    await theo.press("Non")
    assert "Ligne deux" in theo.last_text
    await theo.press("🗑 Retirer la note")
    await theo.press("Oui")
    assert theo.callback_answers == ["Note retirée."]
    assert (await services.notes.page(technicien, client.id)).items == ()


async def test_a_technicien_cannot_remove_a_managers_note(
    theo: TelegramUser, services: Services, manager: MemberView, client: ClientView
) -> None:
    note = await services.notes.add(manager, client.id, "De Marie")
    await theo.open_card(client.id)
    await theo.press("📝 Notes (1)")
    await theo.press("— Marie Manager")
    assert ["🗑 Retirer la note"] not in theo.buttons()
    forged = NoteRemove(note.id, theo.confirmation_token()).pack()
    await theo.press_data(forged, theo.last_message.message_id)
    assert theo.callback_answers == ["Seuls son auteur et les managers peuvent la retirer."]
    assert len((await services.notes.page(manager, client.id)).items) == 1


async def test_notes_speak_english(
    as_user: UserFactory, services: Services, technicien: MemberView, client: ClientView
) -> None:
    theo = as_user(technicien, language_code="en")
    await theo.open_card(client.id)
    await theo.press("📝 Notes (0)")
    await theo.press("✍️ Add a note")
    await theo.reply("Gate broken", theo.last_message.message_id)
    assert theo.last_text.startswith("✅ Note added to Boulangerie Dupont (CLI-000001).")
    await theo.open_card(client.id)
    assert "📝 Latest note (Théo Technicien, " in theo.last_text


async def test_in_a_group_the_note_is_the_reply_of_the_member_it_was_asked_of(
    as_user: UserFactory,
    services: Services,
    manager: MemberView,
    technicien: MemberView,
    client: ClientView,
) -> None:
    await services.groups.link(manager, GROUP, "Équipe Dupont")
    theo = as_user(technicien, chat_id=GROUP, chat_type="supergroup")
    marie = as_user(manager, chat_id=GROUP, chat_type="supergroup")
    await theo.send("/client dupont")
    await theo.press("Boulangerie Dupont")
    await theo.press("📝 Notes (0)")
    await theo.press("✍️ Ajouter une note")
    prompt = theo.last_message
    assert prompt.text.startswith("Théo, votre note pour Boulangerie Dupont (CLI-000001)")
    assert prompt.reply_markup == {
        "force_reply": True,
        "selective": True,
        "input_field_placeholder": "Votre note…",
    }
    # Marie's reply to Théo's question is not a note.
    await marie.reply("Je m'en occupe", prompt.message_id)
    assert (await services.notes.page(manager, client.id)).items == ()
    await theo.reply("Fuite au sous-sol", prompt.message_id)
    [note] = (await services.notes.page(manager, client.id)).items
    assert (note.text, note.author_name) == ("Fuite au sous-sol", "Théo Technicien")
