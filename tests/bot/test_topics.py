"""Forum topics: everything said in a topic is answered in that topic, and a form belongs to
one person in one topic, whatever python-telegram-bot keys its conversations on."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.app import BotApplication
from bot.feed import FEED_KEY, ActivityFeed
from lokisi.schemas import MemberView
from lokisi.services import Services
from tests.bot.conftest import UserFactory
from tests.bot.test_client_form import form_message_id
from tests.factories import professional
from tests.support.driver import TelegramUser
from tests.support.recording_request import RecordedCall, RecordingRequest

FORUM = -1001234567
CHANTIERS, BUREAU, GENERAL = 11, 22, None


@pytest.fixture
async def forum(services: Services, manager: MemberView) -> int:
    await services.groups.link(manager, FORUM, "Équipe Dupont")
    return FORUM


def in_forum(as_user: UserFactory, member: MemberView, topic: int | None, lang: str = "fr"):
    return as_user(member, lang, chat_id=FORUM, chat_type="supergroup", forum=True, topic=topic)


def sent_to(calls: list[RecordedCall]) -> set[object]:
    """The topics the bot wrote to (sends, not edits: an edit stays where its message is)."""
    return {
        call.params.get("message_thread_id")
        for call in calls
        if call.method.startswith("send") and call.params.get("chat_id") == FORUM
    }


def question_id(user: TelegramUser) -> int:
    for call in reversed(user.last_calls):
        if call.method == "sendMessage" and "force_reply" in str(call.params.get("reply_markup")):
            return int(call.result["message_id"])
    raise AssertionError("no question was asked")


async def open_form(user: TelegramUser, yes: str = "Oui") -> int:
    await user.send("/menu")
    await user.press("+ Nouveau client" if yes == "Oui" else "+ New client")
    await user.press(yes)
    return form_message_id(user)


@pytest.mark.usefixtures("forum")
async def test_two_people_fill_forms_in_two_topics_and_nothing_mixes(
    as_user: UserFactory, services: Services, manager: MemberView, technicien: MemberView
) -> None:
    marie = in_forum(as_user, manager, CHANTIERS)
    theo = in_forum(as_user, technicien, BUREAU)
    marie_form = await open_form(marie)
    assert sent_to(marie.last_calls) <= {CHANTIERS}
    marie_question = question_id(marie)
    theo_form = await open_form(theo)
    assert sent_to(theo.last_calls) == {BUREAU}
    theo_question = question_id(theo)

    await marie.reply("Boulangerie Dupont", marie_question)
    assert sent_to(marie.last_calls) == {CHANTIERS}
    await theo.reply("Garage Martin", theo_question)
    assert sent_to(theo.last_calls) == {BUREAU}
    await marie.reply("06 12 34 56 78", question_id(marie))

    assert "Raison sociale : Boulangerie Dupont" in marie.message(marie_form).text
    assert "Mobile : +33 6 12 34 56 78" in marie.message(marie_form).text
    assert "Raison sociale : Garage Martin" in theo.message(theo_form).text
    assert "Mobile : —" in theo.message(theo_form).text
    # Each sees only their own topic's messages.
    assert all(m.payload.get("message_thread_id") == CHANTIERS for m in marie.messages)

    await marie.press("Enregistrer", marie_form)
    assert "FICHE CLIENT" in marie.message(marie_form).text
    await theo.press("Enregistrer", theo_form)
    assert sent_to(theo.last_calls) <= {BUREAU}
    page = await services.clients.list_page(manager)
    assert [c.name for c in page.items] == ["Boulangerie Dupont", "Garage Martin"]


@pytest.mark.usefixtures("forum")
async def test_one_person_keeps_a_form_in_each_topic(
    as_user: UserFactory, services: Services, manager: MemberView
) -> None:
    chantiers = in_forum(as_user, manager, CHANTIERS)
    bureau = chantiers.in_topic(BUREAU)
    first = await open_form(chantiers)
    first_question = question_id(chantiers)
    second = await open_form(bureau)
    assert second != first
    second_question = question_id(bureau)

    await bureau.reply("Garage Martin", second_question)
    await chantiers.reply("Boulangerie Dupont", first_question)
    await bureau.reply("01 42 68 53 00", question_id(bureau))
    assert "Raison sociale : Boulangerie Dupont" in chantiers.message(first).text
    assert "Mobile : —" in chantiers.message(first).text
    assert "Raison sociale : Garage Martin" in bureau.message(second).text
    assert "Mobile : +33 1 42 68 53 00" in bureau.message(second).text

    # A button of one topic's form, pressed in the other topic's place, changes nothing.
    await bureau.press("Enregistrer", second)
    await chantiers.press("Enregistrer", first)
    page = await services.clients.list_page(manager)
    assert [c.name for c in page.items] == ["Boulangerie Dupont", "Garage Martin"]


@pytest.mark.usefixtures("forum")
async def test_search_cards_and_refusals_stay_in_their_topic_in_english(
    as_user: UserFactory, services: Services, manager: MemberView, technicien: MemberView
) -> None:
    await services.clients.create(manager, professional())
    theo = in_forum(as_user, technicien, BUREAU, "en")
    await theo.send("/client boulangerie")
    assert sent_to(theo.last_calls) == {BUREAU}
    assert "Boulangerie Dupont" in str(theo.buttons())
    await theo.press("Boulangerie Dupont")
    assert "CLIENT CARD" in theo.last_text
    await theo.press("Call")
    assert sent_to(theo.last_calls) == {BUREAU}
    await theo.send("/export")
    assert sent_to(theo.last_calls) == {BUREAU}
    assert theo.last_text == "For managers only."
    marie = in_forum(as_user, manager, CHANTIERS, "en")
    await marie.send("/export")
    assert sent_to(marie.last_calls) == {CHANTIERS}
    assert "sent in a private chat" in marie.last_text


@pytest.mark.usefixtures("forum")
async def test_the_general_topic_is_answered_without_a_topic(
    as_user: UserFactory, manager: MemberView
) -> None:
    general = in_forum(as_user, manager, GENERAL)
    await general.send("/menu")
    assert sent_to(general.last_calls) == {None}


@pytest.fixture
async def feed(bot_app: BotApplication) -> AsyncIterator[ActivityFeed]:
    await bot_app.start()
    yield bot_app.bot_data[FEED_KEY]
    await bot_app.stop()


async def test_lier_in_a_topic_sends_the_activity_feed_there(
    as_user: UserFactory,
    feed: ActivityFeed,
    recorder: RecordingRequest,
    services: Services,
    manager: MemberView,
) -> None:
    await services.accounts.configure(manager, activity_feed=True)
    chantiers = in_forum(as_user, manager, CHANTIERS)
    await chantiers.send("/lier")
    assert "Le fil d'activité arrive dans ce sujet" in chantiers.last_text
    await services.clients.create(manager, professional())
    await feed.settled()
    posted = recorder.calls_to("sendMessage")[-1]
    assert posted.params["message_thread_id"] == CHANTIERS
    assert "a créé le client Boulangerie Dupont" in chantiers.last_text

    # Linked again from the General topic, the feed goes there.
    await chantiers.in_topic(GENERAL).send("/lier")
    another = professional(
        name="Garage Martin", siret=None, vat_number=None, phone=None, mobile=None
    )
    await services.clients.create(manager, another)
    await feed.settled()
    assert "message_thread_id" not in recorder.calls_to("sendMessage")[-1].params
