"""Updates the inbox kept through a crash are handled side by side for different people, and
in their order for each person (bot.inbox, bot.update_processor)."""

from __future__ import annotations

import asyncio

import pytest

from lokisi.schemas import MemberView
from lokisi.services import Services
from tests.factories import professional
from tests.support import builders
from tests.support.fake_bot_api import FakeBotApi, FakeUser
from tests.support.serving import serving

# Only a guard against a test that would otherwise hang: Marie's first update waits for
# Théo's answer, which never comes while updates are handled one at a time.
GUARD_SECONDS = 20


async def kept(services: Services, user: FakeUser, update_id: int, text: str) -> None:
    message = builders.message_dict(
        update_id, user.user, user.chat, text=text, entities=builders.command_entities(text)
    )
    await services.inbox.keep(update_id, {"update_id": update_id, "message": message})


async def test_kept_updates_of_two_people_are_served_side_by_side_each_in_order(
    api: FakeBotApi,
    services: Services,
    manager: MemberView,
    technicien: MemberView,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    await services.clients.create(manager, professional())
    marie, theo = api.user(manager.telegram_user_id), api.user(technicien.telegram_user_id)
    await kept(services, marie, 41, "/start")
    await kept(services, marie, 42, "Boulangerie")
    await kept(services, theo, 43, "/start")
    loop, theo_served = asyncio.get_running_loop(), asyncio.Event()

    def told(call: object) -> None:
        if str(getattr(call, "params", {}).get("chat_id")) == str(theo.chat_id):
            loop.call_soon_threadsafe(theo_served.set)

    api.telegram.listener = told
    looking_up, waited = services.accounts.member_for, []

    async def member_for(telegram_user_id: int) -> MemberView | None:
        if telegram_user_id == marie.chat_id and not waited:
            # Marie's first update is slow: Théo, queued after it, is served meanwhile.
            async with asyncio.timeout(GUARD_SECONDS):
                waited.append(await theo_served.wait())
        return await looking_up(telegram_user_id)

    monkeypatch.setattr(services.accounts, "member_for", member_for)
    async with serving(api, services):
        await asyncio.to_thread(marie.wait_for_text, "« Boulangerie »")
    assert waited == [True]
    sent = [(int(c.params["chat_id"]), c.params["text"]) for c in api.calls_to("sendMessage")]
    first_to_marie = next(i for i, (chat, _) in enumerate(sent) if chat == marie.chat_id)
    first_to_theo = next(i for i, (chat, _) in enumerate(sent) if chat == theo.chat_id)
    assert first_to_theo < first_to_marie
    to_marie = [text for chat, text in sent if chat == marie.chat_id and "raccourcis" not in text]
    assert "fiches clients" in to_marie[0] and "« Boulangerie »" in to_marie[1]
    assert await services.inbox.take_waiting() == ([], [])
