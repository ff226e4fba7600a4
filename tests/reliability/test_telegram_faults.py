"""Telegram's faults, through the real application: flood limits, refused edits, expired
queries, a user who blocked the bot, a network that fails. The bot never crashes, and what
the user typed is never lost."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.app import BotApplication, build_application
from bot.payloads import Menu
from bot.settings import Settings
from lokisi.schemas import MemberView
from lokisi.services import Services
from tests.bot.conftest import UserFactory
from tests.support import builders
from tests.support.driver import TelegramUser, running_application
from tests.support.recording_request import NOT_MODIFIED, RecordedCall, RecordingRequest

TOO_OLD = "Bad Request: query is too old and response timeout expired or query id is invalid"
BLOCKED = "Forbidden: bot was blocked by the user"
GONE = "Bad Request: message to edit not found"


@pytest.fixture
async def limited_app(
    services: Services, recorder: RecordingRequest
) -> AsyncIterator[BotApplication]:
    """The application as in production: with PTB's rate limiter, which obeys retry_after."""
    settings = Settings(_env_file=None, rate_limit=True)  # type: ignore[call-arg]
    application = build_application(settings, services, request=recorder, with_updater=False)
    async with running_application(application):
        yield application


async def start_new_client(user: TelegramUser, name: str = "Boulangerie Dupont") -> int:
    """Open an empty form and type the name; returns the form message's id."""
    await user.send("/start")
    await user.press("+ Nouveau client")
    await user.press("Oui")
    form = user.last_message.message_id
    await user.send(name)
    return form


def sent(calls: list[RecordedCall], method: str) -> list[RecordedCall]:
    return [call for call in calls if call.method == method]


async def test_a_flood_limit_delays_a_message_and_drops_none(
    limited_app: BotApplication, recorder: RecordingRequest, manager: MemberView
) -> None:
    marie = TelegramUser(limited_app, recorder, manager.telegram_user_id, "Marie")
    # Once: the first /start also puts the shortcuts under the typing field.
    await marie.send("/start")
    recorder.fail_next("sendMessage", 429, "Too Many Requests: retry after 1", retry_after=1)
    calls = await marie.send("/start")
    assert [call.ok for call in sent(calls, "sendMessage")] == [False, True]
    assert "Dupont Chauffage" in marie.last_text


async def test_a_value_typed_under_a_flood_limit_is_in_the_form(
    limited_app: BotApplication, recorder: RecordingRequest, manager: MemberView
) -> None:
    marie = TelegramUser(limited_app, recorder, manager.telegram_user_id, "Marie")
    form = await start_new_client(marie)
    recorder.fail_next("editMessageText", 429, "Too Many Requests: retry after 1", retry_after=1)
    calls = await marie.send("06 12 34 56 78")
    assert [call.ok for call in sent(calls, "editMessageText")] == [False, True]
    assert "Mobile : +33 6 12 34 56 78" in marie.message(form).text


async def test_telegram_saying_not_modified_is_taken_calmly(marie: TelegramUser) -> None:
    await marie.send("/start")
    recorder = marie.request
    recorder.fail_next("editMessageText", 400, f"Bad Request: {NOT_MODIFIED}")
    calls = await marie.press("Clients")
    assert [call.ok for call in sent(calls, "editMessageText")] == [False]
    assert sent(calls, "sendMessage") == []


async def test_a_screen_already_shown_is_not_edited_again(
    marie: TelegramUser, bot_app: BotApplication
) -> None:
    await marie.send("/start")
    menu = marie.last_message
    # As Telegram sends it back: text and entities (the apostrophe of "d'un" unescaped).
    as_telegram_sends_it = menu.payload | {
        "entities": [{"type": "bold", "offset": 0, "length": len("Dupont Chauffage")}]
    }
    update = builders.callback_query(bot_app.bot, marie.user, as_telegram_sends_it, Menu().pack())
    calls = await marie.process(update)
    assert [call.method for call in calls] == ["answerCallbackQuery"]


async def test_a_form_whose_message_was_deleted_comes_back_with_every_value(
    marie: TelegramUser,
) -> None:
    await start_new_client(marie)
    marie.request.fail_next("editMessageText", 400, GONE)
    calls = await marie.send("06 12 34 56 78")
    assert len(sent(calls, "sendMessage")) == 1
    assert "Boulangerie Dupont" in marie.last_text and "+33 6 12 34 56 78" in marie.last_text


async def test_an_expired_query_does_not_stop_the_save(
    marie: TelegramUser, services: Services, manager: MemberView
) -> None:
    await start_new_client(marie)
    marie.request.fail_next("answerCallbackQuery", 400, TOO_OLD)
    await marie.press("Enregistrer")
    assert "FICHE CLIENT" in marie.last_text
    assert [c.name for c in (await services.clients.list_page(manager)).items] == [
        "Boulangerie Dupont"
    ]


async def test_a_user_who_blocked_the_bot_finds_their_form_when_they_come_back(
    as_user: UserFactory, manager: MemberView
) -> None:
    marie = as_user(manager, raise_errors=False)
    form = await start_new_client(marie)
    marie.request.fail_next("editMessageText", 403, BLOCKED)
    await marie.send("06 12 34 56 78")
    assert "Mobile : —" in marie.message(form).text
    await marie.send("/start")
    await marie.press("Reprendre le formulaire")
    assert "+33 6 12 34 56 78" in marie.last_text


async def test_a_network_failure_while_showing_the_form_keeps_the_value_typed(
    as_user: UserFactory, manager: MemberView
) -> None:
    marie = as_user(manager, raise_errors=False)
    await start_new_client(marie)
    marie.request.fail_next("editMessageText", 502, "Bad Gateway")
    await marie.send("06 12 34 56 78")
    assert "réessayez" in marie.last_text
    await marie.send("/start")
    await marie.press("Reprendre le formulaire")
    assert "Boulangerie Dupont" in marie.last_text and "+33 6 12 34 56 78" in marie.last_text


async def test_a_user_who_blocked_the_bot_still_gets_their_client_saved(
    as_user: UserFactory, services: Services, manager: MemberView
) -> None:
    marie = as_user(manager, raise_errors=False)
    await start_new_client(marie)
    marie.request.fail_next("editMessageText", 403, BLOCKED)
    await marie.press("Enregistrer")
    saved = (await services.clients.list_page(manager)).items
    assert [c.name for c in saved] == ["Boulangerie Dupont"]
