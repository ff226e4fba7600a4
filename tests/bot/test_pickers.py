"""Telegram's own pickers instead of typing: the person to invite, the group to link; and
who is in the team's group, as Telegram tells it."""

from __future__ import annotations

import re

import pytest

from bot.views.shortcuts import INVITE_REQUESTS, LINK_GROUP_REQUEST
from lokisi.enums import Role
from lokisi.schemas import MemberView
from lokisi.services import Services
from tests.bot.conftest import UserFactory
from tests.bot.test_client_form import force_reply_question, form_message_id, open_new_form
from tests.support import builders
from tests.support.driver import TelegramUser
from tests.support.recording_request import RecordingRequest

INVITATION_LINK = re.compile(r"https://t\.me/lokisi_test_bot\?start=inv_([\w-]+)")
GROUP = -987654321
PAUL = {"user_id": 4004, "first_name": "Paul", "last_name": "Durand"}


async def open_picker(user: TelegramUser, role: str = "Un technicien") -> None:
    await user.send("/start")
    await user.press("Inviter" if role.startswith("Un") else "Invite")
    await user.press(role)


async def test_inviting_offers_the_person_picker_and_a_link_for_others(marie: TelegramUser) -> None:
    await open_picker(marie)
    assert "Touchez « 👤 Choisir la personne »" in marie.texts[0]
    assert "🔗 Créer un lien" in str(marie.buttons())
    picker = marie.keyboard_button("Choisir la personne")
    assert picker["request_users"] == {
        "request_id": INVITE_REQUESTS[Role.TECHNICIEN],
        "user_is_bot": False,
        "max_quantity": 1,
        "request_name": True,
        "request_username": True,
    }
    assert marie.keyboard_button("Annuler")
    await marie.tap_keyboard("Annuler")
    assert marie.last_text == "D'accord, rien n'a été fait."
    assert marie.keyboard_button("Autour de moi")["request_location"] is True


async def test_a_picked_person_who_never_started_the_bot_gets_a_link_for_them_alone(
    marie: TelegramUser, as_user: UserFactory, services: Services
) -> None:
    await open_picker(marie)
    await marie.share_users(INVITE_REQUESTS[Role.TECHNICIEN], PAUL)
    told = "\n".join(marie.texts)
    assert "Paul Durand n'a pas encore ouvert le bot" in told
    assert marie.keyboard_button("Rechercher"), "the shortcuts are back under the typing field"
    assert "📤 Partager le lien" in marie.url_buttons()
    found = INVITATION_LINK.search(told)
    assert found is not None
    someone_else = as_user(4005)
    await someone_else.send(f"/start inv_{found.group(1)}")
    assert "réservé à une autre personne" in someone_else.last_text
    assert await services.accounts.member_for(4005) is None
    paul = as_user(4004)
    await paul.send(f"/start inv_{found.group(1)}")
    member = await services.accounts.member_for(4004)
    assert member is not None and member.role is Role.TECHNICIEN


async def test_a_picked_person_who_started_the_bot_gets_the_invitation_there_in_english(
    as_user: UserFactory, manager: MemberView, services: Services
) -> None:
    paul = as_user(4004, "en")
    await paul.send("/start")
    marie = as_user(manager, "en")
    await open_picker(marie, "A manager")
    await marie.share_users(INVITE_REQUESTS[Role.MANAGER], PAUL)
    assert "Invitation sent to Paul Durand (manager)" in marie.last_text
    invitation = paul.last_message
    assert "Marie Manager invites you to join “Dupont Chauffage”" in invitation.text
    join = paul.url_buttons()["✅ Join"]
    found = INVITATION_LINK.search(join)
    assert found is not None
    await paul.send(f"/start inv_{found.group(1)}")
    member = await services.accounts.member_for(4004)
    assert member is not None and member.role is Role.MANAGER


async def test_picking_someone_already_in_the_account_says_so(
    marie: TelegramUser, technicien: MemberView, services: Services
) -> None:
    await open_picker(marie)
    picked = {"user_id": technicien.telegram_user_id, "first_name": "Théo"}
    await marie.share_users(INVITE_REQUESTS[Role.TECHNICIEN], picked)
    assert marie.last_text == "Théo est déjà membre de votre compte."


async def test_a_technicien_forging_a_pick_invites_nobody(
    theo: TelegramUser, as_user: UserFactory, services: Services, recorder: RecordingRequest
) -> None:
    await theo.send("/start")
    await theo.share_users(INVITE_REQUESTS[Role.MANAGER], PAUL)
    assert theo.last_text == "Réservé aux managers."
    assert not any("inv_" in str(call.params) for call in recorder.calls)


async def test_the_group_picker_links_a_group_the_manager_is_in(
    marie: TelegramUser, recorder: RecordingRequest, services: Services, manager: MemberView
) -> None:
    recorder.register_chat(builders.group_chat(GROUP, "Équipe Dupont"))
    await marie.send("/start")
    await marie.press("Réglages")
    await marie.press("Lier un groupe")
    picker = marie.keyboard_button("Choisir le groupe")
    assert picker["request_chat"] == {
        "request_id": LINK_GROUP_REQUEST,
        "chat_is_channel": False,
        "bot_is_member": True,
        "request_title": True,
    }
    await marie.share_chat(LINK_GROUP_REQUEST, GROUP, "Équipe Dupont")
    assert marie.last_text == "✅ Groupe « Équipe Dupont » lié au compte « Dupont Chauffage »."
    assert await services.groups.account_of(GROUP) == manager.account_id
    greeting = recorder.chat_messages(GROUP)[-1].text
    assert "Groupe lié au compte « Dupont Chauffage »" in greeting


async def test_a_group_the_manager_is_not_in_is_not_linked(
    marie: TelegramUser, recorder: RecordingRequest, services: Services, manager: MemberView
) -> None:
    recorder.member_statuses[(GROUP, manager.telegram_user_id)] = "left"
    await marie.send("/lier")
    assert "dans le groupe à lier" in marie.last_text
    assert marie.keyboard_button("Choisir le groupe")
    await marie.share_chat(LINK_GROUP_REQUEST, GROUP, "Équipe d'un autre")
    assert "Vous n'êtes pas membre de ce groupe" in marie.last_text
    assert await services.groups.account_of(GROUP) is None


@pytest.fixture
async def team_group(services: Services, manager: MemberView) -> int:
    await services.groups.link(manager, GROUP, "Équipe Dupont")
    return GROUP


@pytest.mark.usefixtures("team_group")
async def test_leaving_the_group_closes_ones_form_there_and_keeps_it_in_private(
    as_user: UserFactory, technicien: MemberView, manager: MemberView
) -> None:
    in_private = as_user(technicien)
    theo = as_user(technicien, chat_id=GROUP, chat_type="group")
    form = await open_new_form(theo)
    await theo.reply("Garage Martin", force_reply_question(theo))
    await theo.process(
        builders.chat_member_update(theo.app.bot, theo.chat, theo.user, theo.user, "member", "left")
    )
    assert theo.buttons(form) == []
    assert "Vous avez quitté le groupe « Équipe LoKisi »" in in_private.last_text
    await in_private.press("▶️ Reprendre")
    moved = form_message_id(in_private)
    assert "Raison sociale : Garage Martin" in in_private.message(moved).text
    await in_private.send("06 12 34 56 78")
    assert "Mobile : +33 6 12 34 56 78" in in_private.message(moved).text


async def test_the_bot_removed_from_a_group_forgets_its_link_at_once(
    as_user: UserFactory, services: Services, manager: MemberView, team_group: int
) -> None:
    marie = as_user(manager, chat_id=GROUP, chat_type="group")
    bot_user = builders.user_dict(999, "LoKisi Test")
    await marie.process(
        builders.chat_member_update(
            marie.app.bot, marie.chat, marie.user, bot_user, "member", "kicked", mine=True
        )
    )
    assert await services.groups.account_of(GROUP) is None


async def test_the_bot_added_to_a_group_by_a_manager_says_how_to_link_it(
    as_user: UserFactory, manager: MemberView
) -> None:
    marie = as_user(manager, chat_id=GROUP, chat_type="group")
    bot_user = builders.user_dict(999, "LoKisi Test")
    await marie.process(
        builders.chat_member_update(
            marie.app.bot, marie.chat, marie.user, bot_user, "left", "member", mine=True
        )
    )
    assert "un manager du compte envoie /lier dans ce groupe" in marie.last_text


async def test_a_user_who_blocked_the_bot_gets_the_shortcuts_again_when_back(
    theo: TelegramUser,
) -> None:
    await theo.send("/start")
    bot_user = builders.user_dict(999, "LoKisi Test")
    await theo.process(
        builders.chat_member_update(
            theo.app.bot, theo.chat, theo.user, bot_user, "member", "kicked", mine=True
        )
    )
    calls = await theo.send("/start")
    assert any("Vos raccourcis" in str(call.params.get("text")) for call in calls)
