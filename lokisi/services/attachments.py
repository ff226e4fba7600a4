"""Attachments: photos, albums, files, voice notes, videos, positions and forwarded messages that
members attach to a client from the chat. Only what names the files on Telegram is kept.

Every member of the account sees a client's attachments; their author or a manager removes
one. They follow the client into the Corbeille and back (reads need a live client), and the
purge removes them with its personal data (lokisi.services.trash).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, cast

from sqlalchemy import Row, Table, bindparam, insert, select
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from lokisi.attachments import validate_attachment
from lokisi.db import SessionFactory, reading
from lokisi.models import Attachment, AttachmentItem, utcnow
from lokisi.schemas import AttachmentItemView, AttachmentView, MemberView, Page
from lokisi.services.client_records import WrittenRecords

PAGE_SIZE = 6

_ATTACHMENTS = cast(Table, Attachment.__table__)
_ITEMS = cast(Table, AttachmentItem.__table__)
_COLUMNS = [_ATTACHMENTS.c[name] for name in AttachmentView.model_fields if name != "items"]
_ITEM_COLUMNS = [_ITEMS.c[name] for name in AttachmentItemView.model_fields]
# Their items go with them (ON DELETE CASCADE).
_RECORDS = WrittenRecords(_ATTACHMENTS, "attachment", _COLUMNS, PAGE_SIZE)

_INSERT = insert(_ATTACHMENTS).returning(_ATTACHMENTS.c.id)
_INSERT_ITEMS = insert(_ITEMS)
_ITEMS_OF = (
    select(_ITEMS.c.attachment_id, *_ITEM_COLUMNS)
    .where(_ITEMS.c.attachment_id.in_(bindparam("attachment_ids", expanding=True)))
    .order_by(_ITEMS.c.attachment_id, _ITEMS.c.position)
)


def attachment_snapshot(attachment: AttachmentView) -> dict[str, Any]:
    """An attachment as the audit trail keeps it: which one, whose, and the kinds of its items.
    Neither file ids nor captions: once removed or purged, nothing of it can be sent again."""
    return {
        "id": attachment.id,
        "client_id": attachment.client_id,
        "kinds": [item.kind.value for item in attachment.items],
    }


class AttachmentService:
    def __init__(self, sessions: SessionFactory) -> None:
        self._sessions = sessions

    async def add(
        self,
        actor: MemberView,
        client_id: int,
        items: Sequence[Mapping[str, Any]],
        *,
        caption: str | None = None,
        origin: str | None = None,
        once: str | None = None,
    ) -> AttachmentView:
        """Attach items sent together (an album is one attachment) to a live client of the
        actor's account; AlreadyDone, naming the attachment, if the single-use token `once`
        made one before."""
        attaching = validate_attachment(items, caption=caption, origin=origin)
        async with self._sessions.begin() as session:
            client, member = await _RECORDS.adding(session, actor, client_id, once)
            values = {
                "account_id": actor.account_id,
                "client_id": client_id,
                "author_member_id": member.id,
                "author_name": member.name,
                "caption": attaching.caption,
                "origin": attaching.origin,
                "created_at": utcnow(),
            }
            attachment_id = (await session.execute(_INSERT, values)).scalar_one()
            kept = [item.model_dump() for item in attaching.items]
            await session.execute(
                _INSERT_ITEMS,
                [
                    {
                        **item,
                        "attachment_id": attachment_id,
                        "position": position,
                        "account_id": actor.account_id,
                    }
                    for position, item in enumerate(kept)
                ],
            )
            view = AttachmentView.model_validate({**values, "id": attachment_id, "items": kept})
            snapshot = attachment_snapshot(view)
            await _RECORDS.added(session, member, once, attachment_id, client, snapshot)
            return view

    async def page(
        self, actor: MemberView, client_id: int, *, before_id: int | None = None
    ) -> Page[AttachmentView]:
        """A live client's attachments, newest first, PAGE_SIZE at a time (`before_id`: the
        last of the page before)."""
        async with reading(self._sessions) as connection:
            rows, more = await _RECORDS.page(connection, actor, client_id, before_id)
            views = await _with_items(connection, rows)
            return Page(items=tuple(views), has_previous=before_id is not None, has_next=more)

    async def get(self, actor: MemberView, attachment_id: int) -> AttachmentView:
        """One attachment of a live client of the actor's account, with its items."""
        async with reading(self._sessions) as connection:
            row = await _RECORDS.one(connection, actor, attachment_id)
            [view] = await _with_items(connection, [row])
            return view

    async def remove(
        self, actor: MemberView, attachment_id: int, *, once: str | None = None
    ) -> AttachmentView:
        """Remove an attachment: its author or a manager; AlreadyDone if the single-use token
        `once` removed it before."""
        async with self._sessions.begin() as session:
            row, member = await _RECORDS.removing(session, actor, attachment_id, once)
            [view] = await _with_items(session, [row])
            snapshot = attachment_snapshot(view)
            await _RECORDS.removed(session, member, attachment_id, row, snapshot)
            return view


async def _with_items(
    executor: AsyncConnection | AsyncSession, rows: Iterable[Row[Any]]
) -> list[AttachmentView]:
    """The attachments of `rows` with their items, in one statement."""
    rows = list(rows)
    if not rows:
        return []
    found = await executor.execute(_ITEMS_OF, {"attachment_ids": [row.id for row in rows]})
    items: dict[int, list[AttachmentItemView]] = defaultdict(list)
    for item in found:
        items[item.attachment_id].append(AttachmentItemView.model_validate(item._mapping))
    return [
        AttachmentView.model_validate(
            {
                **{column.name: row._mapping[column.name] for column in _COLUMNS},
                "items": tuple(items[row.id]),
            }
        )
        for row in rows
    ]


async def drop_attachments_of(session: AsyncSession, client_ids: Sequence[int]) -> None:
    """Remove every attachment of these clients, items included (the purge of their personal
    data)."""
    await _RECORDS.drop_of(session, client_ids)
