"""Deep links and inline queries aimed at another company's records return nothing of them,
and a made-up link gets a clear answer whatever number it carries."""

from __future__ import annotations

import pytest

from bot.i18n import t
from tests.reliability.world import Company, leaks
from tests.support.driver import TelegramUser


async def test_card_links_to_another_accounts_clients_show_nothing_of_them(
    marie: TelegramUser, ours: Company, theirs: Company
) -> None:
    for client_id in (theirs.client.id, theirs.deleted.id):
        await marie.send(f"/start c_{client_id}")
        assert marie.texts == [t("fr", "errors.not_found_client")]
        assert leaks(marie.last_calls, theirs.secrets) == []


async def test_inline_queries_for_another_accounts_names_return_nothing(
    marie: TelegramUser, stranger: TelegramUser, ours: Company, theirs: Company
) -> None:
    for query in ("Secret", "Industries", "Caché", theirs.client.code, "CLI", ""):
        for user in (marie, stranger):
            answer = await user.inline_query(query)
            assert leaks([answer], theirs.secrets) == [], (query, user.user["id"])


@pytest.mark.parametrize("number", ["2147483648", "99999999999", "999999999999999999"])
async def test_a_card_link_with_any_number_says_the_client_is_gone(
    marie: TelegramUser, ours: Company, number: str
) -> None:
    await marie.send(f"/start c_{number}")
    assert marie.texts == [t("fr", "errors.not_found_client")]
