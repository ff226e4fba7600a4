"""Group chats linked to an account: one account per group, managers only."""

import pytest

from lokisi.db import SessionFactory
from lokisi.errors import GroupLinkedElsewhere, NotFound, PermissionDenied
from lokisi.schemas import MemberView
from lokisi.services import Services
from tests.factories import linked_chats

TEAM_CHAT = -100123
OTHER_CHAT = -100456


async def test_a_manager_links_a_group_to_the_account(
    services: Services, sessions: SessionFactory, manager: MemberView
) -> None:
    assert await services.groups.account_of(TEAM_CHAT) is None
    await services.groups.link(manager, TEAM_CHAT, "Équipe Dupont")
    assert await services.groups.account_of(TEAM_CHAT) == manager.account_id
    assert await linked_chats(sessions, manager.account_id) == [TEAM_CHAT]


async def test_linking_the_same_group_again_keeps_one_link(
    services: Services, sessions: SessionFactory, manager: MemberView
) -> None:
    await services.groups.link(manager, TEAM_CHAT, "Équipe")
    await services.groups.link(manager, TEAM_CHAT, "Équipe renommée")
    assert await linked_chats(sessions, manager.account_id) == [TEAM_CHAT]


async def test_a_technicien_cannot_link_or_unlink_a_group(
    services: Services, manager: MemberView, technicien: MemberView
) -> None:
    with pytest.raises(PermissionDenied):
        await services.groups.link(technicien, TEAM_CHAT, "Équipe")
    await services.groups.link(manager, TEAM_CHAT, "Équipe")
    with pytest.raises(PermissionDenied):
        await services.groups.unlink(technicien, TEAM_CHAT)
    assert await services.groups.account_of(TEAM_CHAT) == manager.account_id


async def test_a_group_serves_one_account_only(
    services: Services,
    sessions: SessionFactory,
    manager: MemberView,
    outsider_manager: MemberView,
) -> None:
    await services.groups.link(manager, TEAM_CHAT, "Équipe Dupont")
    with pytest.raises(GroupLinkedElsewhere):
        await services.groups.link(outsider_manager, TEAM_CHAT, "Prise de contrôle")
    with pytest.raises(NotFound):
        await services.groups.unlink(outsider_manager, TEAM_CHAT)
    assert await services.groups.account_of(TEAM_CHAT) == manager.account_id
    assert await linked_chats(sessions, outsider_manager.account_id) == []


async def test_an_unlinked_group_serves_nobody(services: Services, manager: MemberView) -> None:
    await services.groups.link(manager, TEAM_CHAT, "Équipe")
    await services.groups.unlink(manager, TEAM_CHAT)
    assert await services.groups.account_of(TEAM_CHAT) is None
    with pytest.raises(NotFound):
        await services.groups.unlink(manager, TEAM_CHAT)


async def test_the_feed_reaches_the_accounts_groups_only_while_it_is_on(
    services: Services, manager: MemberView, outsider_manager: MemberView
) -> None:
    await services.groups.link(manager, TEAM_CHAT, "Équipe")
    await services.groups.link(outsider_manager, OTHER_CHAT, "Autre")
    assert await feed_chats(services, manager.account_id) == []
    await services.accounts.configure(manager, activity_feed=True)
    assert await feed_chats(services, manager.account_id) == [TEAM_CHAT]
    assert await feed_chats(services, outsider_manager.account_id) == []


async def feed_chats(services: Services, account_id: int) -> list[int]:
    return [chat for chat, _topic in await services.groups.feed_targets(account_id)]


async def test_the_feed_goes_to_the_topic_it_was_linked_from_and_moves_with_a_new_link(
    services: Services, manager: MemberView
) -> None:
    await services.accounts.configure(manager, activity_feed=True)
    await services.groups.link(manager, TEAM_CHAT, "Équipe", feed_topic_id=7)
    assert await services.groups.feed_targets(manager.account_id) == [(TEAM_CHAT, 7)]
    await services.groups.link(manager, TEAM_CHAT, "Équipe", feed_topic_id=None)
    assert await services.groups.feed_targets(manager.account_id) == [(TEAM_CHAT, None)]


async def test_a_group_the_bot_left_is_forgotten(services: Services, manager: MemberView) -> None:
    await services.groups.link(manager, TEAM_CHAT, "Équipe")
    assert await services.groups.forget(TEAM_CHAT) is True
    assert await services.groups.account_of(TEAM_CHAT) is None
    assert await services.groups.forget(TEAM_CHAT) is False
