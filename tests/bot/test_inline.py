"""Sharing a card anywhere with "@bot dupont": the member's clients only, never cached."""

from __future__ import annotations

from typing import Any

from lokisi.schemas import MemberView
from lokisi.services import Services
from tests.bot.conftest import UserFactory
from tests.factories import private_person, professional
from tests.support.driver import TelegramUser
from tests.support.recording_request import BOT_USERNAME, RecordedCall


def results(call: RecordedCall) -> list[dict[str, Any]]:
    answered: list[dict[str, Any]] = call.params["results"]
    return answered


async def test_a_member_gets_their_matching_clients_as_cards_with_a_way_into_the_bot(
    theo: TelegramUser, services: Services, manager: MemberView
) -> None:
    client = await services.clients.create(manager, professional(notes="<b>Portail</b> & code"))
    await services.clients.create(manager, private_person(name="Martin"))
    call = await theo.inline_query("dupont")
    assert (call.params["is_personal"], call.params["cache_time"]) == (True, 0)
    [result] = results(call)
    assert result["type"] == "article" and result["title"] == "Boulangerie Dupont"
    assert result["description"] == "CLI-000001 · 75002 Paris"
    content = result["input_message_content"]
    assert content["parse_mode"] == "HTML"
    assert "FICHE CLIENT" in content["message_text"]
    assert "&lt;b&gt;Portail&lt;/b&gt; &amp; code" in content["message_text"]
    [[button]] = result["reply_markup"]["inline_keyboard"]
    assert button == {
        "text": "Ouvrir dans le bot",
        "url": f"https://t.me/{BOT_USERNAME}?start=c_{client.id}",
    }


async def test_a_non_member_gets_no_result(
    stranger: TelegramUser, services: Services, manager: MemberView
) -> None:
    await services.clients.create(manager, professional())
    call = await stranger.inline_query("dupont")
    assert results(call) == []
    assert stranger.last_calls == [call]


async def test_another_accounts_member_never_sees_the_clients(
    as_user: UserFactory,
    services: Services,
    manager: MemberView,
    outsider_manager: MemberView,
) -> None:
    await services.clients.create(manager, professional())
    await services.clients.create(outsider_manager, private_person(name="Dupont Olga"))
    olga = as_user(outsider_manager)
    assert [r["title"] for r in results(await olga.inline_query("dupont"))] == ["Dupont Olga"]
    assert [r["title"] for r in results(await olga.inline_query(""))] == ["Dupont Olga"]


async def test_results_come_page_by_page(
    marie: TelegramUser, services: Services, manager: MemberView
) -> None:
    for number in range(1, 26):
        await services.clients.create(manager, private_person(name=f"Dupont {number:02d}"))
    first = await marie.inline_query("dupont")
    assert len(results(first)) == 20 and first.params["next_offset"]
    second = await marie.inline_query("dupont", offset=first.params["next_offset"])
    titles = [r["title"] for r in results(second)]
    assert titles == [f"Dupont {n}" for n in range(21, 26)]
    # The last page has no offset for a next one (and never the "[]" of python-telegram-bot#4295).
    assert second.params.get("next_offset") is None


async def test_a_forged_offset_starts_from_the_beginning(
    marie: TelegramUser, services: Services, manager: MemberView
) -> None:
    await services.clients.create(manager, professional())
    call = await marie.inline_query("dupont", offset="1; DROP TABLE")
    assert [r["title"] for r in results(call)] == ["Boulangerie Dupont"]


async def test_the_card_offers_to_share_itself(
    marie: TelegramUser, services: Services, manager: MemberView
) -> None:
    client = await services.clients.create(manager, professional())
    await marie.send(f"/start c_{client.id}")
    share = next(
        button
        for row in marie.last_message.keyboard
        for button in row
        if button["text"] == "📤 Partager"
    )
    assert share["switch_inline_query"] == "CLI-000001"
    shared = await marie.inline_query(share["switch_inline_query"])
    assert [r["title"] for r in results(shared)] == ["Boulangerie Dupont"]
