"""Telegram's usual faults are absorbed: the user's screen still arrives, nothing crashes."""

from bot.payloads import Card
from lokisi.schemas import MemberView
from lokisi.services import Services
from tests.bot.conftest import UserFactory
from tests.factories import professional
from tests.support.driver import TelegramUser
from tests.support.recording_request import RecordingRequest


async def test_a_message_gone_from_the_chat_is_sent_again_instead_of_edited(
    marie: TelegramUser, recorder: RecordingRequest, services: Services, manager: MemberView
) -> None:
    client = await services.clients.create(manager, professional())
    await marie.send("/start")
    recorder.fail_next("editMessageText", 400, "Bad Request: message to edit not found")
    calls = await marie.press_data(Card(client.id).pack(), marie.last_message.message_id)
    assert [c.method for c in calls if c.method.startswith(("send", "edit"))] == [
        "editMessageText",
        "sendMessage",
    ]


async def test_an_expired_callback_query_does_not_stop_the_work(
    marie: TelegramUser, recorder: RecordingRequest
) -> None:
    await marie.send("/start")
    recorder.fail_next(
        "answerCallbackQuery",
        400,
        "Bad Request: query is too old and response timeout expired or query id is invalid",
    )
    calls = await marie.press("Rechercher")
    assert any(c.method == "sendMessage" for c in calls)


async def test_a_user_who_blocked_the_bot_is_only_logged(
    as_user: UserFactory, manager: MemberView, recorder: RecordingRequest
) -> None:
    blocked = as_user(manager, raise_errors=False)
    recorder.fail_next("sendMessage", 403, "Forbidden: bot was blocked by the user")
    calls = await blocked.send("/start")
    assert [c.method for c in calls] == ["sendMessage"]
