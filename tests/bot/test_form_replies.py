"""In a group, a reply goes to the form it answers: never to another person's form, nor to the
replier's own when it answers someone else's question."""

from __future__ import annotations

import pytest

from lokisi.schemas import MemberView
from lokisi.services import Services
from tests.bot.conftest import UserFactory
from tests.bot.test_client_form import force_reply_question, form_message_id, open_new_form
from tests.factories import professional
from tests.support.driver import TelegramUser

GROUP = -987654321


@pytest.fixture
async def group(services: Services, manager: MemberView) -> int:
    await services.groups.link(manager, GROUP, "Équipe LoKisi")
    return GROUP


def mentions(user: TelegramUser, message_id: int) -> list[int]:
    entities = user.message(message_id).payload.get("entities") or []
    return [e["user"]["id"] for e in entities if e["type"] == "text_mention"]


@pytest.mark.usefixtures("group")
async def test_a_reply_to_someone_elses_question_changes_no_form_and_gets_a_hint(
    as_user: UserFactory, manager: MemberView, technicien: MemberView
) -> None:
    alice = as_user(manager, chat_id=GROUP, chat_type="group")
    thomas = as_user(technicien, chat_id=GROUP, chat_type="group")
    alice_form = await open_new_form(alice)
    alice_question = force_reply_question(alice)
    thomas_form = await open_new_form(thomas)
    thomas_question = force_reply_question(thomas)

    await thomas.reply("Menuiserie Thomas", alice_question)
    hint = thomas.last_message
    assert "s'adresse à quelqu'un d'autre" in hint.text and "Raison sociale" in hint.text
    assert mentions(thomas, hint.message_id) == [technicien.telegram_user_id]
    assert thomas.last_calls[-1].params["reply_markup"]["force_reply"] is True
    assert "Raison sociale : —" in alice.message(alice_form).text
    assert "Raison sociale : —" in thomas.message(thomas_form).text

    await thomas.reply("Menuiserie Thomas", thomas_question)
    assert "Raison sociale : Menuiserie Thomas" in thomas.message(thomas_form).text
    # His answer to the next question lands in the next field, not the one after it.
    await thomas.reply("06 12 34 56 78", force_reply_question(thomas))
    assert "Mobile : +33 6 12 34 56 78" in thomas.message(thomas_form).text
    assert "Ce n'est pas un numéro" not in thomas.message(thomas_form).text
    assert "Raison sociale : —" in alice.message(alice_form).text


@pytest.mark.usefixtures("group")
async def test_answering_the_hint_fills_ones_own_form(
    as_user: UserFactory, manager: MemberView, technicien: MemberView
) -> None:
    alice = as_user(manager, chat_id=GROUP, chat_type="group")
    thomas = as_user(technicien, chat_id=GROUP, chat_type="group")
    await open_new_form(alice)
    alice_question = force_reply_question(alice)
    thomas_form = await open_new_form(thomas)
    await thomas.reply("Menuiserie Thomas", alice_question)
    await thomas.reply("Menuiserie Thomas", thomas.last_message.message_id)
    assert "Raison sociale : Menuiserie Thomas" in thomas.message(thomas_form).text


@pytest.mark.usefixtures("group")
async def test_without_a_form_a_reply_to_a_question_or_a_card_gets_a_hint_in_english(
    as_user: UserFactory, services: Services, manager: MemberView, technicien: MemberView
) -> None:
    await services.clients.create(manager, professional())
    alice = as_user(manager, chat_id=GROUP, chat_type="group")
    thomas = as_user(technicien, "en", chat_id=GROUP, chat_type="group")
    await open_new_form(alice)
    await thomas.reply("Hello", force_reply_question(alice))
    assert "this question is for someone else" in thomas.last_text
    await thomas.send("/client boulangerie")
    await thomas.reply("and this?")
    assert "this message expects no answer" in thomas.last_text
    assert "Raison sociale : —" in alice.message(form_message_id(alice)).text
