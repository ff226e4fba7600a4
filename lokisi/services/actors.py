"""Who is acting: every service call re-reads the member, so a change of role or a removal
takes effect on the very next call."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Row, Select, bindparam, select
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from lokisi.enums import Role
from lokisi.errors import NotAMember, NotFound, PermissionDenied
from lokisi.ids import storable
from lokisi.models import Member
from lokisi.schemas import MemberView

# The acting member, if they still belong to the account: the one condition every statement
# that checks the actor in its own SQL uses, bound with `actor_params`.
IS_ACTOR = (Member.id == bindparam("member_id"), Member.account_id == bindparam("account_id"))
# The actor's account, or NULL once they left it: for `account_id == ACTOR_ACCOUNT`.
ACTOR_ACCOUNT = select(Member.account_id).where(*IS_ACTOR).scalar_subquery()
# The member, if they still belong to the account (built once: see lokisi.db.reading).
_WHO = select(Member.id, Member.name, Member.role).where(*IS_ACTOR)


def actor_params(actor: MemberView) -> dict[str, int]:
    """Bind parameters for statements that check the actor themselves (`IS_ACTOR`)."""
    return {"member_id": actor.id, "account_id": actor.account_id}


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


async def actor_row(
    executor: AsyncConnection | AsyncSession, actor: MemberView
) -> Row[int, str, Role]:
    """`load_actor` for plain statements: the member's id, current name and role, or
    NotAMember."""
    row = (await executor.execute(_WHO, actor_params(actor))).one_or_none()
    if row is None:
        raise NotAMember()
    return row


async def actor_role(connection: AsyncConnection, actor: MemberView) -> Role:
    """The member's current role, or NotAMember."""
    return Role((await actor_row(connection, actor)).role)


async def row_of_account(
    connection: AsyncConnection,
    statement: Select[Any],
    actor: MemberView,
    entity: str,
    record_id: int,
) -> Row[Any]:
    """The row `statement` reads by `record_id` (bound as "record_id") in the actor's account,
    the actor checked in the same statement (`IS_ACTOR`); NotAMember if they left,
    NotFound if there is no such row for them (another account's looks the same)."""
    row = None
    if storable(record_id):
        params = {**actor_params(actor), "record_id": record_id}
        row = (await connection.execute(statement, params)).one_or_none()
    if row is None:
        await actor_role(connection, actor)
        raise NotFound(entity, record_id)
    return row
