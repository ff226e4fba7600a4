"""Documents of a client: created per the account configuration, numbered without gaps."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, cast

from sqlalchemy import Executable, Table, bindparam, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from lokisi.db import SessionFactory, reading
from lokisi.enums import (
    DocumentFamily,
    DocumentKind,
    DocumentStatus,
    InterventionStart,
    RentalStart,
    Role,
)
from lokisi.errors import (
    DocumentAlreadyFinal,
    DocumentKindNotAllowed,
    DocumentKindRequired,
    NotAMember,
    NotFound,
    PermissionDenied,
)
from lokisi.ids import storable
from lokisi.models import Account, Client, Document, DocumentCounter, Member, utcnow
from lokisi.schemas import DocumentView, MemberView
from lokisi.services import audit
from lokisi.services.actors import (
    ACTOR_ACCOUNT,
    IS_ACTOR,
    actor_params,
    actor_role,
    row_of_account,
)

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
_MEMBERS = cast(Table, Member.__table__)
_ACCOUNTS = cast(Table, Account.__table__)
_CLIENTS = cast(Table, Client.__table__)
_DOCUMENTS = cast(Table, Document.__table__)
_COUNTERS = cast(Table, DocumentCounter.__table__)

_DOCUMENT_COLUMNS = [_DOCUMENTS.c[name] for name in DocumentView.model_fields]
# The actor re-read in the transaction, with their account's configuration.
_ACTOR_CONFIGURATION = (
    select(_MEMBERS.c.name, _ACCOUNTS.c.intervention_start, _ACCOUNTS.c.rental_start)
    .join_from(_MEMBERS, _ACCOUNTS, _ACCOUNTS.c.id == _MEMBERS.c.account_id)
    .where(*IS_ACTOR)
)
# The same and the live client, locked (PostgreSQL; SQLite's writer holds the database): a
# concurrent deletion waits, then sees the new document.
_CREATION = (
    _ACTOR_CONFIGURATION.join(_CLIENTS, _CLIENTS.c.account_id == _MEMBERS.c.account_id)
    .where(_CLIENTS.c.id == bindparam("client_id"), _CLIENTS.c.deleted_at.is_(None))
    .with_for_update(of=_CLIENTS)
)
_INSERT_DOCUMENT = insert(_DOCUMENTS).returning(_DOCUMENTS.c.id)
# The document to move, locked, with the actor's current role.
_MOVING = (
    select(
        _MEMBERS.c.role.label("actor_role"),
        _MEMBERS.c.name.label("actor_name"),
        *_DOCUMENT_COLUMNS,
    )
    .join_from(_MEMBERS, _DOCUMENTS, _DOCUMENTS.c.account_id == _MEMBERS.c.account_id)
    .where(*IS_ACTOR, _DOCUMENTS.c.id == bindparam("document_id"))
    .with_for_update(of=_DOCUMENTS)
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


# Reads that check the member in the same statement (see lokisi.db.reading).
_DOCUMENT_OF_MEMBER = select(*_DOCUMENT_COLUMNS).where(
    Document.id == bindparam("record_id"), Document.account_id == ACTOR_ACCOUNT
)
_LIVE_CLIENT = select(Client.id).where(
    Client.id == bindparam("client_id"),
    Client.account_id == ACTOR_ACCOUNT,
    Client.deleted_at.is_(None),
)
_DOCUMENTS_OF_CLIENT = (
    select(*_DOCUMENT_COLUMNS)
    .where(Document.client_id == bindparam("client_id"), Document.account_id == ACTOR_ACCOUNT)
    .order_by(Document.created_at.desc(), Document.id.desc())
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
    ) -> DocumentView:
        """Create a brouillon for the client; DocumentKindRequired when the account says
        "au choix" and no kind was chosen."""
        async with self._sessions.begin() as session:
            params = {**actor_params(actor), "client_id": client_id}
            found = None
            if storable(client_id):
                found = (await session.execute(_CREATION, params)).one_or_none()
            if found is None:
                # Say why, in the order the checks are made: the actor, the kind, the client.
                actor_now = (await session.execute(_ACTOR_CONFIGURATION, params)).one_or_none()
                if actor_now is None:
                    raise NotAMember()
                resolve_kind(actor_now, family, kind)
                raise NotFound("client", client_id)
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
                "created_by_id": actor.id,
                "created_by_name": found.name,
                "created_at": now,
                "closed_at": None,
            }
            document_id = (await session.execute(_INSERT_DOCUMENT, values)).scalar_one()
            view = DocumentView.model_validate({**values, "id": document_id})
            await audit.write(
                session,
                actor_id=actor.id,
                actor_name=found.name,
                account_id=actor.account_id,
                action="document.create",
                entity="document",
                entity_id=document_id,
                after=view.model_dump(mode="json"),
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
            params = {**actor_params(actor), "client_id": client_id}
            if not storable(client_id) or await connection.scalar(_LIVE_CLIENT, params) is None:
                await actor_role(connection, actor)
                raise NotFound("client", client_id)
            rows = await connection.execute(_DOCUMENTS_OF_CLIENT, params)
            return [DocumentView.model_validate(row._mapping) for row in rows]

    async def start(self, actor: MemberView, document_id: int) -> DocumentView:
        """Brouillon → en cours: any member may start work on a document."""
        return await self._move(actor, document_id, DocumentStatus.EN_COURS, manager_only=False)

    async def close(self, actor: MemberView, document_id: int) -> DocumentView:
        """Clôturer: managers only."""
        return await self._move(actor, document_id, DocumentStatus.CLOTURE, manager_only=True)

    async def cancel(self, actor: MemberView, document_id: int) -> DocumentView:
        """Annuler: managers only."""
        return await self._move(actor, document_id, DocumentStatus.ANNULE, manager_only=True)

    async def _move(
        self, actor: MemberView, document_id: int, status: DocumentStatus, *, manager_only: bool
    ) -> DocumentView:
        action = f"document.{status.value}"
        async with self._sessions.begin() as session:
            params = {**actor_params(actor), "document_id": document_id}
            found = None
            if storable(document_id):
                found = (await session.execute(_MOVING, params)).one_or_none()
            role = (
                found.actor_role if found else await actor_role(await session.connection(), actor)
            )
            if manager_only and role is not Role.MANAGER:
                raise PermissionDenied(action)
            if found is None:
                raise NotFound("document", document_id)
            before = DocumentView.model_validate(found._mapping)
            if not before.status.is_open or (
                status is DocumentStatus.EN_COURS and before.status is not DocumentStatus.BROUILLON
            ):
                raise DocumentAlreadyFinal(before)
            closed_at = before.closed_at if status.is_open else utcnow()
            # Only the names _MOVE binds: a key named after a column would be SET as well.
            moved = {"document_id": document_id, "new_status": status, "new_closed_at": closed_at}
            await session.execute(_MOVE, moved)
            view = before.model_copy(update={"status": status, "closed_at": closed_at})
            await audit.write(
                session,
                actor_id=actor.id,
                actor_name=found.actor_name,
                account_id=actor.account_id,
                action=action,
                entity="document",
                entity_id=document_id,
                before=before.model_dump(mode="json"),
                after=view.model_dump(mode="json"),
            )
            return view
