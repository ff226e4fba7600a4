"""Nobody in who was not invited: invitations serve once, expire, and serve nobody else; a
member removed by a manager loses access with their very next update, open forms included."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from bot.payloads import Edit, FormSave
from lokisi.db import SessionFactory
from lokisi.enums import Role
from lokisi.errors import AlreadyMember, InvitationUnusable
from lokisi.schemas import MemberView
from lokisi.services import Services
from tests.bot.conftest import UserFactory
from tests.factories import remove_member
from tests.reliability.world import Company, leaks
from tests.support.driver import TelegramUser

OUTSIDER_TEXT = "pas encore membre"
OUTSIDER_ALERT = "Réservé aux membres du compte LoKisi."


async def test_an_invitation_serves_one_person_once(
    as_user: UserFactory, services: Services, manager: MemberView
) -> None:
    invitation = await services.accounts.invite(manager, Role.TECHNICIEN)
    newcomer, replayer = as_user(4004), as_user(4005)
    await newcomer.send(f"/start inv_{invitation.token}")
    await newcomer.send(f"/start inv_{invitation.token}")
    assert "déjà membre" in newcomer.last_text
    await replayer.send(f"/start inv_{invitation.token}")
    assert "déjà servi" in replayer.last_text
    assert await services.accounts.member_for(4005) is None
    member = await services.accounts.member_for(4004)
    assert member is not None and member.role is Role.TECHNICIEN


async def test_an_expired_invitation_makes_nobody_a_member(
    as_user: UserFactory, services: Services, manager: MemberView
) -> None:
    invitation = await services.accounts.invite(
        manager, Role.MANAGER, lifetime=timedelta(seconds=-1)
    )
    latecomer = as_user(4004)
    await latecomer.send(f"/start inv_{invitation.token}")
    assert "a expiré" in latecomer.last_text
    assert await services.accounts.member_for(4004) is None


@pytest.mark.parametrize("token", ["", "x", "A" * 300, "../../etc", "<b>", "' OR 1=1 --"])
async def test_a_made_up_invitation_makes_nobody_a_member(
    as_user: UserFactory, manager: MemberView, services: Services, token: str
) -> None:
    guesser = as_user(4004)
    await guesser.send(f"/start inv_{token}")
    assert "n'existe pas" in guesser.last_text
    assert await services.accounts.member_for(4004) is None


async def test_two_people_racing_for_one_invitation_make_one_member(
    services: Services, manager: MemberView
) -> None:
    invitation = await services.accounts.invite(manager, Role.TECHNICIEN)
    results = await asyncio.gather(
        *(
            services.accounts.redeem(invitation.token, telegram_user_id=5000 + n, name=f"N{n}")
            for n in range(8)
        ),
        return_exceptions=True,
    )
    joined = [r for r in results if isinstance(r, MemberView)]
    assert len(joined) == 1
    assert all(
        isinstance(r, InvitationUnusable | AlreadyMember) for r in results if r not in joined
    )


async def test_a_removed_member_loses_access_with_the_next_update(
    theo: TelegramUser,
    technicien: MemberView,
    ours: Company,
    services: Services,
    sessions: SessionFactory,
) -> None:
    await theo.send("/start")
    menu = theo.last_message.message_id
    await remove_member(services, sessions, technicien)
    calls = await theo.press("Clients", menu)
    assert theo.callback_answers == [OUTSIDER_ALERT]
    await theo.send("Boulangerie")
    calls += theo.last_calls
    assert OUTSIDER_TEXT in theo.last_text
    assert leaks(calls, ours.secrets) == []


async def test_a_removed_member_cannot_finish_an_edit_form_they_had_open(
    theo: TelegramUser,
    technicien: MemberView,
    ours: Company,
    services: Services,
    sessions: SessionFactory,
) -> None:
    await theo.send("/start")
    await theo.press_data(Edit(ours.client.id).pack(), theo.last_message.message_id)
    form = theo.last_message.message_id
    await theo.press("Notes", form)
    await remove_member(services, sessions, technicien)
    await theo.send("Le client part chez un concurrent")
    assert OUTSIDER_TEXT in theo.last_text
    await theo.press_data(FormSave().pack(), form)
    assert theo.callback_answers == [OUTSIDER_ALERT]
    assert await services.clients.get(ours.manager, ours.client.id) == ours.client


async def test_a_removed_member_cannot_save_a_new_client_they_were_typing(
    theo: TelegramUser,
    technicien: MemberView,
    ours: Company,
    services: Services,
    sessions: SessionFactory,
) -> None:
    await theo.send("/start")
    await theo.press("+ Nouveau client")
    await theo.press("Oui")
    form = theo.last_message.message_id
    await theo.send("Client Fantôme")
    await remove_member(services, sessions, technicien)
    await theo.press("Enregistrer", form)
    assert theo.callback_answers == [OUTSIDER_ALERT]
    await theo.send("Client Fantôme Bis")
    assert OUTSIDER_TEXT in theo.last_text
    page = await services.clients.list_page(ours.manager)
    assert [c.name for c in page.items] == [ours.client.name]
