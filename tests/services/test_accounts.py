"""Accounts, members and invitations."""

from datetime import timedelta

import pytest

from lokisi.enums import InterventionStart, RentalStart, Role
from lokisi.errors import AlreadyMember, InvitationUnusable, PermissionDenied
from lokisi.schemas import MemberView
from lokisi.services import Services


async def test_a_new_account_starts_au_choix_with_its_manager(
    services: Services, manager: MemberView
) -> None:
    account = await services.accounts.account(manager)
    assert (account.name, account.intervention_start, account.rental_start) == (
        "Dupont Chauffage",
        InterventionStart.AU_CHOIX,
        RentalStart.AU_CHOIX,
    )
    assert manager.role is Role.MANAGER
    assert await services.accounts.member_for(1001) == manager


async def test_an_outsider_is_no_member(services: Services, manager: MemberView) -> None:
    assert await services.accounts.member_for(424242) is None


async def test_managers_change_the_configuration_technicians_cannot(
    services: Services, manager: MemberView, technicien: MemberView
) -> None:
    changed = await services.accounts.configure(
        manager, rental_start=RentalStart.DEVIS, activity_feed=True
    )
    assert (changed.rental_start, changed.intervention_start, changed.activity_feed) == (
        RentalStart.DEVIS,
        InterventionStart.AU_CHOIX,
        True,
    )
    with pytest.raises(PermissionDenied):
        await services.accounts.configure(technicien, rental_start=RentalStart.CONTRAT)


async def test_an_invitation_makes_a_member_once(services: Services, manager: MemberView) -> None:
    invitation = await services.accounts.invite(manager, Role.TECHNICIEN)
    joined = await services.accounts.redeem(invitation.token, telegram_user_id=5, name="Ana")
    assert (joined.account_id, joined.role) == (manager.account_id, Role.TECHNICIEN)
    with pytest.raises(InvitationUnusable) as refused:
        await services.accounts.redeem(invitation.token, telegram_user_id=6, name="Bob")
    assert refused.value.reason == "used"
    assert await services.accounts.member_for(6) is None


async def test_an_expired_invitation_is_refused(services: Services, manager: MemberView) -> None:
    invitation = await services.accounts.invite(
        manager, Role.MANAGER, lifetime=timedelta(seconds=-1)
    )
    with pytest.raises(InvitationUnusable) as refused:
        await services.accounts.redeem(invitation.token, telegram_user_id=5, name="Ana")
    assert refused.value.reason == "expired"


async def test_an_unknown_invitation_is_refused(services: Services, manager: MemberView) -> None:
    with pytest.raises(InvitationUnusable) as refused:
        await services.accounts.redeem("forged", telegram_user_id=5, name="Ana")
    assert refused.value.reason == "unknown"


async def test_a_member_of_one_account_cannot_join_another(
    services: Services, manager: MemberView, outsider_manager: MemberView
) -> None:
    invitation = await services.accounts.invite(manager, Role.TECHNICIEN)
    with pytest.raises(AlreadyMember):
        await services.accounts.redeem(
            invitation.token, telegram_user_id=outsider_manager.telegram_user_id, name="Olga"
        )


async def test_technicians_cannot_invite(services: Services, technicien: MemberView) -> None:
    with pytest.raises(PermissionDenied):
        await services.accounts.invite(technicien, Role.MANAGER)


async def test_a_supergroup_with_a_large_id_is_linked_and_audited(
    services: Services, manager: MemberView
) -> None:
    await services.groups.link(manager, -1001234567890, "Équipe terrain")
    assert await services.groups.account_of(-1001234567890) == manager.account_id
    await services.groups.unlink(manager, -1001234567890)
    assert await services.groups.account_of(-1001234567890) is None
