"""Updates a modified Telegram client, or Telegram itself, sends that the bot's usual flows
never produce: an inline query's offset of any size, a button pressed on a message posted
through inline mode (no chat), a handler failing after its query was answered."""

from __future__ import annotations

import pytest
from telegram import Update

from bot.app import BotApplication
from bot.i18n import t
from lokisi.schemas import MemberView
from lokisi.services import Services
from tests.factories import professional
from tests.support import builders
from tests.support.driver import TelegramUser
from tests.support.recording_request import RecordingRequest


@pytest.mark.parametrize(
    "offset", ["99999999999999999999", "2147483648", "-1", "١٢", "１", "1.5", " 1", "\x00"]
)
async def test_an_inline_query_with_an_offset_the_bot_never_gave_gets_the_first_page(
    theo: TelegramUser, services: Services, manager: MemberView, offset: str
) -> None:
    await services.clients.create(manager, professional())
    call = await theo.inline_query("dupont", offset=offset)
    assert [r["title"] for r in call.params["results"]] == ["Boulangerie Dupont"]


def inline_press(user: TelegramUser, data: str) -> Update:
    """A press on a card shared through inline mode: Telegram sends no message, no chat."""
    query = {
        "id": "inline-press-1",
        "from": user.user,
        "inline_message_id": "AAAA-inline",
        "chat_instance": "instance-inline",
        "data": data,
    }
    return builders.update(user.app.bot, callback_query=query)


@pytest.mark.parametrize("data", ["ca:1", "ca:999999", "c:1", "d:1", "ca:x", "zz", ""])
async def test_a_forged_button_on_an_inline_message_gets_one_answer_and_nothing_else(
    theo: TelegramUser, services: Services, manager: MemberView, data: str
) -> None:
    await services.clients.create(manager, professional(mobile="06 12 34 56 78"))
    calls = await theo.process(inline_press(theo, data))
    assert [c.method for c in calls] == ["answerCallbackQuery"]


async def test_a_handler_failing_after_the_answer_does_not_answer_again(
    bot_app: BotApplication,
    theo: TelegramUser,
    recorder: RecordingRequest,
    services: Services,
    manager: MemberView,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """ "📞 Appeler" answers the press, then sending the contact fails: the user is told with
    a message, since the query can be answered only once."""
    client = await services.clients.create(manager, professional(mobile="06 12 34 56 78"))
    quiet = TelegramUser(bot_app, recorder, theo.user["id"], "Théo", raise_errors=False)
    recorder.fail_next("sendContact", 500, "Internal Server Error")
    pressed = builders.message_dict(1, theo.user, theo.chat)
    calls = await quiet.process(
        builders.callback_query(bot_app.bot, theo.user, pressed, f"ca:{client.id}")
    )
    assert [c.method for c in calls] == ["answerCallbackQuery", "sendContact", "sendMessage"]
    assert calls[-1].params["text"] == t("fr", "errors.unexpected")


@pytest.mark.parametrize("text", ["dupont", "/aide", None])
async def test_a_message_marked_as_a_topic_s_outside_a_forum_is_answered_without_a_topic(
    theo: TelegramUser, services: Services, manager: MemberView, text: str | None
) -> None:
    """Telegram refuses a thread id in a chat without topics; a message can still say it is a
    topic's (a modified client, or Telegram's own topics in private chats)."""
    await services.clients.create(manager, professional())
    elsewhere = theo.in_topic(7)
    if text is None:
        calls = await elsewhere.send_content(sticker=builders.STICKER)
    else:
        calls = await elsewhere.send(text)
    sent = [c for c in calls if c.method == "sendMessage"]
    assert sent
    assert all("message_thread_id" not in c.params for c in sent)
