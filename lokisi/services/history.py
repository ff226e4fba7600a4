"""A client's history: its life as the audit trail tells it (the client's own events, and
those of its documents, attachments and notes), newest first, for members of its account."""

from __future__ import annotations

from typing import cast

from sqlalchemy import Table, and_, bindparam, func, select

from lokisi.db import SessionFactory, reading
from lokisi.models import Attachment, AuditEvent, ClientNote
from lokisi.schemas import HistoryEntry, MemberView, Page
from lokisi.services.client_records import live_client, newest_first, page_of

PAGE_SIZE = 10
# What the history shows of a note or a caption: the beginning, on a line.
DETAIL_LENGTH = 120

_EVENTS = cast(Table, AuditEvent.__table__)
_NOTES = cast(Table, ClientNote.__table__)
_ATTACHMENTS = cast(Table, Attachment.__table__)

# A note's text and a caption are not in the trail (they go with the record): they are read
# from the records that still exist.
_DETAIL = func.substr(func.coalesce(_NOTES.c.text, _ATTACHMENTS.c.caption), 1, DETAIL_LENGTH)
_PAGE = newest_first(
    select(
        *(_EVENTS.c[name] for name in HistoryEntry.model_fields if name != "detail"),
        _DETAIL.label("detail"),
    )
    .select_from(
        _EVENTS.outerjoin(
            _NOTES, and_(_EVENTS.c.entity == "note", _NOTES.c.id == _EVENTS.c.entity_id)
        ).outerjoin(
            _ATTACHMENTS,
            and_(_EVENTS.c.entity == "attachment", _ATTACHMENTS.c.id == _EVENTS.c.entity_id),
        )
    )
    .where(
        _EVENTS.c.client_id == bindparam("client_id"),
        _EVENTS.c.account_id == bindparam("account_id"),
    ),
    _EVENTS.c.id,
    PAGE_SIZE,
)


class HistoryService:
    def __init__(self, sessions: SessionFactory) -> None:
        self._sessions = sessions

    async def page(
        self, actor: MemberView, client_id: int, *, before_id: int | None = None
    ) -> Page[HistoryEntry]:
        """The events of a live client of the actor's account, newest first, PAGE_SIZE at a
        time (`before_id`: the last event already shown)."""
        async with reading(self._sessions) as connection:
            await live_client(connection, actor, client_id)
            params = {"client_id": client_id, "account_id": actor.account_id}
            rows, more = await page_of(connection, _PAGE, params, before_id, PAGE_SIZE)
            entries = tuple(HistoryEntry.model_validate(row._mapping) for row in rows)
            return Page(items=entries, has_previous=before_id is not None, has_next=more)
