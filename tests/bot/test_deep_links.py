"""Card links (t.me/<bot>?start=c_42): the card for members of its account, nothing for others."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from lokisi.schemas import MemberView
from lokisi.services import Services
from tests.bot.conftest import UserFactory
from tests.factories import professional
from tests.support.driver import TelegramUser

NOT_FOUND = "Ce client n'existe plus (il a peut-être été supprimé)."


async def test_a_shared_cards_link_opens_the_card_in_a_private_chat(
    marie: TelegramUser, theo: TelegramUser, services: Services, manager: MemberView
) -> None:
    await services.clients.create(manager, professional())
    shared = await marie.inline_query("dupont")
    [result] = shared.params["results"]
    [[open_button]] = result["reply_markup"]["inline_keyboard"]
    [argument] = parse_qs(urlsplit(open_button["url"]).query)["start"]
    await theo.send(f"/start {argument}")
    assert "FICHE CLIENT" in theo.last_text and "Boulangerie Dupont" in theo.last_text
    assert any("Créer une intervention" in label for row in theo.buttons() for label in row)


async def test_another_accounts_member_learns_nothing_from_a_card_link(
    as_user: UserFactory, services: Services, manager: MemberView, outsider_manager: MemberView
) -> None:
    client = await services.clients.create(manager, professional())
    olga = as_user(outsider_manager)
    await olga.send(f"/start c_{client.id}")
    assert olga.texts == [NOT_FOUND]
    assert olga.buttons() == []


async def test_an_outsider_following_a_card_link_gets_the_outsider_message_only(
    stranger: TelegramUser, services: Services, manager: MemberView
) -> None:
    client = await services.clients.create(manager, professional())
    await stranger.send(f"/start c_{client.id}")
    assert len(stranger.texts) == 1 and "pas encore membre" in stranger.last_text
    assert "Boulangerie" not in stranger.last_text


async def test_the_link_of_a_deleted_client_says_it_is_gone(
    marie: TelegramUser, services: Services, manager: MemberView
) -> None:
    client = await services.clients.create(manager, professional())
    await services.clients.delete(manager, client.id)
    await marie.send(f"/start c_{client.id}")
    assert marie.texts == [NOT_FOUND]


async def test_a_garbled_link_opens_the_menu(marie: TelegramUser) -> None:
    await marie.send("/start c_12abc")
    assert "Dupont Chauffage" in marie.last_text
    assert "+ Nouveau client" in [label for row in marie.buttons() for label in row]
