"""The card: a client with what it shows besides its fields (how many attachments and notes,
and the latest note), read in the one statement that checks the actor."""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import Row, Table, bindparam, func, select
from sqlalchemy.sql.elements import Label

from lokisi.db import SessionFactory, reading
from lokisi.models import Attachment, ClientNote
from lokisi.schemas import CardExtras, ClientCard, ClientView, MemberView, NoteView
from lokisi.services.actors import joined_to_actor, row_of_account
from lokisi.services.client_records import CLIENTS

_ATTACHMENTS = cast(Table, Attachment.__table__)
_NOTES = cast(Table, ClientNote.__table__)
_LATEST = _NOTES.alias("latest_note")

# Counted by index (client_id, id): a client has tens of them, not thousands.
_EXTRAS: list[Label[Any]] = [
    select(func.count())
    .where(_ATTACHMENTS.c.client_id == CLIENTS.c.id)
    .scalar_subquery()
    .label("attachment_count"),
    select(func.count())
    .where(_NOTES.c.client_id == CLIENTS.c.id)
    .scalar_subquery()
    .label("note_count"),
    *(_LATEST.c[name].label(f"note_{name}") for name in NoteView.model_fields),
]
_NEWEST_NOTE = select(func.max(_NOTES.c.id)).where(_NOTES.c.client_id == CLIENTS.c.id)


def _of_live_client(*columns: Any) -> Any:
    """`columns` and the extras of a live client of the actor's account (`row_of_account`)."""
    return joined_to_actor(
        select(*columns, *_EXTRAS)
        .select_from(CLIENTS)
        .outerjoin(_LATEST, _LATEST.c.id == _NEWEST_NOTE.scalar_subquery())
        .where(CLIENTS.c.id == bindparam("record_id"), CLIENTS.c.deleted_at.is_(None)),
        CLIENTS.c.account_id,
    )


_CARD = _of_live_client(*(CLIENTS.c[name] for name in ClientView.model_fields))
_EXTRAS_ONLY = _of_live_client()


def _extras(row: Row[Any]) -> CardExtras:
    values = row._mapping
    latest = None
    if values["note_id"] is not None:
        latest = NoteView.model_validate(
            {name: values[f"note_{name}"] for name in NoteView.model_fields}
        )
    return CardExtras(
        attachments=values["attachment_count"], notes=values["note_count"], latest_note=latest
    )


class CardService:
    def __init__(self, sessions: SessionFactory) -> None:
        self._sessions = sessions

    async def card(self, actor: MemberView, client_id: int) -> ClientCard:
        """A live client of the actor's account and its extras: one statement."""
        async with reading(self._sessions) as connection:
            row = await row_of_account(connection, _CARD, actor, "client", client_id)
            client = ClientView.model_validate(
                {name: row._mapping[name] for name in ClientView.model_fields}
            )
            return ClientCard(client=client, extras=_extras(row))

    async def extras(self, actor: MemberView, client_id: int) -> CardExtras:
        """The extras alone, for a card shown as a service call just left the client."""
        async with reading(self._sessions) as connection:
            return _extras(
                await row_of_account(connection, _EXTRAS_ONLY, actor, "client", client_id)
            )
