"""Notes: what members write about a client from the field, dated and signed, newest first.

They are a journal beside the client's "notes" field, which stays its standing remarks (an
access code, opening hours), edited with the form. Every member writes and reads them; their
author or a manager removes one. They follow the client into the Corbeille and back, and the
purge removes them with its personal data (lokisi.services.trash).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any, cast

from sqlalchemy import Table, bindparam, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from lokisi.db import SessionFactory, reading
from lokisi.models import ClientNote, utcnow
from lokisi.schemas import MemberView, NoteView, Page
from lokisi.services.actors import acting_member
from lokisi.services.client_records import WrittenRecords
from lokisi.validation import free_text

PAGE_SIZE = 5
# A note fits in one message with its author and date (Telegram: 4,096 characters).
MAX_LENGTH = 3500

_NOTES = cast(Table, ClientNote.__table__)
_COLUMNS = [_NOTES.c[name] for name in NoteView.model_fields]
_RECORDS = WrittenRecords(_NOTES, "note", _COLUMNS, PAGE_SIZE)
_INSERT = insert(_NOTES).returning(_NOTES.c.id)
_JOURNAL = (
    select(*_COLUMNS)
    .where(
        _NOTES.c.client_id.in_(bindparam("client_ids", expanding=True)),
        _NOTES.c.account_id == bindparam("account_id"),
    )
    .order_by(_NOTES.c.client_id, _NOTES.c.id.desc())
)


def note_snapshot(note: NoteView) -> dict[str, Any]:
    """A note as the audit trail keeps it: which one and whose, not its text, which goes with
    the note when it is removed or purged (the history shows it while it exists)."""
    return {"id": note.id, "client_id": note.client_id}


class NoteService:
    def __init__(self, sessions: SessionFactory) -> None:
        self._sessions = sessions

    async def add(
        self, actor: MemberView, client_id: int, text: str, *, once: str | None = None
    ) -> NoteView:
        """Write a note on a live client of the actor's account (InvalidInput "note" if it is
        blank or over MAX_LENGTH); AlreadyDone, naming the note, if the single-use token
        `once` (the message it came in) wrote one before."""
        checked = free_text("note", text, MAX_LENGTH)
        async with self._sessions.begin() as session:
            client, member = await _RECORDS.adding(session, actor, client_id, once)
            values = {
                "account_id": actor.account_id,
                "client_id": client_id,
                "text": checked,
                "author_member_id": member.id,
                "author_name": member.name,
                "created_at": utcnow(),
            }
            note_id = (await session.execute(_INSERT, values)).scalar_one()
            view = NoteView.model_validate({**values, "id": note_id})
            await _RECORDS.added(session, member, once, note_id, client, note_snapshot(view))
            return view

    async def page(
        self, actor: MemberView, client_id: int, *, before_id: int | None = None
    ) -> Page[NoteView]:
        """A live client's notes, newest first, PAGE_SIZE at a time."""
        async with reading(self._sessions) as connection:
            rows, more = await _RECORDS.page(connection, actor, client_id, before_id)
            notes = tuple(NoteView.model_validate(row._mapping) for row in rows)
            return Page(items=notes, has_previous=before_id is not None, has_next=more)

    async def get(self, actor: MemberView, note_id: int) -> NoteView:
        async with reading(self._sessions) as connection:
            return NoteView.model_validate(
                (await _RECORDS.one(connection, actor, note_id))._mapping
            )

    async def remove(self, actor: MemberView, note_id: int, *, once: str | None = None) -> NoteView:
        """Remove a note: its author or a manager; AlreadyDone if the single-use token `once`
        removed it before."""
        async with self._sessions.begin() as session:
            row, member = await _RECORDS.removing(session, actor, note_id, once)
            view = NoteView.model_validate(row._mapping)
            await _RECORDS.removed(session, member, note_id, row, note_snapshot(view))
            return view

    async def journal(
        self, actor: MemberView, client_ids: Iterable[int]
    ) -> dict[int, list[NoteView]]:
        """Managers: the notes of these clients of the actor's account, newest first, for the
        export."""
        async with reading(self._sessions) as connection:
            await acting_member(connection, actor, manager_for="client.export")
            params = {"client_ids": list(client_ids), "account_id": actor.account_id}
            notes: dict[int, list[NoteView]] = defaultdict(list)
            for row in await connection.execute(_JOURNAL, params):
                notes[row.client_id].append(NoteView.model_validate(row._mapping))
            return dict(notes)


async def drop_notes_of(session: AsyncSession, client_ids: Sequence[int]) -> None:
    """Remove every note of these clients (the purge of their personal data)."""
    await _RECORDS.drop_of(session, client_ids)
