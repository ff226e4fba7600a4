"""Documents of a client: created per the account configuration, numbered without gaps."""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from lokisi.db import SessionFactory
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
from lokisi.models import Account, Document, DocumentCounter, utcnow
from lokisi.schemas import DocumentView, MemberView
from lokisi.services import audit
from lokisi.services.actors import load_actor, load_manager
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
        async with self._sessions.begin() as session:
            member = await load_actor(session, actor)
            return DocumentView.model_validate(
                await _document(session, member.account_id, document_id)
            )

    async def list_for_client(self, actor: MemberView, client_id: int) -> list[DocumentView]:
        """The client's documents, newest first."""
        async with self._sessions.begin() as session:
            member = await load_actor(session, actor)
            await get_client_row(session, member.account_id, client_id)
            rows = await session.scalars(
                select(Document)
                .where(Document.client_id == client_id, Document.account_id == member.account_id)
                .order_by(Document.created_at.desc(), Document.id.desc())
            )
            return [DocumentView.model_validate(d) for d in rows]

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
