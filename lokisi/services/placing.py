"""Placing clients on the map: one client as it is saved (`with_position`), and every client
of an account with an address and no position, through the geocoder's batch endpoint
(`lokisi-bot geocode`, and the import).

Clients are taken in id order, a batch at a time; each batch's positions are saved in their
own transaction once the geocoder has answered, so a run that stops (Ctrl+C, a failure) loses
nothing: the next one starts with the clients still without a position. A position is written
only if the client still has that address and no position (someone may have edited it
meanwhile), with a new version, so that a form open on the client sees the change.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from sqlalchemy import CursorResult, Table, and_, bindparam, func, select, update

from lokisi.db import SessionFactory, reading
from lokisi.lookups import Geocoder, Unavailable
from lokisi.lookups.addresses import BATCH_SIZE, ToPlace
from lokisi.models import Client, utcnow
from lokisi.schemas import ClientView, MemberView
from lokisi.services import audit
from lokisi.services.actors import acting_member
from lokisi.validation import ClientInput, is_france

_CLIENTS = cast(Table, Client.__table__)
_UNPLACED = and_(
    _CLIENTS.c.account_id == bindparam("account_id"),
    _CLIENTS.c.deleted_at.is_(None),
    _CLIENTS.c.latitude.is_(None),
    _CLIENTS.c.address_line1.is_not(None),
    (_CLIENTS.c.postal_code.is_not(None)) | (_CLIENTS.c.city.is_not(None)),
)
_COUNT = select(func.count()).select_from(_CLIENTS).where(_UNPLACED)
_NEXT_BATCH = (
    select(
        _CLIENTS.c.id,
        _CLIENTS.c.code,
        _CLIENTS.c.name,
        _CLIENTS.c.address_line1,
        _CLIENTS.c.postal_code,
        _CLIENTS.c.city,
        _CLIENTS.c.country,
    )
    .where(_UNPLACED, _CLIENTS.c.id > bindparam("after_id"))
    .order_by(_CLIENTS.c.id)
    .limit(bindparam("batch"))
)
# Bound under names of their own: an UPDATE would SET the columns that parameters are named after.
_PLACE = (
    update(_CLIENTS)
    .where(
        _CLIENTS.c.id == bindparam("placed_id"),
        _CLIENTS.c.latitude.is_(None),
        _CLIENTS.c.address_line1 == bindparam("placed_street"),
    )
    .values(
        latitude=bindparam("placed_latitude"),
        longitude=bindparam("placed_longitude"),
        version=_CLIENTS.c.version + 1,
        updated_at=bindparam("placed_at"),
    )
)


@dataclass(frozen=True)
class Unplaced:
    """A client whose address the geocoder could not place."""

    code: str
    name: str
    address: str


@dataclass
class PlacingReport:
    to_place: int = 0
    placed: int = 0
    unplaced: list[Unplaced] = field(default_factory=list)

    @property
    def done(self) -> int:
        return self.placed + len(self.unplaced)


PlacingProgress = Callable[[PlacingReport], None]


def has_address(client: ClientInput | ClientView) -> bool:
    """A French street address the national address base can place."""
    return bool(client.address_line1 and (client.postal_code or client.city)) and is_france(
        client.country
    )


def _address(client: ClientInput | ClientView) -> tuple[Any, ...]:
    return (client.address_line1, client.postal_code, client.city)


def _position(client: ClientInput | ClientView) -> tuple[Any, ...]:
    return (client.latitude, client.longitude)


async def with_position(
    geocoder: Geocoder | None, valid: ClientInput, before: ClientView | None
) -> ClientInput:
    """The client with its address's position from the geocoder, when the address is new
    or changed and no position was given with it, or the client has none; as it was when
    the geocoder is off, cannot answer, or does not know the address. Before any
    transaction: a slow geocoder never holds a lock."""
    if geocoder is None or not has_address(valid):
        return valid
    if valid.latitude is not None:
        moved = before is not None and _address(valid) != _address(before)
        unchanged = before is not None and _position(valid) == _position(before)
        if not (moved and unchanged):
            return valid
    try:
        found = await geocoder.locate(valid.address_line1, valid.postal_code, valid.city)
    except Unavailable:
        return valid
    if found is None:
        return valid
    return valid.model_copy(update={"latitude": found.latitude, "longitude": found.longitude})


class PlacingService:
    def __init__(self, sessions: SessionFactory, geocoder: Geocoder | None) -> None:
        self._sessions = sessions
        self.geocoder = geocoder

    async def place_account(
        self,
        actor: MemberView,
        *,
        only: Sequence[int] | None = None,
        progress: PlacingProgress | None = None,
    ) -> PlacingReport:
        """Place every client of the actor's account (or of `only`) that has a French address
        and no position; Unavailable if the geocoder stops answering (what was placed stays)."""
        if self.geocoder is None:
            raise ValueError("no geocoder configured")
        report = PlacingReport()
        async with reading(self._sessions) as connection:
            await acting_member(connection, actor, manager_for="client.place")
            report.to_place = int(
                (await connection.execute(_COUNT, {"account_id": actor.account_id})).scalar_one()
            )
        wanted = set(only) if only is not None else None
        if wanted is not None:
            report.to_place = min(report.to_place, len(wanted))
        after_id = 0
        while True:
            rows = await self._next_batch(actor, after_id, BATCH_SIZE)
            if not rows:
                return report
            after_id = rows[-1].id
            rows = [r for r in rows if is_france(r.country) and (wanted is None or r.id in wanted)]
            if rows:
                await self._place_batch(actor, rows, report)
            if progress is not None:
                progress(report)

    async def _next_batch(self, actor: MemberView, after_id: int, batch: int) -> list[Any]:
        async with reading(self._sessions) as connection:
            params = {"account_id": actor.account_id, "after_id": after_id, "batch": batch}
            return list((await connection.execute(_NEXT_BATCH, params)).all())

    async def _place_batch(self, actor: MemberView, rows: list[Any], report: PlacingReport) -> None:
        assert self.geocoder is not None
        found = await self.geocoder.locate_many(
            [ToPlace(row.id, row.address_line1, row.postal_code, row.city) for row in rows]
        )
        placed = []
        async with self._sessions.begin() as session:
            member = await acting_member(session, actor, manager_for="client.place")
            now = utcnow()
            for row in rows:
                address = found.get(row.id)
                if address is None:
                    shown = " ".join(p for p in (row.address_line1, row.postal_code, row.city) if p)
                    report.unplaced.append(Unplaced(row.code, row.name, shown))
                    continue
                changed: CursorResult[Any] = await session.execute(  # type: ignore[assignment]
                    _PLACE,
                    {
                        "placed_id": row.id,
                        "placed_street": row.address_line1,
                        "placed_latitude": address.latitude,
                        "placed_longitude": address.longitude,
                        "placed_at": now,
                    },
                )
                if changed.rowcount:
                    placed.append(row.id)
            if placed:
                # One event per batch: the trail says which clients the geocoder placed.
                await audit.write(session, member, "client.place", None, after={"clients": placed})
        report.placed += len(placed)
