"""The "Corbeille": deleted clients stay restorable for 30 days, then their personal data
is purged. Their documents stay (numbers are never reused) and the audit keeps the snapshot."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select

from lokisi.db import SessionFactory
from lokisi.errors import NotFound
from lokisi.models import Client, utcnow
from lokisi.schemas import ClientView, DeletedClient, MemberView
from lokisi.services import audit
from lokisi.services.actors import acting_member
from lokisi.services.clients import client_snapshot, write_terms

RETENTION = timedelta(days=30)
TRASH_PAGE = 30
_PURGED_FIELDS = (
    "contact_name",
    "phone",
    "mobile",
    "email",
    "siret",
    "vat_number",
    "address_line1",
    "address_line2",
    "postal_code",
    "city",
    "latitude",
    "longitude",
    "notes",
)


class TrashService:
    def __init__(self, sessions: SessionFactory) -> None:
        self._sessions = sessions

    async def contents(self, actor: MemberView) -> list[DeletedClient]:
        """Clients deleted less than 30 days ago, most recently deleted first (managers)."""
        async with self._sessions.begin() as session:
            await acting_member(session, actor, manager_for="client.trash")
            rows = await session.scalars(
                select(Client)
                .where(
                    Client.account_id == actor.account_id,
                    Client.deleted_at > utcnow() - RETENTION,
                )
                .order_by(Client.deleted_at.desc(), Client.id.desc())
                .limit(TRASH_PAGE)
            )
            return [DeletedClient.model_validate(c) for c in rows]

    async def restore(self, actor: MemberView, client_id: int) -> ClientView:
        """Bring a deleted client back, searchable again, with its documents."""
        async with self._sessions.begin() as session:
            member = await acting_member(session, actor, manager_for="client.restore")
            client = (
                await session.execute(
                    select(Client)
                    .where(
                        Client.id == client_id,
                        Client.account_id == actor.account_id,
                        Client.deleted_at > utcnow() - RETENTION,
                    )
                    .with_for_update()
                )
            ).scalar_one_or_none()
            if client is None:
                raise NotFound("client", client_id)
            client.deleted_at = None
            client.version += 1
            client.updated_at = utcnow()
            await session.flush()
            await write_terms(session, client)
            view = ClientView.model_validate(client)
            await audit.write(
                session,
                member,
                account_id=actor.account_id,
                action="client.restore",
                entity="client",
                entity_id=client.id,
                after=view.model_dump(mode="json"),
            )
            return view

    async def purge_expired(self, now: datetime | None = None) -> int:
        """Erase the personal data of clients deleted more than 30 days ago; returns how many."""
        limit = (now or utcnow()) - RETENTION
        async with self._sessions.begin() as session:
            # A purged client keeps only its code, in place of its name.
            rows = await session.scalars(
                select(Client)
                .where(Client.deleted_at <= limit, Client.name != Client.code)
                .with_for_update()
            )
            purged = 0
            for client in rows:
                before = client_snapshot(client)
                for field in _PURGED_FIELDS:
                    setattr(client, field, None)
                client.name = client.code
                client.sort_name = client.code.lower()
                await audit.write(
                    session,
                    None,
                    account_id=client.account_id,
                    action="client.purge",
                    entity="client",
                    entity_id=client.id,
                    before=before,
                )
                purged += 1
            return purged
