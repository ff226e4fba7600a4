"""Documents of a client: created per the account configuration, numbered without gaps."""

from __future__ import annotations

from sqlalchemy import bindparam, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from lokisi.db import SessionFactory, reading
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
from lokisi.ids import storable
from lokisi.models import Account, Client, Document, DocumentCounter, Member, utcnow
from lokisi.schemas import DocumentView, MemberView
from lokisi.services import audit
from lokisi.services.actors import actor_params, actor_role, load_actor, load_manager
from lokisi.services.clients import get_client_row

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


def allowed_kinds(account: Account, family: DocumentFamily) -> tuple[DocumentKind, ...]:
    """The kinds the account lets a user start for this family, per its configuration."""
    if family is DocumentFamily.INTERVENTION:
        return _INTERVENTION_KINDS[account.intervention_start]
    if family is DocumentFamily.LOCATION:
        return _RENTAL_KINDS[account.rental_start]
    return (DocumentKind(family.value),)


def resolve_kind(
    account: Account, family: DocumentFamily, kind: DocumentKind | None
) -> DocumentKind:
    choices = allowed_kinds(account, family)
    if kind is None:
        if len(choices) > 1:
            raise DocumentKindRequired(family, choices)
        return choices[0]
    if kind not in choices:
        raise DocumentKindNotAllowed(kind)
    return kind


async def next_number(session: AsyncSession, account_id: int, kind: DocumentKind, year: int) -> int:
    """Take the next number: the counter row stays locked until the transaction ends, so a
    rolled-back creation gives its number back and concurrent ones queue."""
    dialect = session.get_bind().dialect.name
    upsert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    await session.execute(
        upsert(DocumentCounter)
        .values(account_id=account_id, kind=kind, year=year, last_seq=0)
        .on_conflict_do_nothing()
    )
    seq = await session.scalar(
        update(DocumentCounter)
        .where(
            DocumentCounter.account_id == account_id,
            DocumentCounter.kind == kind,
            DocumentCounter.year == year,
        )
        .values(last_seq=DocumentCounter.last_seq + 1)
        .returning(DocumentCounter.last_seq)
    )
    assert seq is not None
    return seq


# Reads that check the member in the same statement (see lokisi.db.reading).
_MEMBER_ACCOUNT = (
    select(Member.account_id)
    .where(Member.id == bindparam("member_id"), Member.account_id == bindparam("account_id"))
    .scalar_subquery()
)
_DOCUMENT_COLUMNS = [Document.__table__.c[name] for name in DocumentView.model_fields]
_DOCUMENT_OF_MEMBER = select(*_DOCUMENT_COLUMNS).where(
    Document.id == bindparam("document_id"), Document.account_id == _MEMBER_ACCOUNT
)
_LIVE_CLIENT = select(Client.id).where(
    Client.id == bindparam("client_id"),
    Client.account_id == _MEMBER_ACCOUNT,
    Client.deleted_at.is_(None),
)
_DOCUMENTS_OF_CLIENT = (
    select(*_DOCUMENT_COLUMNS)
    .where(Document.client_id == bindparam("client_id"), Document.account_id == _MEMBER_ACCOUNT)
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
            member = await load_actor(session, actor)
            account = await session.get_one(Account, member.account_id)
            chosen = resolve_kind(account, family, kind)
            # Locks the client: a concurrent deletion waits, then sees this document.
            await get_client_row(session, member.account_id, client_id, lock=True)
            now = utcnow()
            seq = await next_number(session, member.account_id, chosen, now.year)
            document = Document(
                account_id=member.account_id,
                client_id=client_id,
                kind=chosen,
                year=now.year,
                seq=seq,
                number=f"{chosen.prefix}-{now.year}-{seq:04d}",
                status=DocumentStatus.BROUILLON,
                created_by_id=member.id,
                created_by_name=member.name,
                created_at=now,
            )
            session.add(document)
            await session.flush()
            view = DocumentView.model_validate(document)
            audit.record(
                session,
                member,
                account_id=member.account_id,
                action="document.create",
                entity="document",
                entity_id=document.id,
                after=view.model_dump(mode="json"),
            )
            return view

    async def get(self, actor: MemberView, document_id: int) -> DocumentView:
        async with reading(self._sessions) as connection:
            row = None
            if storable(document_id):
                params = {**actor_params(actor), "document_id": document_id}
                row = (await connection.execute(_DOCUMENT_OF_MEMBER, params)).one_or_none()
            if row is None:
                await actor_role(connection, actor)
                raise NotFound("document", document_id)
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
        async with self._sessions.begin() as session:
            if manager_only:
                member = await load_manager(session, actor, f"document.{status.value}")
            else:
                member = await load_actor(session, actor)
            document = await _document(session, member.account_id, document_id, lock=True)
            before = DocumentView.model_validate(document)
            if not before.status.is_open or (
                status is DocumentStatus.EN_COURS and before.status is not DocumentStatus.BROUILLON
            ):
                raise DocumentAlreadyFinal(before)
            document.status = status
            if not status.is_open:
                document.closed_at = utcnow()
            await session.flush()
            view = DocumentView.model_validate(document)
            audit.record(
                session,
                member,
                account_id=member.account_id,
                action=f"document.{status.value}",
                entity="document",
                entity_id=document.id,
                before=before.model_dump(mode="json"),
                after=view.model_dump(mode="json"),
            )
            return view


async def _document(
    session: AsyncSession, account_id: int, document_id: int, *, lock: bool = False
) -> Document:
    if not storable(document_id):
        raise NotFound("document", document_id)
    query = select(Document).where(Document.id == document_id, Document.account_id == account_id)
    if lock:
        query = query.with_for_update()
    document = (await session.execute(query)).scalar_one_or_none()
    if document is None:
        raise NotFound("document", document_id)
    return document
