"""Who is acting: every service call re-reads the member, so a change of role or a removal
takes effect on the very next call.

The rule: a service call checks its actor in the first statement it runs; the statements
after it are bounded by `actor.account_id`, which that check confirmed. That statement is:

- `acting_member`, by default: the member's id, current name and role; NotAMember once they
  left the account, PermissionDenied when the call is for managers and they are not one;
- where a round trip counts (a card, a document, a document's creation or move), the one
  that reads the call's record by its id anyway, joined to the actor (`joined_to_actor`)
  and run by `row_of_account`: a card is then one statement, and a write locks its record
  and checks its actor together. When it finds nothing, `acting_member` says why (the
  member left, or is no manager) before NotFound is raised;
- in a search, the first statement of its index walk, which reads the account's words and
  whether the member still belongs to it (lokisi.services.search.matching).

There is no other way: no ORM load of the member, no subquery of the actor's account. Calls
made for nobody in particular (redeeming an invitation, the daily purge) have no actor.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Row, Select, bindparam, select
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from lokisi.enums import Role
from lokisi.errors import NotAMember, NotFound, PermissionDenied
from lokisi.ids import storable
from lokisi.models import Member
from lokisi.schemas import MemberView

_Executor = AsyncConnection | AsyncSession

# The acting member, if they still belong to the account; bound by `_actor_params`.
_IS_ACTOR = (Member.id == bindparam("member_id"), Member.account_id == bindparam("account_id"))
# What a statement joined to the actor selects of them when the call needs their name or role.
ACTOR_NAME = Member.name.label("actor_name")
ACTOR_ROLE = Member.role.label("actor_role")
# Built once: see lokisi.db.reading.
_WHO = select(Member.id, Member.name, Member.role).where(*_IS_ACTOR)


@dataclass(frozen=True)
class ActingMember:
    """The actor as the database has them now: the name audit events keep, the role that
    decides what they may do."""

    id: int
    account_id: int
    name: str
    role: Role


def _actor_params(actor: MemberView) -> dict[str, int]:
    """Bind parameters of the actor's condition."""
    return {"member_id": actor.id, "account_id": actor.account_id}


def joined_to_actor(
    statement: Select[Any], account_id: ColumnElement[int] | InstrumentedAttribute[int]
) -> Select[Any]:
    """`statement` joined to the acting member on `account_id`, the account of the rows it
    reads: it reads nothing of another account, and nothing once the member left."""
    return statement.join(Member, Member.account_id == account_id).where(*_IS_ACTOR)


async def acting_member(
    executor: _Executor, actor: MemberView, *, manager_for: str | None = None
) -> ActingMember:
    """The member as they are now; NotAMember if they left the account, PermissionDenied
    when `manager_for` names an action for managers and they are not one."""
    row = (await executor.execute(_WHO, _actor_params(actor))).one_or_none()
    if row is None:
        raise NotAMember()
    member = ActingMember(row.id, actor.account_id, row.name, Role(row.role))
    _require_manager(member.role, manager_for)
    return member


def member_of_row(row: Row[Any], actor: MemberView) -> ActingMember:
    """The actor as read by a statement that selected `ACTOR_NAME` and `ACTOR_ROLE`."""
    return ActingMember(actor.id, actor.account_id, row.actor_name, Role(row.actor_role))


async def row_of_account(
    executor: _Executor,
    statement: Select[Any],
    actor: MemberView,
    entity: str,
    record_id: int,
    *,
    manager_for: str | None = None,
) -> Row[Any]:
    """The row `statement` (`joined_to_actor`) reads by `record_id`, bound as "record_id";
    NotAMember if the actor left, PermissionDenied if `manager_for` names an
    action for managers (the statement then selects `ACTOR_ROLE`) and they are not one,
    NotFound if there is no such row for them (another account's looks the same)."""
    row = None
    if storable(record_id):
        params = {**_actor_params(actor), "record_id": record_id}
        row = (await executor.execute(statement, params)).one_or_none()
    if row is None:
        await acting_member(executor, actor, manager_for=manager_for)
        raise NotFound(entity, record_id)
    if manager_for is not None:
        _require_manager(Role(row.actor_role), manager_for)
    return row


def _require_manager(role: Role, action: str | None) -> None:
    if action is not None and role is not Role.MANAGER:
        raise PermissionDenied(action)
