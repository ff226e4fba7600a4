"""Documents of a client: created per the account configuration, numbered without gaps."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, cast

from sqlalchemy import Executable, Table, bindparam, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from lokisi.db import SessionFactory, reading
from lokisi.document_moves import moves, needs_manager
from lokisi.enums import (
    DocumentFamily,
    DocumentKind,
    DocumentStatus,
    InterventionStart,
    RentalStart,
)
from lokisi.errors import (
    DocumentAlreadyFinal,
    DocumentKindNotAllowed,
    DocumentKindRequired,
    NotFound,
)
from lokisi.models import Account, Client, Document, DocumentCounter, utcnow
from lokisi.schemas import DocumentView, MemberView
from lokisi.services import audit
from lokisi.services.actors import (
    ACTOR_NAME,
    ACTOR_ROLE,
    ActingMember,
    joined_to_actor,
    member_of_row,
    row_of_account,
)
from lokisi.services.once import claim_token, record_effect

_INTERVENTION_KINDS = {
    InterventionStart.DEVIS: (DocumentKind.INTERVENTION_DEVIS,),
    InterventionStart.ORDRE: (DocumentKind.INTERVENTION_ORDRE,),
    InterventionStart.AU_CHOIX: (DocumentKind.INTERVENTION_DEVIS, DocumentKind.INTERVENTION_ORDRE),
}
_RENTAL_KINDS = {
    RentalStart.DEVIS: (DocumentKind.LOCATION_DEVIS,),
    RentalStart.CONTRAT: (DocumentKind.LOCATION_CONTRAT,),
    RentalStart.AU_CHOIX: (DocumentKind.LOCATION_DEVIS, DocumentKind.LOCATION_CONTRAT),
}


class Configuration(Protocol):
    """What of an account decides the kinds of documents: the Account itself, or a row."""

    @property
    def intervention_start(self) -> InterventionStart: ...

    @property
    def rental_start(self) -> RentalStart: ...


def allowed_kinds(account: Configuration, family: DocumentFamily) -> tuple[DocumentKind, ...]:
    """The kinds the account lets a user start for this family, per its configuration."""
    if family is DocumentFamily.INTERVENTION:
        return _INTERVENTION_KINDS[account.intervention_start]
    if family is DocumentFamily.LOCATION:
        return _RENTAL_KINDS[account.rental_start]
    return (DocumentKind(family.value),)


def resolve_kind(
    account: Configuration, family: DocumentFamily, kind: DocumentKind | None
) -> DocumentKind:
    choices = allowed_kinds(account, family)
    if kind is None:
        if len(choices) > 1:
            raise DocumentKindRequired(family, choices)
        return choices[0]
    if kind not in choices:
        raise DocumentKindNotAllowed(kind)
    return kind


# Writes are Core statements on the tables, built once: an ORM object, its flush and the
# building of a statement each cost more than the statement itself. They still run through
# the session, whose commit publishes the staged audit events (lokisi.events).
_ACCOUNTS = cast(Table, Account.__table__)
_CLIENTS = cast(Table, Client.__table__)
_DOCUMENTS = cast(Table, Document.__table__)
_COUNTERS = cast(Table, DocumentCounter.__table__)

_DOCUMENT_COLUMNS = [_DOCUMENTS.c[name] for name in DocumentView.model_fields]
# The live client, locked (PostgreSQL; SQLite's writer holds the database), with the actor
# and their account's configuration: a concurrent deletion waits, then sees the new document.
_CREATION = joined_to_actor(
    select(ACTOR_NAME, ACTOR_ROLE, _ACCOUNTS.c.intervention_start, _ACCOUNTS.c.rental_start)
    .select_from(_CLIENTS)
    .join(_ACCOUNTS, _ACCOUNTS.c.id == _CLIENTS.c.account_id)
    .where(_CLIENTS.c.id == bindparam("record_id"), _CLIENTS.c.deleted_at.is_(None))
    .with_for_update(of=_CLIENTS),
    _CLIENTS.c.account_id,
)
_CONFIGURATION = select(_ACCOUNTS.c.intervention_start, _ACCOUNTS.c.rental_start).where(
    _ACCOUNTS.c.id == bindparam("account_id")
)
_INSERT_DOCUMENT = insert(_DOCUMENTS).returning(_DOCUMENTS.c.id)
# The document to move, locked, with the actor's current name and role.
_MOVING = joined_to_actor(
    select(ACTOR_NAME, ACTOR_ROLE, *_DOCUMENT_COLUMNS)
    .where(_DOCUMENTS.c.id == bindparam("record_id"))
    .with_for_update(of=_DOCUMENTS),
    _DOCUMENTS.c.account_id,
)
_MOVE = (
    update(_DOCUMENTS)
    .where(_DOCUMENTS.c.id == bindparam("document_id"))
    .values(status=bindparam("new_status"), closed_at=bindparam("new_closed_at"))
)


def _take_number(upsert: Callable[[Table], postgresql.Insert | sqlite.Insert]) -> Executable:
    """One statement: create the counter at 1, or add 1 to it, and say where it stands."""
    return (
        upsert(_COUNTERS)
        .on_conflict_do_update(
            index_elements=[_COUNTERS.c.account_id, _COUNTERS.c.kind, _COUNTERS.c.year],
            set_={"last_seq": _COUNTERS.c.last_seq + 1},
        )
        .returning(_COUNTERS.c.last_seq)
    )


_NEXT_NUMBER = {
    "postgresql": _take_number(postgresql.insert),
    "sqlite": _take_number(sqlite.insert),
}


async def next_number(session: AsyncSession, account_id: int, kind: DocumentKind, year: int) -> int:
    """Take the next number: the counter row stays locked until the transaction ends, so a
    rolled-back creation gives its number back and concurrent ones queue."""
    upsert = _NEXT_NUMBER[session.get_bind().dialect.name]
    params = {"account_id": account_id, "kind": kind, "year": year, "last_seq": 1}
    return (await session.execute(upsert, params)).scalar_one()


_DOCUMENT_OF_MEMBER = joined_to_actor(
    select(*_DOCUMENT_COLUMNS).where(_DOCUMENTS.c.id == bindparam("record_id")),
    _DOCUMENTS.c.account_id,
)
_LIVE_CLIENT = joined_to_actor(
    select(_CLIENTS.c.id).where(
        _CLIENTS.c.id == bindparam("record_id"), _CLIENTS.c.deleted_at.is_(None)
    ),
    _CLIENTS.c.account_id,
)
_DOCUMENTS_OF_CLIENT = (
    select(*_DOCUMENT_COLUMNS)
    .where(
        _DOCUMENTS.c.client_id == bindparam("client_id"),
        _DOCUMENTS.c.account_id == bindparam("account_id"),
    )
    .order_by(_DOCUMENTS.c.created_at.desc(), _DOCUMENTS.c.id.desc())
)


class DocumentService:
    def __init__(self, sessions: SessionFactory) -> None:
        self._sessions = sessions

    async def create(
        self,
        actor: MemberView,
        client_id: int,
        family: DocumentFamily,
        kind: DocumentKind | None = None,
        *,
        once: str | None = None,
    ) -> DocumentView:
        """Create a brouillon for the client; DocumentKindRequired when the account says
        "au choix" and no kind was chosen; AlreadyDone, naming the document, if the
        single-use token `once` created one before."""
        async with self._sessions.begin() as session:
            try:
                found = await row_of_account(session, _CREATION, actor, "client", client_id)
            except NotFound:
                # Said in the order of the checks: the actor (done), the kind, the client.
                params = {"account_id": actor.account_id}
                resolve_kind((await session.execute(_CONFIGURATION, params)).one(), family, kind)
                raise
            member = member_of_row(found, actor)
            await claim_token(session, actor.account_id, once, "document.create", "document")
            chosen = resolve_kind(found, family, kind)
            now = utcnow()
            seq = await next_number(session, actor.account_id, chosen, now.year)
            values = {
                "account_id": actor.account_id,
                "client_id": client_id,
                "kind": chosen,
                "year": now.year,
                "seq": seq,
                "number": f"{chosen.prefix}-{now.year}-{seq:04d}",
                "status": DocumentStatus.BROUILLON,
                "created_by_id": member.id,
                "created_by_name": member.name,
                "created_at": now,
                "closed_at": None,
            }
            document_id = (await session.execute(_INSERT_DOCUMENT, values)).scalar_one()
            view = DocumentView.model_validate({**values, "id": document_id})
            await record_effect(session, actor.account_id, once, document_id)
            await audit.write(
                session, member, "document.create", document_id, after=view.model_dump(mode="json")
            )
            return view

    async def get(self, actor: MemberView, document_id: int) -> DocumentView:
        async with reading(self._sessions) as connection:
            row = await row_of_account(
                connection, _DOCUMENT_OF_MEMBER, actor, "document", document_id
            )
            return DocumentView.model_validate(row._mapping)

    async def list_for_client(self, actor: MemberView, client_id: int) -> list[DocumentView]:
        """The client's documents, newest first."""
        async with reading(self._sessions) as connection:
            await row_of_account(connection, _LIVE_CLIENT, actor, "client", client_id)
            params = {"client_id": client_id, "account_id": actor.account_id}
            rows = await connection.execute(_DOCUMENTS_OF_CLIENT, params)
            return [DocumentView.model_validate(row._mapping) for row in rows]

    async def start(self, actor: MemberView, document_id: int) -> DocumentView:
        """Brouillon → en cours: any member may start work on a document."""
        return await self._move(actor, document_id, DocumentStatus.EN_COURS)

    async def close(
        self, actor: MemberView, document_id: int, *, once: str | None = None
    ) -> DocumentView:
        """Clôturer: managers only. AlreadyDone if the single-use token `once` moved the
        document before."""
        return await self._move(actor, document_id, DocumentStatus.CLOTURE, once)

    async def cancel(
        self, actor: MemberView, document_id: int, *, once: str | None = None
    ) -> DocumentView:
        """Annuler: managers only. AlreadyDone if the single-use token `once` moved the
        document before."""
        return await self._move(actor, document_id, DocumentStatus.ANNULE, once)

    async def _move(
        self,
        actor: MemberView,
        document_id: int,
        status: DocumentStatus,
        once: str | None = None,
    ) -> DocumentView:
        action = f"document.{status.value}"
        async with self._sessions.begin() as session:
            found = await row_of_account(
                session,
                _MOVING,
                actor,
                "document",
                document_id,
                manager_for=action if needs_manager(status) else None,
            )
            member = member_of_row(found, actor)
            await claim_token(session, actor.account_id, once, action, "document", document_id)
            return await move(session, member, DocumentView.model_validate(found._mapping), status)


async def move(
    session: AsyncSession, member: ActingMember, before: DocumentView, status: DocumentStatus
) -> DocumentView:
    """Move a document (locked by the caller) to `status`, in the caller's transaction, if
    the member's role allows it from where it is (DocumentAlreadyFinal otherwise)."""
    if status not in moves(member.role, before.status):
        raise DocumentAlreadyFinal(before)
    closed_at = before.closed_at if status.is_open else utcnow()
    # Only the names _MOVE binds: a key named after a column would be SET as well.
    moved = {"document_id": before.id, "new_status": status, "new_closed_at": closed_at}
    await session.execute(_MOVE, moved)
    view = before.model_copy(update={"status": status, "closed_at": closed_at})
    await audit.write(
        session,
        member,
        f"document.{status.value}",
        before.id,
        before=before.model_dump(mode="json"),
        after=view.model_dump(mode="json"),
    )
    return view
