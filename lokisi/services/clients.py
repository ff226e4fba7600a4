"""Clients: create, read, update with optimistic locking, search, delete, the nearest ones,
and export."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable, Mapping, Sequence
from typing import Any, cast

from sqlalchemy import (
    ColumnElement,
    Select,
    Table,
    bindparam,
    delete,
    func,
    insert,
    or_,
    select,
    tuple_,
    update,
)
from sqlalchemy.engine import Row
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from lokisi.db import SessionFactory, reading
from lokisi.duplicates import name_key
from lokisi.enums import DocumentStatus
from lokisi.errors import ClientChangedMeanwhile, ClientHasOpenDocuments, NotFound
from lokisi.geo import Box, bounding_box, haversine_m
from lokisi.ids import storable
from lokisi.lookups import Geocoder
from lokisi.models import Account, Client, ClientTerm, Document, utcnow
from lokisi.schemas import (
    ClientSummary,
    ClientView,
    DeleteOutcome,
    DocumentView,
    MemberView,
    NearbyClient,
    Page,
)
from lokisi.search_terms import query_prefixes, sort_key, terms_of
from lokisi.services import audit
from lokisi.services import search as search_index
from lokisi.services.actors import ActingMember, acting_member, joined_to_actor, row_of_account
from lokisi.services.audit import client_snapshot
from lokisi.services.closest import closest as closest_spellings
from lokisi.services.documents import move as move_document
from lokisi.services.duplicates import refuse_duplicates
from lokisi.services.once import claim_token, record_effect, refuse_used_token
from lokisi.services.placing import has_address, with_position
from lokisi.validation import ClientInput, validate_client

PAGE_SIZE = 8
# Lists count their clients up to this many (10 pages: on a phone, one refines a search rather
# than page further), so that "page 2/7" costs little: counting a search's 400 matches cost
# up to 60 ms at 100,000 clients, far more than the page itself (and searches of several
# words are not counted at all: lokisi.services.search.counted).
COUNT_CAP = 80
EXPORT_BATCH = 500
# Nearest clients: boxes this wide (in metres) are tried in turn before the whole account.
NEARBY_RADII_M = (1_000.0, 5_000.0, 25_000.0, 125_000.0, 625_000.0)


# A live client of the account of a member who still belongs to it (see `get`).
_CLIENT_OF_MEMBER = joined_to_actor(
    select(*(Client.__table__.c[name] for name in ClientView.model_fields)).where(
        Client.id == bindparam("record_id"), Client.deleted_at.is_(None)
    ),
    Client.account_id,
)

# What saving a client needs of its row: the view, and what its search terms are made of.
_CLIENTS = cast(Table, Client.__table__)
_TERMS = cast(Table, ClientTerm.__table__)
_DOCUMENTS = cast(Table, Document.__table__)
ROW_COLUMNS = [_CLIENTS.c[name] for name in ClientView.model_fields] + [
    _CLIENTS.c.number,
    _CLIENTS.c.sort_name,
]
_LIVE_ROW = select(*ROW_COLUMNS).where(
    _CLIENTS.c.id == bindparam("client_id"),
    _CLIENTS.c.account_id == bindparam("account_id"),
    _CLIENTS.c.deleted_at.is_(None),
)
# Saving from a version: every column of the form is set from parameters of the same name.
_SAVE = (
    update(_CLIENTS)
    .where(
        _CLIENTS.c.id == bindparam("client_id"),
        _CLIENTS.c.version == bindparam("expected_version"),
    )
    .values(version=_CLIENTS.c.version + 1)
    .returning(*ROW_COLUMNS)
)
_NEXT_CLIENT_NUMBER = (
    update(cast(Table, Account.__table__))
    .where(Account.id == bindparam("account_id"))
    .values(client_seq=Account.client_seq + 1)
    .returning(Account.client_seq)
)
_CREATE = insert(_CLIENTS).returning(*ROW_COLUMNS)
# Deleting: the row lock orders it against a document being created for the client.
_LOCKED_LIVE_ROW = _LIVE_ROW.with_for_update()
_OPEN_DOCUMENTS = (
    select(*(_DOCUMENTS.c[name] for name in DocumentView.model_fields))
    .where(
        _DOCUMENTS.c.client_id == bindparam("client_id"),
        _DOCUMENTS.c.status.in_([status for status in DocumentStatus if status.is_open]),
    )
    .order_by(_DOCUMENTS.c.created_at, _DOCUMENTS.c.id)
)
_MARK_DELETED = (
    update(_CLIENTS)
    .where(_CLIENTS.c.id == bindparam("deleted_id"))
    .values(deleted_at=bindparam("deleted_when"))
)
_DROP_TERMS = delete(_TERMS).where(_TERMS.c.client_id == bindparam("client_id"))
_INSERT_TERMS = insert(_TERMS)


async def write_terms(session: AsyncSession, client: Row[Any]) -> None:
    """Store the words the client is found by (its row of ROW_COLUMNS), in place of those
    it had."""
    # On the table, not the mapped class: plain statements, without the ORM's bulk machinery.
    await session.execute(_DROP_TERMS, {"client_id": client.id})
    await session.execute(
        _INSERT_TERMS,
        [
            {
                "client_id": client.id,
                "term": term,
                "account_id": client.account_id,
                "sort_name": client.sort_name,
            }
            for term in sorted(terms_of(client._mapping))
        ],
    )


def _columns(data: ClientInput) -> dict[str, Any]:
    values = data.model_dump()
    values["sort_name"] = sort_key(data.name)
    values["name_key"] = name_key(data.name)
    return values


class ClientService:
    def __init__(self, sessions: SessionFactory, geocoder: Geocoder | None = None) -> None:
        self._sessions = sessions
        self._geocoder = geocoder

    async def create(
        self,
        actor: MemberView,
        data: Mapping[str, Any],
        *,
        once: str | None = None,
        allow_duplicate: bool = False,
        place: bool = True,
    ) -> ClientView:
        """Validate and save a new client with the account's next code (CLI-000001...);
        AlreadyDone, naming the client, if the single-use token `once` made one before.
        SiretTaken if the account has its SIRET; LooksLikeDuplicate, unless
        `allow_duplicate`, if it looks like clients of the account. With `place`, an address
        without a position is placed on the map (lokisi.services.placing.with_position)."""
        valid = validate_client(data)
        if place:
            valid = await with_position(self._geocoder, valid, None)
        if not allow_duplicate:
            await self._refuse_duplicates_before_writing(actor, valid, None, once)
        # Plain statements, as for a save: ORM objects and their flush cost more than the SQL.
        async with self._sessions.begin() as session:
            member = await acting_member(session, actor)
            await claim_token(session, actor.account_id, once, "client.create", "client")
            number = (
                await session.execute(_NEXT_CLIENT_NUMBER, {"account_id": actor.account_id})
            ).scalar_one()
            # After the account's row is locked by the number: two creations of the same
            # client one after the other, and the second sees the first.
            await refuse_duplicates(
                session, actor.account_id, valid, allow_duplicate=allow_duplicate, close=False
            )
            now = utcnow()
            created = (
                await session.execute(
                    _CREATE,
                    {
                        **_columns(valid),
                        "account_id": actor.account_id,
                        "number": number,
                        "code": f"CLI-{number:06d}",
                        "version": 1,
                        "created_at": now,
                        "updated_at": now,
                    },
                )
            ).one()
            await write_terms(session, created)
            view = ClientView.model_validate(created._mapping)
            await record_effect(session, actor.account_id, once, view.id)
            await audit.write(
                session, member, "client.create", view.id, after=client_snapshot(view)
            )
            return view

    async def _refuse_duplicates_before_writing(
        self, actor: MemberView, valid: ClientInput, client_id: int | None, once: str | None
    ) -> None:
        """The duplicate check with close spellings, before a save's write transaction (see
        lokisi.services.duplicates): a member only, and they learn nothing of a client
        that is not live in their account. A save already made with the token `once` is
        AlreadyDone, not a duplicate of itself."""
        async with reading(self._sessions) as connection:
            await acting_member(connection, actor)
            await refuse_used_token(connection, actor.account_id, once)
            before = None
            if client_id is not None:
                try:
                    before = await _live_row(connection, _LIVE_ROW, actor.account_id, client_id)
                except NotFound:
                    # The write transaction says so, as it would without this check.
                    return
            await refuse_duplicates(connection, actor.account_id, valid, before=before)

    async def get(self, actor: MemberView, client_id: int) -> ClientView:
        async with reading(self._sessions) as connection:
            # The member's check and the client in one statement: the busiest read.
            row = await row_of_account(connection, _CLIENT_OF_MEMBER, actor, "client", client_id)
            return ClientView.model_validate(row._mapping)

    async def update(
        self,
        actor: MemberView,
        client_id: int,
        data: Mapping[str, Any],
        *,
        expected_version: int,
        allow_duplicate: bool = False,
        place: bool = True,
        once: str | None = None,
    ) -> ClientView:
        """Save changes made from `expected_version`; refused if anyone saved since, and, for
        what changes, as a creation is (SiretTaken, LooksLikeDuplicate, `place`). AlreadyDone
        if the single-use token `once` saved them before."""
        valid = validate_client(data)
        if place and self._geocoder is not None and has_address(valid):
            valid = await with_position(self._geocoder, valid, await self.get(actor, client_id))
        if not allow_duplicate:
            await self._refuse_duplicates_before_writing(actor, valid, client_id, once)
        async with self._sessions.begin() as session:
            member = await acting_member(session, actor)
            # Plain statements on rows: this runs on every "Enregistrer", and ORM objects,
            # their refresh and flush cost more than the SQL.
            current = await _live_row(session, _LIVE_ROW, actor.account_id, client_id)
            await claim_token(session, actor.account_id, once, "client.update", "client", client_id)
            await refuse_duplicates(
                session,
                actor.account_id,
                valid,
                before=current,
                allow_duplicate=allow_duplicate,
                close=False,
            )
            changes = {**_columns(valid), "updated_at": utcnow()}
            saved = (
                await session.execute(
                    _SAVE, {**changes, "client_id": client_id, "expected_version": expected_version}
                )
            ).one_or_none()
            if saved is None:
                # Read again: on PostgreSQL the update waited for the other save to commit,
                # and the user is shown that version, to reload or overwrite.
                where = {"client_id": client_id, "account_id": actor.account_id}
                latest = (await session.execute(_LIVE_ROW, where)).one_or_none() or current
                raise ClientChangedMeanwhile(ClientView.model_validate(latest._mapping))
            await write_terms(session, saved)
            view = ClientView.model_validate(saved._mapping)
            await audit.write(
                session,
                member,
                "client.update",
                client_id,
                before=client_snapshot(ClientView.model_validate(current._mapping)),
                after=client_snapshot(view),
            )
            return view

    async def search(
        self,
        actor: MemberView,
        query: str,
        *,
        after_id: int | None = None,
        before_id: int | None = None,
        limit: int = PAGE_SIZE,
        count: bool = False,
        closest: bool = False,
    ) -> Page[ClientSummary]:
        """Clients with a word starting with each word of the query, in name order; with
        `count`, how many in all (up to COUNT_CAP), where counting is cheap (see
        lokisi.services.search.counted). With `closest`, a first page that finds
        nothing holds instead the clients under the nearest spellings of the query's
        misspelt words, best first (see lokisi.services.closest), and says so."""
        prefixes = query_prefixes(query)
        async with reading(self._sessions) as connection:
            if not prefixes:
                await acting_member(connection, actor)
                return Page(items=(), has_previous=False, has_next=False, total=0)
            found, total = None, None
            counted = None
            if count:
                # One walk from the start counts, and gives the page when it lies within;
                # where counting costs more than a page, the search is not counted.
                counted = await search_index.counted(
                    connection, actor.account_id, prefixes, cap=COUNT_CAP, member_id=actor.id
                )
            if counted is not None:
                total = len(counted.ids) + counted.has_next
                found = counted.page(after_id=after_id, before_id=before_id, limit=limit)
            if found is None:
                found = await search_index.matching(
                    connection,
                    actor.account_id,
                    prefixes,
                    after_id=after_id,
                    before_id=before_id,
                    limit=limit,
                    # The search's first statement checks the actor.
                    member_id=None if counted is not None else actor.id,
                )
            if count and total is None and not (found.has_previous or found.has_next):
                total = len(found.ids)  # Not counted, but one page holds them all.
            first_page = after_id is None and before_id is None
            if closest and first_page and not found.ids:
                ids = await closest_spellings(
                    connection, actor.account_id, prefixes, found.unknown, limit
                )
                items = await _summaries(connection, actor.account_id, ids)
                return Page(items=tuple(items), has_previous=False, has_next=False, closest=True)
            items = await _summaries(connection, actor.account_id, list(found.ids))
            return Page(
                items=tuple(items),
                has_previous=found.has_previous,
                has_next=found.has_next,
                total=total,
            )

    async def list_page(
        self,
        actor: MemberView,
        *,
        after_id: int | None = None,
        before_id: int | None = None,
        limit: int = PAGE_SIZE,
        count: bool = False,
    ) -> Page[ClientSummary]:
        """All live clients of the account, in name order; with `count`, how many in all
        (up to COUNT_CAP)."""
        async with reading(self._sessions) as connection:
            await acting_member(connection, actor)
            live = (Client.account_id == actor.account_id, Client.deleted_at.is_(None))
            stmt = select(Client.sort_name, Client.id).where(*live)
            page = await _page(
                connection,
                actor.account_id,
                stmt,
                (Client.sort_name, Client.id),
                after_id,
                before_id,
                limit,
            )
            if not count:
                return page
            counted = select(Client.id).where(*live).limit(COUNT_CAP + 1).subquery()
            total = await connection.scalar(select(func.count()).select_from(counted))
            return page.model_copy(update={"total": total})

    async def summaries(self, actor: MemberView, client_ids: Iterable[int]) -> list[ClientSummary]:
        """The named live clients of the actor's account, in name order (others are left out)."""
        async with reading(self._sessions) as connection:
            await acting_member(connection, actor)
            return await _summaries(connection, actor.account_id, list(client_ids), sort=True)

    async def details(self, actor: MemberView, client_ids: Iterable[int]) -> list[ClientView]:
        """The full records of the named live clients of the actor's account, in the order
        given (others are left out)."""
        async with reading(self._sessions) as connection:
            await acting_member(connection, actor)
            return await _views(connection, actor.account_id, list(client_ids))

    async def nearest(
        self, actor: MemberView, latitude: float, longitude: float, limit: int = PAGE_SIZE
    ) -> list[NearbyClient]:
        """The live clients with a position nearest to a point, nearest first.

        An index on (account, latitude) answers a small box around the point; the box widens
        until it holds `limit` clients within its radius, so that a client outside it can
        never be nearer than those found.
        """
        async with reading(self._sessions) as connection:
            await acting_member(connection, actor)
            positioned = select(Client.id, Client.latitude, Client.longitude).where(
                Client.account_id == actor.account_id,
                Client.deleted_at.is_(None),
                Client.latitude.is_not(None),
                Client.longitude.is_not(None),
            )
            nearest: list[tuple[float, int]] = []
            for radius in (*NEARBY_RADII_M, None):
                box = [] if radius is None else _inside(bounding_box(latitude, longitude, radius))
                # Only clients with both coordinates are selected.
                rows = cast(
                    list[tuple[int, float, float]],
                    (await connection.execute(positioned.where(*box))).all(),
                )
                found = sorted(
                    (haversine_m(latitude, longitude, lat, lon), client_id)
                    for client_id, lat, lon in rows
                )
                nearest = [f for f in found if radius is None or f[0] <= radius][:limit]
                if len(nearest) == limit:
                    break
            distances = {client_id: distance for distance, client_id in nearest}
            summaries = await _summaries(connection, actor.account_id, list(distances))
            return [NearbyClient(client=s, distance_m=distances[s.id]) for s in summaries]

    async def export(
        self, actor: MemberView, query: str | None = None, *, batch: int = EXPORT_BATCH
    ) -> AsyncIterator[list[ClientView]]:
        """Managers: every live client of the account (or of a search), in name order,
        `batch` at a time; each batch is its own short transaction, so that a large account
        never sits in memory at once."""
        after_id = None
        while True:
            if query is None:
                page = await self.list_page(actor, after_id=after_id, limit=batch)
            else:
                page = await self.search(actor, query, after_id=after_id, limit=batch)
            async with reading(self._sessions) as connection:
                await acting_member(connection, actor, manager_for="client.export")
                views = await _views(connection, actor.account_id, [c.id for c in page.items])
            if views:
                yield views
            if not page.has_next or not page.items:
                return
            after_id = page.items[-1].id

    async def delete(
        self,
        actor: MemberView,
        client_id: int,
        *,
        once: str | None = None,
        closing_documents: bool = False,
    ) -> ClientView:
        """Delete a client, unless documents are still in progress (then close them first,
        or pass `closing_documents` to close them in the same transaction: all or nothing);
        AlreadyDone if the single-use token `once` deleted it before."""
        async with self._sessions.begin() as session:
            member = await acting_member(session, actor, manager_for="client.delete")
            if not storable(client_id):
                raise NotFound("client", client_id)
            await claim_token(session, actor.account_id, once, "client.delete", "client", client_id)
            deleted = await _delete_one(session, member, client_id, closing_documents)
            # Shown again if the same "Oui" comes again: the client can no longer be read.
            await record_effect(
                session, actor.account_id, once, client_id, deleted.model_dump(mode="json")
            )
            return deleted

    async def delete_many(
        self, actor: MemberView, client_ids: Sequence[int], *, once: str | None = None
    ) -> list[DeleteOutcome]:
        """Delete what may be deleted; say, client by client, what was refused and why.
        AlreadyDone if the single-use token `once` made this deletion before."""
        outcomes = []
        async with self._sessions.begin() as session:
            member = await acting_member(session, actor, manager_for="client.delete")
            await claim_token(session, actor.account_id, once, "client.delete_many", "client")
            for client_id in dict.fromkeys(client_ids):
                try:
                    view = await _delete_one(session, member, client_id)
                except NotFound:
                    outcomes.append(
                        DeleteOutcome(
                            client_id=client_id, code=None, name=None, deleted=False, not_found=True
                        )
                    )
                except ClientHasOpenDocuments as refused:
                    outcomes.append(
                        DeleteOutcome(
                            client_id=client_id,
                            code=refused.client.code,
                            name=refused.client.name,
                            deleted=False,
                            open_documents=refused.documents,
                        )
                    )
                else:
                    outcomes.append(
                        DeleteOutcome(
                            client_id=client_id, code=view.code, name=view.name, deleted=True
                        )
                    )
            summary = [outcome.model_dump(mode="json") for outcome in outcomes]
            await record_effect(session, actor.account_id, once, None, summary)
        return outcomes


async def _live_row(
    session: AsyncSession | AsyncConnection, statement: Select[Any], account_id: int, client_id: int
) -> Row[Any]:
    """The live client's row `statement` (`_LIVE_ROW` or its locked form) reads, or
    NotFound (another account's looks the same)."""
    row = None
    if storable(client_id):
        where = {"client_id": client_id, "account_id": account_id}
        row = (await session.execute(statement, where)).one_or_none()
    if row is None:
        raise NotFound("client", client_id)
    return row


async def _delete_one(
    session: AsyncSession, member: ActingMember, client_id: int, closing_documents: bool = False
) -> ClientView:
    current = await _live_row(session, _LOCKED_LIVE_ROW, member.account_id, client_id)
    view = ClientView.model_validate(current._mapping)
    rows = await session.execute(_OPEN_DOCUMENTS.with_for_update(), {"client_id": client_id})
    documents = [DocumentView.model_validate(row._mapping) for row in rows]
    if documents and not closing_documents:
        raise ClientHasOpenDocuments(view, documents)
    for document in documents:
        await move_document(session, member, document, DocumentStatus.CLOTURE)
    await session.execute(_MARK_DELETED, {"deleted_id": client_id, "deleted_when": utcnow()})
    await session.execute(_DROP_TERMS, {"client_id": client_id})
    await audit.write(session, member, "client.delete", client_id, before=client_snapshot(view))
    return view


async def _page(
    session: AsyncSession | AsyncConnection,
    account_id: int,
    stmt: Any,
    key: tuple[Any, Any],
    after_id: int | None,
    before_id: int | None,
    limit: int,
) -> Page[ClientSummary]:
    """One keyset page of (sort_name, id) rows: no OFFSET, however deep the page."""
    sort_col, id_col = key
    backwards = before_id is not None
    cursor_id = before_id if backwards else after_id
    if cursor_id is not None:
        cursor_name = await session.scalar(
            select(Client.sort_name).where(Client.id == cursor_id, Client.account_id == account_id)
        )
        if cursor_name is not None:
            position = tuple_(sort_col, id_col)
            bound = tuple_(cursor_name, cursor_id)
            stmt = stmt.where(position < bound if backwards else position > bound)
    order = (sort_col.desc(), id_col.desc()) if backwards else (sort_col, id_col)
    rows = (await session.execute(stmt.order_by(*order).limit(limit + 1))).all()
    more = len(rows) > limit
    ids = [row[1] for row in rows[:limit]]
    if backwards:
        ids.reverse()
    items = await _summaries(session, account_id, ids)
    has_previous = more if backwards else cursor_id is not None
    has_next = cursor_id is not None if backwards else more
    return Page(items=tuple(items), has_previous=has_previous, has_next=has_next)


async def _views(
    session: AsyncSession | AsyncConnection, account_id: int, ids: list[int]
) -> list[ClientView]:
    if not ids:
        return []
    # By primary key alone, as for `_summaries`: with the account and deleted_at in the
    # statement, SQLite walks the account's index (16 ms at 100,000 clients, not 0.05).
    rows = await session.execute(
        select(*ROW_COLUMNS, _CLIENTS.c.deleted_at).where(_CLIENTS.c.id.in_(ids))
    )
    found = {
        row.id: ClientView.model_validate(row._mapping)
        for row in rows
        if row.account_id == account_id and row.deleted_at is None
    }
    return [found[i] for i in ids if i in found]


def _inside(box: Box) -> list[ColumnElement[bool]]:
    """Conditions keeping the positions inside the box (see lokisi.geo)."""
    inside: list[ColumnElement[bool]] = [Client.latitude.between(*box.latitudes)]
    if box.longitudes:
        inside.append(or_(*(Client.longitude.between(*r) for r in box.longitudes)))
    return inside


_SUMMARY_COLUMNS = (
    Client.id,
    Client.code,
    Client.type,
    Client.name,
    Client.city,
    Client.postal_code,
    Client.account_id,
    Client.deleted_at,
)
# A page's clients by primary key alone: given the account and deleted_at too, SQLite walks
# the (account, deleted_at, name) index through every client of the account (33 ms at
# 100,000). A page has a fixed number of ids: one statement with that many parameters, built
# once, costs half of an IN list that SQLAlchemy writes out again on every call.
_PAGE_SLOTS = PAGE_SIZE + 1
_SUMMARIES_OF_PAGE = select(*_SUMMARY_COLUMNS).where(
    Client.id.in_([bindparam(f"id_{slot}") for slot in range(_PAGE_SLOTS)])
)
_NO_CLIENT = -1


async def _summaries(
    session: AsyncSession | AsyncConnection, account_id: int, ids: list[int], *, sort: bool = False
) -> list[ClientSummary]:
    if not ids:
        return []
    if len(ids) <= _PAGE_SLOTS:
        slots = ids + [_NO_CLIENT] * (_PAGE_SLOTS - len(ids))
        params = {f"id_{slot}": client_id for slot, client_id in enumerate(slots)}
        rows = await session.execute(_SUMMARIES_OF_PAGE, params)
    else:
        rows = await session.execute(select(*_SUMMARY_COLUMNS).where(Client.id.in_(ids)))
    found = {
        row.id: ClientSummary.model_validate(row)
        for row in rows
        if row.account_id == account_id and row.deleted_at is None
    }
    if sort:
        return sorted(found.values(), key=lambda s: (sort_key(s.name), s.id))
    return [found[i] for i in ids if i in found]
