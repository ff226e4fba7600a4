"""What a client's own records (attachments, notes, its history) share: the live client of the
acting member they belong to, pages of them newest first, and for the records members write
(attachments, notes) the steps every addition and removal takes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, cast

from sqlalchemy import BigInteger, ColumnElement, Row, Select, Table, bindparam, delete, select
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from lokisi.enums import Role
from lokisi.errors import PermissionDenied
from lokisi.models import Client
from lokisi.schemas import MemberView
from lokisi.services import audit
from lokisi.services.actors import (
    ACTOR_NAME,
    ACTOR_ROLE,
    ActingMember,
    acting_member,
    joined_to_actor,
    member_of_row,
    row_of_account,
)
from lokisi.services.audit import client_label
from lokisi.services.once import claim_token, record_effect

CLIENTS = cast(Table, Client.__table__)
# Past every id: the first page.
_NEWEST = 2**31

_Executor = AsyncConnection | AsyncSession

# A live client of the actor's account, with the actor as the database has them and the words
# people name the client by (run by `row_of_account`).
_LIVE_CLIENT = joined_to_actor(
    select(ACTOR_NAME, ACTOR_ROLE, CLIENTS.c.code, CLIENTS.c.name).where(
        CLIENTS.c.id == bindparam("record_id"), CLIENTS.c.deleted_at.is_(None)
    ),
    CLIENTS.c.account_id,
)


async def live_client(executor: _Executor, actor: MemberView, client_id: int) -> Row[Any]:
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
        # A BIGINT parameter: the first page's bound is past every INTEGER id.
        statement.where(id_column < bindparam("before_id", type_=BigInteger()))
        .order_by(id_column.desc())
        .limit(limit + 1)
    )


async def page_of(
    executor: _Executor,
    statement: Select[Any],
    params: Mapping[str, Any],
    before_id: int | None,
    limit: int,
) -> tuple[Sequence[Row[Any]], bool]:
    """The rows of one page of a `newest_first` statement, and whether older ones follow."""
    bound = {**params, "before_id": _NEWEST if before_id is None else before_id}
    rows = (await executor.execute(statement, bound)).all()
    return rows[:limit], len(rows) > limit


class WrittenRecords:
    """The records of a client that members write (its attachments, its notes), in `table`
    (`id`, `account_id`, `client_id`, `author_member_id`): the statements that read and remove
    them, built once, and the steps of adding and removing one."""

    def __init__(
        self, table: Table, entity: str, columns: Sequence[ColumnElement[Any]], page_size: int
    ) -> None:
        self.entity = entity
        self.page_size = page_size
        self._page = newest_first(
            select(*columns).where(
                table.c.client_id == bindparam("client_id"),
                table.c.account_id == bindparam("account_id"),
            ),
            table.c.id,
            page_size,
        )
        # One record of the actor's account, on a live client, with the actor and the client's
        # name (run by `row_of_account`).
        self._one = joined_to_actor(
            select(ACTOR_NAME, ACTOR_ROLE, CLIENTS.c.code, CLIENTS.c.name, *columns)
            .select_from(table)
            .join(CLIENTS, CLIENTS.c.id == table.c.client_id)
            .where(table.c.id == bindparam("record_id"), CLIENTS.c.deleted_at.is_(None)),
            table.c.account_id,
        )
        self._removing = self._one.with_for_update(of=table)
        self._remove = delete(table).where(table.c.id == bindparam("removed_id"))
        self._of_clients = delete(table).where(
            table.c.client_id.in_(bindparam("client_ids", expanding=True))
        )

    async def page(
        self, executor: _Executor, actor: MemberView, client_id: int, before_id: int | None
    ) -> tuple[Sequence[Row[Any]], bool]:
        """A page of a live client's records, newest first, and whether older ones follow."""
        await live_client(executor, actor, client_id)
        params = {"client_id": client_id, "account_id": actor.account_id}
        return await page_of(executor, self._page, params, before_id, self.page_size)

    async def one(self, executor: _Executor, actor: MemberView, record_id: int) -> Row[Any]:
        """A record of a live client of the actor's account, with `code` and `name` of its
        client; NotFound otherwise."""
        return await row_of_account(executor, self._one, actor, self.entity, record_id)

    async def adding(
        self, session: AsyncSession, actor: MemberView, client_id: int, once: str | None
    ) -> tuple[Row[Any], ActingMember]:
        """Before adding one to a client: the live client (for its name) and the actor, and the
        single-use token claimed (AlreadyDone if it was)."""
        client = await live_client(session, actor, client_id)
        await claim_token(session, actor.account_id, once, f"{self.entity}.add", self.entity)
        return client, member_of_row(client, actor)

    async def removing(
        self, session: AsyncSession, actor: MemberView, record_id: int, once: str | None
    ) -> tuple[Row[Any], ActingMember]:
        """Before removing a record (`delete`): its row, locked, and the actor, who is its
        author or a manager (PermissionDenied otherwise); AlreadyDone if the single-use token
        `once` removed it before."""
        action = f"{self.entity}.remove"
        # The token first: "Oui" pressed again finds it claimed, not the record gone.
        await acting_member(session, actor)
        await claim_token(session, actor.account_id, once, action, self.entity, record_id)
        row = await row_of_account(session, self._removing, actor, self.entity, record_id)
        if row.author_member_id != actor.id and Role(row.actor_role) is not Role.MANAGER:
            # What a member wrote or sent is theirs to remove; managers remove anything.
            raise PermissionDenied(action)
        return row, member_of_row(row, actor)

    async def added(
        self,
        session: AsyncSession,
        member: ActingMember,
        once: str | None,
        record_id: int,
        client: Row[Any],
        snapshot: dict[str, Any],
    ) -> None:
        """After adding one: what the token made, and the audit event (named after `client`,
        the row `adding` gave)."""
        await record_effect(session, member.account_id, once, record_id)
        action, label = f"{self.entity}.add", label_of(client)
        await audit.write(session, member, action, record_id, after=snapshot, label=label)

    async def removed(
        self,
        session: AsyncSession,
        member: ActingMember,
        record_id: int,
        row: Row[Any],
        snapshot: dict[str, Any],
    ) -> None:
        """Remove the record `removing` gave, with its audit event."""
        await session.execute(self._remove, {"removed_id": record_id})
        action, label = f"{self.entity}.remove", label_of(row)
        await audit.write(session, member, action, record_id, before=snapshot, label=label)

    async def drop_of(self, session: AsyncSession, client_ids: Sequence[int]) -> None:
        """Remove every record of these clients (the purge of their personal data)."""
        await session.execute(self._of_clients, {"client_ids": list(client_ids)})
