"""The running bot and its inbox, in this process against the fake Bot API: an update is
stored before Telegram is told it arrived (by long polling, the next getUpdates' offset; by
webhook, the 200), handled from the database after a restart, and handled once however
often it is delivered."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import httpx
import pytest

from bot import runtime
from bot.inbox import InboxQueue
from bot.persistence import SqlPersistence
from lokisi.schemas import MemberView
from lokisi.services import Services
from lokisi.services.inbox import MAX_ATTEMPTS, Inbox
from lokisi.services.state import StateStore
from tests.factories import professional
from tests.support import builders
from tests.support.fake_bot_api import FakeBotApi, free_port
from tests.support.serving import serving

SECRET = "s3cret-Token_42"


def menus(api: FakeBotApi, user_id: int) -> int:
    """How many times the bot sent the menu to this user."""
    return sum("fiches clients" in m.text for m in api.telegram.chat_messages(user_id))


async def test_a_polled_update_is_stored_before_the_next_poll_confirms_it(
    api: FakeBotApi, services: Services, manager: MemberView, monkeypatch: pytest.MonkeyPatch
) -> None:
    events: list[str] = []
    keep, get_updates = Inbox.keep, api.telegram.get_updates

    async def kept(inbox: Inbox, update_id: int, payload: dict[str, Any]) -> bool:
        events.append(f"storing {update_id}")
        new = await keep(inbox, update_id, payload)
        events.append(f"stored {update_id}")
        return new

    def polled(params: dict[str, Any]) -> list[dict[str, Any]]:
        events.append(f"poll from {params.get('offset') or 0}")
        return get_updates(params)

    monkeypatch.setattr(Inbox, "keep", kept)
    monkeypatch.setattr(api.telegram, "get_updates", polled)
    marie = api.user(manager.telegram_user_id)
    async with serving(api, services):
        marie.send("/start")
        await asyncio.to_thread(marie.wait_for_text, "fiches clients")
    confirmed = next(i for i, event in enumerate(events) if event == "poll from 2")
    assert events.index("stored 1") < confirmed, events


async def test_updates_left_in_the_inbox_by_a_crash_are_handled_first_and_in_order(
    api: FakeBotApi, services: Services, manager: MemberView
) -> None:
    await services.clients.create(manager, professional())
    marie = api.user(manager.telegram_user_id)
    for update_id, text in ((41, "/start"), (42, "Boulangerie")):
        message = builders.message_dict(
            update_id, marie.user, marie.chat, text=text, entities=builders.command_entities(text)
        )
        await services.inbox.keep(update_id, {"update_id": update_id, "message": message})
    async with serving(api, services):
        await asyncio.to_thread(marie.wait_for_text, "« Boulangerie »")
    # The reply keyboard's shortcuts come with the first /start, in a message of their own.
    texts = [m.text for m in marie.messages if "raccourcis" not in m.text]
    assert "fiches clients" in texts[0] and "« Boulangerie »" in texts[1]
    assert await services.inbox.take_waiting() == ([], [])


async def test_an_update_delivered_again_once_handled_is_not_handled_again(
    api: FakeBotApi, services: Services, manager: MemberView
) -> None:
    marie = api.user(manager.telegram_user_id)
    async with serving(api, services):
        marie.send("/start")
        await asyncio.to_thread(marie.wait_for_text, "fiches clients")
        # As Telegram does for what it was not told had arrived (a killed process).
        api.telegram.deliver_again(api.telegram.delivered[0])
        marie.send("/menu")
        await asyncio.to_thread(api.wait_until, lambda: menus(api, marie.chat_id) == 2, str)
    assert menus(api, marie.chat_id) == 2


async def test_the_webhook_answers_200_only_once_the_update_is_stored(
    api: FakeBotApi, services: Services, manager: MemberView, monkeypatch: pytest.MonkeyPatch
) -> None:
    keep = Inbox.keep
    outage = [OSError("database unreachable")]

    async def kept(inbox: Inbox, update_id: int, payload: dict[str, Any]) -> bool:
        if outage:
            raise outage.pop()
        return await keep(inbox, update_id, payload)

    monkeypatch.setattr(Inbox, "keep", kept)
    port = free_port()
    webhook = runtime.Webhook(
        url="https://bot.example.org/telegram", listen="127.0.0.1", port=port, secret_token=SECRET
    )
    marie = api.user(manager.telegram_user_id)
    start = builders.message_dict(
        1, marie.user, marie.chat, text="/start", entities=builders.command_entities("/start")
    )
    headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
    async with serving(api, services, webhook), httpx.AsyncClient() as telegram:
        url = f"http://127.0.0.1:{port}/telegram"
        refused = await telegram.post(url, json={"update_id": 1, "message": start}, headers=headers)
        stored = await telegram.post(url, json={"update_id": 1, "message": start}, headers=headers)
        again = await telegram.post(url, json={"update_id": 1, "message": start}, headers=headers)
        await asyncio.to_thread(marie.wait_for_text, "fiches clients")
    assert (refused.status_code, stored.status_code, again.status_code) == (500, 200, 200)
    assert menus(api, marie.chat_id) == 1


async def test_an_update_that_never_gets_handled_is_given_up_and_logged(
    services: Services, caplog: pytest.LogCaptureFixture
) -> None:
    await services.inbox.keep(9, {"update_id": 9})
    for _ in range(MAX_ATTEMPTS):
        await services.inbox.take_waiting()
    queue = InboxQueue(services.inbox)
    with caplog.at_level(logging.ERROR, logger="bot.inbox"):
        assert await queue.replay(bot=None) == 0  # type: ignore[arg-type]
    assert queue.empty()
    assert "update 9 given up" in caplog.text


async def test_a_failed_write_keeps_its_handled_marks_for_the_next_write(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    for update_id in (1, 2):
        await services.inbox.keep(update_id, {"update_id": update_id})
    persistence = SqlPersistence(services.state)
    await persistence.update_user_data(7, {"seen": 1})
    with monkeypatch.context() as outage:
        outage.setattr(StateStore, "write", database_down)
        with pytest.raises(OSError):
            await persistence.write_pending(handled=[1])
    await persistence.write_pending(handled=[2])
    assert await services.inbox.take_waiting() == ([], [])
    assert await services.state.load("user_data") == {"7": {"seen": 1}}


async def database_down(*_: object, **__: object) -> None:
    raise OSError("database unreachable")


async def test_polling_confirms_nothing_while_the_database_is_down_and_loses_nothing(
    api: FakeBotApi, services: Services, manager: MemberView, monkeypatch: pytest.MonkeyPatch
) -> None:
    keep = Inbox.keep
    outage = [OSError("database unreachable"), OSError("database unreachable")]

    async def kept(inbox: Inbox, update_id: int, payload: dict[str, Any]) -> bool:
        if outage:
            raise outage.pop()
        return await keep(inbox, update_id, payload)

    monkeypatch.setattr(Inbox, "keep", kept)
    marie = api.user(manager.telegram_user_id)
    async with serving(api, services):
        marie.send("/start")
        await asyncio.to_thread(marie.wait_for_text, "fiches clients")
        marie.send("/menu")
        await asyncio.to_thread(api.wait_until, lambda: menus(api, marie.chat_id) == 2, str)
    assert outage == []
    assert [u["update_id"] for u in api.telegram.delivered] == [1, 1, 1, 2]
