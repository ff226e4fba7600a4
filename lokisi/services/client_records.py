"""What a client's own records (attachments, notes, its history) share: the live client of the
acting member they belong to, and pages of them newest first."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, cast

from sqlalchemy import ColumnElement, Row, Select, Table, bindparam, select
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from lokisi.enums import Role
from lokisi.errors import PermissionDenied
from lokisi.models import Client
from lokisi.schemas import MemberView
from lokisi.services.actors import ACTOR_NAME, ACTOR_ROLE, joined_to_actor, row_of_account
from lokisi.services.audit import client_label

CLIENTS = cast(Table, Client.__table__)
# Past every id: the first page.
_NEWEST = 2**31

# A live client of the actor's account, with the actor as the database has them and the words
# people name the client by (run by `row_of_account`).
_LIVE_CLIENT = joined_to_actor(
    select(ACTOR_NAME, ACTOR_ROLE, CLIENTS.c.code, CLIENTS.c.name).where(
        CLIENTS.c.id == bindparam("record_id"), CLIENTS.c.deleted_at.is_(None)
    ),
    CLIENTS.c.account_id,
)


async def live_client(
    executor: AsyncConnection | AsyncSession, actor: MemberView, client_id: int
) -> Row[Any]:
    """The live client with the actor's name and role (`actor_name`, `actor_role`), its `code`
    and `name`; NotAMember or NotFound as `row_of_account` says."""
    return await row_of_account(executor, _LIVE_CLIENT, actor, "client", client_id)


def label_of(row: Row[Any]) -> str:
    """How people name the client of a row that selected its code and name."""
    return client_label(row.name, row.code)


def newest_first(statement: Select[Any], id_column: ColumnElement[int], limit: int) -> Select[Any]:
    """`statement`'s rows older than the bound "before_id", newest first, one more than
    `limit` to tell whether there are older ones (see `page_of`)."""
    return (
        statement.where(id_column < bindparam("before_id"))
        .order_by(id_column.desc())
        .limit(limit + 1)
    )


async def page_of(
    executor: AsyncConnection | AsyncSession,
    statement: Select[Any],
    params: Mapping[str, Any],
    before_id: int | None,
    limit: int,
) -> tuple[Sequence[Row[Any]], bool]:
    """The rows of one page of a `newest_first` statement, and whether older ones follow."""
    bound = {**params, "before_id": _NEWEST if before_id is None else before_id}
    rows = (await executor.execute(statement, bound)).all()
    return rows[:limit], len(rows) > limit


def require_author_or_manager(row: Row[Any], actor: MemberView, action: str) -> None:
    """What a member wrote or sent is theirs to remove; managers remove anything. `row` selected
    the record's `author_member_id` and `ACTOR_ROLE`."""
    if row.author_member_id != actor.id and Role(row.actor_role) is not Role.MANAGER:
        raise PermissionDenied(action)
