"""The "Corbeille": deleted clients stay restorable for 30 days, with their attachments and
notes, then their personal data is purged, attachments and notes included. Their documents
stay (numbers are never reused) and the audit keeps the snapshot."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import Table, bindparam, func, select, update

from lokisi.db import SessionFactory, reading
from lokisi.errors import NotFound
from lokisi.fields import PERSONAL_FIELDS
from lokisi.ids import storable
from lokisi.models import Client, utcnow
from lokisi.schemas import ClientView, DeletedClient, MemberView
from lokisi.services import audit
from lokisi.services.actors import acting_member
from lokisi.services.attachments import drop_attachments_of
from lokisi.services.audit import client_snapshot
from lokisi.services.clients import ROW_COLUMNS, write_terms
from lokisi.services.notes import drop_notes_of
from lokisi.services.once import claim_token, forget_tokens

RETENTION = timedelta(days=30)
TRASH_PAGE = 30

_CLIENTS = cast(Table, Client.__table__)
_IN_TRASH = (
    select(*(_CLIENTS.c[name] for name in DeletedClient.model_fields))
    .where(
        _CLIENTS.c.account_id == bindparam("account_id"),
        _CLIENTS.c.deleted_at > bindparam("deleted_since"),
    )
    .order_by(_CLIENTS.c.deleted_at.desc(), _CLIENTS.c.id.desc())
    .limit(TRASH_PAGE)
)
# Bound under names of their own: an UPDATE would SET the columns that parameters are named after.
_RESTORE = (
    update(_CLIENTS)
    .where(
        _CLIENTS.c.id == bindparam("restored_id"),
        _CLIENTS.c.account_id == bindparam("of_account"),
        _CLIENTS.c.deleted_at > bindparam("deleted_since"),
    )
    .values(deleted_at=None, version=_CLIENTS.c.version + 1, updated_at=bindparam("restored_at"))
    .returning(*ROW_COLUMNS)
)
# A purged client keeps only its code, in place of its name.
_EXPIRED = (
    select(*ROW_COLUMNS)
    .where(
        _CLIENTS.c.deleted_at <= bindparam("deleted_before"),
        _CLIENTS.c.name != _CLIENTS.c.code,
    )
    .with_for_update()
)
# Every personal field erased; the name, which every client has, becomes the code.
_ERASED: dict[str, Any] = {
    **dict.fromkeys(PERSONAL_FIELDS),
    "name_key": None,
    "name": _CLIENTS.c.code,
    "sort_name": func.lower(_CLIENTS.c.code),
}
_ERASE = (
    update(_CLIENTS)
    .where(_CLIENTS.c.id.in_(bindparam("erased_ids", expanding=True)))
    .values(_ERASED)
)


class TrashService:
    def __init__(self, sessions: SessionFactory) -> None:
        self._sessions = sessions

    async def contents(self, actor: MemberView) -> list[DeletedClient]:
        """Clients deleted less than 30 days ago, most recently deleted first (managers)."""
        async with reading(self._sessions) as connection:
            await acting_member(connection, actor, manager_for="client.trash")
            params = {"account_id": actor.account_id, "deleted_since": utcnow() - RETENTION}
            rows = await connection.execute(_IN_TRASH, params)
            return [DeletedClient.model_validate(row._mapping) for row in rows]

    async def restore(
        self, actor: MemberView, client_id: int, *, once: str | None = None
    ) -> ClientView:
        """Bring a deleted client back, searchable again, with its documents, attachments and
        notes; AlreadyDone if the single-use token `once` restored it before."""
        async with self._sessions.begin() as session:
            member = await acting_member(session, actor, manager_for="client.restore")
            if not storable(client_id):
                raise NotFound("client", client_id)
            await claim_token(
                session, actor.account_id, once, "client.restore", "client", client_id
            )
            now = utcnow()
            params = {
                "restored_id": client_id,
                "of_account": actor.account_id,
                "deleted_since": now - RETENTION,
                "restored_at": now,
            }
            restored = (await session.execute(_RESTORE, params)).one_or_none()
            if restored is None:
                raise NotFound("client", client_id)
            await write_terms(session, restored)
            view = ClientView.model_validate(restored._mapping)
            await audit.write(
                session, member, "client.restore", client_id, after=client_snapshot(view)
            )
            return view

    async def purge_expired(self, now: datetime | None = None) -> int:
        """Erase the personal data of clients deleted more than 30 days ago (their attachments
        and notes go), and forget the single-use tokens of more than 30 days; returns how many
        clients were purged."""
        moment = now or utcnow()
        async with self._sessions.begin() as session:
            rows = (await session.execute(_EXPIRED, {"deleted_before": moment - RETENTION})).all()
            for row in rows:
                await audit.write(
                    session,
                    None,
                    "client.purge",
                    row.id,
                    account_id=row.account_id,
                    before=client_snapshot(ClientView.model_validate(row._mapping)),
                )
            if rows:
                erased = [row.id for row in rows]
                await session.execute(_ERASE, {"erased_ids": erased})
                await drop_attachments_of(session, erased)
                await drop_notes_of(session, erased)
            await forget_tokens(session, moment)
            return len(rows)
