"""Two companies side by side, and ways to tell whether anything of one of them changed or
reached the other."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from lokisi.enums import DocumentFamily
from lokisi.models import Account, Base
from lokisi.schemas import AttachmentView, ClientView, DocumentView, MemberView, NoteView
from lokisi.services import Services
from tests.factories import photo, private_person, professional
from tests.support.recording_request import RecordedCall

Snapshot = dict[str, list[tuple[str, ...]]]


async def snapshot(engine: AsyncEngine, account_id: int) -> Snapshot:
    """Every row the account owns, in every table, as text: equal snapshots, same data."""
    taken: Snapshot = {}
    async with engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            if table.name == Account.__tablename__:
                owned = table.c.id == account_id
            elif "account_id" in table.c:
                owned = table.c.account_id == account_id
            else:
                continue
            rows = await connection.execute(select(table).where(owned))
            taken[table.name] = sorted(tuple(map(str, row)) for row in rows)
    return taken


@dataclass(frozen=True)
class Company:
    """One account's manager and records: a live client with a document in progress, an
    attachment and a note, and a client in the Corbeille."""

    manager: MemberView
    client: ClientView
    document: DocumentView
    deleted: ClientView
    attachment: AttachmentView
    note: NoteView

    @property
    def secrets(self) -> list[str]:
        """What must never appear in a message to anyone of another account."""
        return [
            self.client.name,
            self.client.code,
            self.deleted.name,
            self.deleted.code,
            self.document.number,
            self.manager.name,
            str(self.attachment.caption),
            str(self.attachment.items[0].file_id),
            self.note.text,
        ]


async def furnish(
    services: Services, manager: MemberView, names: tuple[str, str], family: DocumentFamily
) -> Company:
    client = await services.clients.create(manager, professional(name=names[0]))
    document = await services.documents.create(manager, client.id, family)
    deleted = await services.clients.create(manager, private_person(name=names[1]))
    await services.clients.delete(manager, deleted.id)
    attachment = await services.attachments.add(
        manager, client.id, [photo(client.id)], caption=f"Plan de {names[0]}"
    )
    note = await services.notes.add(manager, client.id, f"Code d'accès de {names[0]}")
    return Company(manager, client, document, deleted, attachment, note)


def leaks(calls: Iterable[RecordedCall], secrets: Iterable[str]) -> list[str]:
    """The secrets found in the parameters of these Bot API calls."""
    sent = json.dumps([call.params for call in calls], ensure_ascii=False, default=str)
    return [secret for secret in secrets if secret in sent]
