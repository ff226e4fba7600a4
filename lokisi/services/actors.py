"""Who is acting: every service call re-reads the member, so a change of role or a removal
takes effect on the very next call."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from lokisi.enums import Role
from lokisi.errors import NotAMember, PermissionDenied
from lokisi.models import Member
from lokisi.schemas import MemberView


async def load_actor(session: AsyncSession, actor: MemberView) -> Member:
    member = await session.get(Member, actor.id)
    if member is None or member.account_id != actor.account_id:
        raise NotAMember()
    return member


async def load_manager(session: AsyncSession, actor: MemberView, action: str) -> Member:
    member = await load_actor(session, actor)
    if member.role is not Role.MANAGER:
        raise PermissionDenied(action)
    return member
