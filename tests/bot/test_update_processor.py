"""Users side by side, each in order: the update processor, alone and in a running
python-telegram-bot application fed through its update queue as the updater feeds it."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import Any

from telegram import Bot, Update
from telegram.ext import ApplicationBuilder, TypeHandler

from bot.app import build_application
from bot.update_processor import WORKERS, PerUserUpdateProcessor, key_of
from lokisi.db import create_engine
from lokisi.services import Services
from tests.bot.conftest import offline_settings
from tests.support import builders
from tests.support.recording_request import RecordingRequest

BOT = Bot("0:offline")


def message_from(user_id: int, text: str, chat: dict[str, Any] | None = None) -> Update:
    user = builders.user_dict(user_id)
    return builders.text_message(BOT, user, chat or builders.private_chat(user), 1, text)


def work(log: list[str], name: str, seconds: float = 0.0) -> Coroutine[Any, Any, None]:
    async def run() -> None:
        log.append(f"{name} starts")
        await asyncio.sleep(seconds)
        log.append(f"{name} ends")

    return run()


async def process_all(
    processor: PerUserUpdateProcessor, jobs: list[tuple[Update, Coroutine[Any, Any, None]]]
) -> None:
    """As python-telegram-bot's fetcher does: one task per update, in the queue's order."""
    tasks = [asyncio.create_task(processor.process_update(u, job)) for u, job in jobs]
    await asyncio.gather(*tasks, return_exceptions=True)


async def test_one_users_updates_run_one_after_the_other_in_order() -> None:
    log: list[str] = []
    marie = [message_from(1, str(n)) for n in range(3)]
    await process_all(
        PerUserUpdateProcessor(),
        [(marie[0], work(log, "a", 0.05)), (marie[1], work(log, "b")), (marie[2], work(log, "c"))],
    )
    assert log == ["a starts", "a ends", "b starts", "b ends", "c starts", "c ends"]


async def test_another_user_is_served_while_the_first_waits_on_something_slow() -> None:
    log: list[str] = []
    await process_all(
        PerUserUpdateProcessor(),
        [
            (message_from(1, "export"), work(log, "slow", 0.1)),
            (message_from(2, "x"), work(log, "b")),
        ],
    )
    assert log == ["slow starts", "b starts", "b ends", "slow ends"]


async def test_a_user_with_many_updates_waiting_holds_one_worker() -> None:
    log: list[str] = []
    queued = [(message_from(1, str(n)), work(log, f"a{n}", 0.02)) for n in range(5)]
    others = [(message_from(2, "b"), work(log, "b"))]
    await process_all(PerUserUpdateProcessor(workers=2), [*queued, *others])
    assert log.index("b ends") < log.index("a1 starts")


async def test_no_more_than_the_workers_run_at_once() -> None:
    running, most = 0, 0

    async def count() -> None:
        nonlocal running, most
        running += 1
        most = max(most, running)
        await asyncio.sleep(0.01)
        running -= 1

    jobs = [(message_from(user_id, "x"), count()) for user_id in range(1, 21)]
    await process_all(PerUserUpdateProcessor(workers=3), jobs)
    assert most == 3


async def test_a_failed_update_lets_the_next_of_its_user_run() -> None:
    log: list[str] = []

    async def fails() -> None:
        log.append("fails")
        raise RuntimeError("boom")

    await process_all(
        PerUserUpdateProcessor(),
        [(message_from(1, "a"), fails()), (message_from(1, "b"), work(log, "b"))],
    )
    assert log == ["fails", "b starts", "b ends"]


def test_whose_turn_it_is() -> None:
    user = builders.user_dict(7)
    group = builders.group_chat(-100)
    in_group = message_from(7, "/client x", group)
    inline = builders.update(
        BOT, inline_query={"id": "q", "from": user, "query": "dup", "offset": ""}
    )
    channel_post = builders.update(
        BOT,
        channel_post={
            "message_id": 1,
            "date": 0,
            "chat": {"id": -200, "type": "channel", "title": "Annonces"},
            "text": "x",
        },
    )
    # One person's updates in every chat are in one line: their data and forms are theirs.
    assert key_of(in_group) == key_of(message_from(7, "x")) == key_of(inline) == ("user", 7)
    assert key_of(channel_post) == ("chat", -200, None)
    assert key_of("not an update") is None


async def test_one_persons_updates_in_two_topics_of_a_forum_stay_in_order() -> None:
    """The form's state is kept per chat and user, whatever the topic (bot.places)."""
    log: list[str] = []
    user, forum = (
        builders.user_dict(1),
        builders.group_chat(-100, "Forum", "supergroup", forum=True),
    )
    in_topic = [
        builders.text_message(BOT, user, forum, n, f"/client {n}", topic=topic)
        for n, topic in enumerate((10, 20, 10))
    ]
    other = message_from(2, "x", forum)
    await process_all(
        PerUserUpdateProcessor(),
        [
            (in_topic[0], work(log, "a", 0.05)),
            (in_topic[1], work(log, "b")),
            (in_topic[2], work(log, "c")),
            (other, work(log, "other")),
        ],
    )
    assert log.index("a ends") < log.index("b starts") < log.index("b ends") < log.index("c starts")
    assert log.index("other ends") < log.index("a ends")


async def test_a_running_application_serves_users_side_by_side_each_in_order() -> None:
    """Through python-telegram-bot's own queue and fetcher, as the updater feeds them."""
    log: list[str] = []

    async def handle(update: Update, _context: Any) -> None:
        assert update.effective_user is not None and update.effective_message is not None
        name = f"{update.effective_user.id}:{update.effective_message.text}"
        await work(log, name, 0.05 if name == "1:slow" else 0.0)

    application = (
        ApplicationBuilder()
        .token("0:offline")
        .request(RecordingRequest())
        .updater(None)
        .concurrent_updates(PerUserUpdateProcessor())
        .build()
    )
    application.add_handler(TypeHandler(Update, handle))
    async with application:
        await application.start()
        for update in (message_from(1, "slow"), message_from(1, "next"), message_from(2, "other")):
            await application.update_queue.put(update)
        await application.update_queue.join()
        await application.stop()
    assert log.index("1:slow ends") < log.index("1:next starts")
    assert log.index("2:other ends") < log.index("1:slow ends")


async def test_the_postgresql_pool_keeps_a_connection_open_for_every_handler_at_once() -> None:
    """Else each handler beyond the pool opens a connection (a server process) and closes it."""
    engine = create_engine("postgresql+asyncpg://nobody@127.0.0.1:1/lokisi")
    try:
        assert engine.pool.size() >= WORKERS  # type: ignore[attr-defined]
    finally:
        await engine.dispose()


def test_the_bot_uses_it(services: Services) -> None:
    application = build_application(
        offline_settings(), services, request=RecordingRequest(), with_updater=False
    )
    assert isinstance(application.update_processor, PerUserUpdateProcessor)
