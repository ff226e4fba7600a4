"""No duplicates by accident: a save checks the account for the same SIRET (refused) and for
clients the new values look like (asked), by the rules of lokisi.duplicates.

Each check is an index read: the SIRET and the name key have their own indexes, a phone number
is found through the search words (the stored E.164 digits are one of them), close spellings
among the clients of the same postal code. Only what a save changes is checked, so that
editing the notes of a client entered twice before this check existed is not refused.

The close spellings are the slow part (milliseconds: a postal code of a big town holds
thousands of clients). A save looks for them before its write transaction, then checks again
inside it by keys only (`close=False`): on SQLite the write transaction holds the database's
one write lock, and an import of thousands of rows held it 80 % of the time, stalling every
other write (each update the bot receives is written to its inbox).
"""

from __future__ import annotations

import re
from typing import Any, cast

from sqlalchemy import Row, Table, bindparam, select
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from lokisi.duplicates import close_spellings, name_key, same_place
from lokisi.enums import DuplicateReason
from lokisi.errors import LooksLikeDuplicate, SiretTaken
from lokisi.models import Client, ClientTerm
from lokisi.schemas import ClientSummary, DuplicateMatch
from lokisi.validation import ClientInput

# Shown to the user: more would not help them choose.
MAX_MATCHES = 3
# Clients of one postal code compared for close spellings; a postal code of a big town holds
# a few thousand clients at 100,000.
POSTAL_CODE_CANDIDATES = 5_000
NO_CLIENT = -1

_CLIENTS = cast(Table, Client.__table__)
_TERMS = cast(Table, ClientTerm.__table__)
_COLUMNS = [_CLIENTS.c[name] for name in ClientSummary.model_fields]
_OTHER_LIVE_CLIENT = (
    _CLIENTS.c.account_id == bindparam("account_id"),
    _CLIENTS.c.deleted_at.is_(None),
    _CLIENTS.c.id != bindparam("exclude_id"),
)
_SAME_SIRET = (
    select(*_COLUMNS).where(*_OTHER_LIVE_CLIENT, _CLIENTS.c.siret == bindparam("siret")).limit(1)
)
# Deleted clients have no search words: the join keeps live ones only.
_SAME_PHONE = (
    select(*_COLUMNS, _CLIENTS.c.phone, _CLIENTS.c.mobile)
    .join(_TERMS, _TERMS.c.client_id == _CLIENTS.c.id)
    .where(
        _TERMS.c.account_id == bindparam("account_id"),
        _TERMS.c.term == bindparam("digits"),
        _CLIENTS.c.id != bindparam("exclude_id"),
    )
)
_SAME_NAME_KEY = select(*_COLUMNS).where(
    *_OTHER_LIVE_CLIENT, _CLIENTS.c.name_key == bindparam("name_key")
)
# Only the name keys of a postal code's clients are compared: the few close ones are read whole.
_NAME_KEYS_OF_POSTAL_CODE = (
    select(_CLIENTS.c.id, _CLIENTS.c.name_key)
    .where(*_OTHER_LIVE_CLIENT, _CLIENTS.c.postal_code == bindparam("postal_code"))
    .limit(POSTAL_CODE_CANDIDATES)
)
_CLIENTS_BY_ID = (
    select(*_COLUMNS)
    .where(_CLIENTS.c.id.in_(bindparam("ids", expanding=True)))
    .order_by(_CLIENTS.c.id)
)

Executor = AsyncSession | AsyncConnection


async def refuse_duplicates(
    session: Executor,
    account_id: int,
    client: ClientInput,
    *,
    before: Row[Any] | None = None,
    allow_duplicate: bool = False,
    close: bool = True,
) -> None:
    """SiretTaken if another client of the account has the client's SIRET; unless
    `allow_duplicate`, LooksLikeDuplicate if the client looks like others (by close
    spellings too, with `close`). `before` is the row being changed (None for a new client):
    only the values that change are checked."""
    where = {"account_id": account_id, "exclude_id": NO_CLIENT if before is None else before.id}

    def changed(*names: str) -> bool:
        return before is None or any(getattr(client, n) != getattr(before, n) for n in names)

    if client.siret is not None and changed("siret"):
        taken = (await session.execute(_SAME_SIRET, {**where, "siret": client.siret})).first()
        if taken is not None:
            raise SiretTaken(ClientSummary.model_validate(taken))
    if allow_duplicate:
        return
    matches: dict[int, DuplicateMatch] = {}
    if changed("phone", "mobile"):
        for found in await _same_phone(session, where, client):
            matches.setdefault(found.id, DuplicateMatch(client=found, reason=DuplicateReason.PHONE))
    if changed("name", "postal_code", "city"):
        for found in await _same_name(session, where, client, close):
            matches.setdefault(found.id, DuplicateMatch(client=found, reason=DuplicateReason.NAME))
    if matches:
        raise LooksLikeDuplicate(list(matches.values())[:MAX_MATCHES])


async def _same_phone(
    session: Executor, where: dict[str, Any], client: ClientInput
) -> list[ClientSummary]:
    found = []
    for number in dict.fromkeys(n for n in (client.mobile, client.phone) if n is not None):
        digits = re.sub(r"\D", "", number)
        for row in await session.execute(_SAME_PHONE, {**where, "digits": digits}):
            if number in (row.phone, row.mobile):
                found.append(ClientSummary.model_validate(row))
    return found


async def _same_name(
    session: Executor, where: dict[str, Any], client: ClientInput, close: bool
) -> list[ClientSummary]:
    """The same name in the same place, and with `close` close spellings in the same postal
    code."""
    key = name_key(client.name)
    candidates = list(await session.execute(_SAME_NAME_KEY, {**where, "name_key": key}))
    if close and client.postal_code is not None:
        params = {**where, "postal_code": client.postal_code}
        keys = (await session.execute(_NAME_KEYS_OF_POSTAL_CODE, params)).all()
        ids = [keys[i].id for i in close_spellings(key, [row.name_key for row in keys])]
        if ids:
            candidates += list(await session.execute(_CLIENTS_BY_ID, {"ids": ids}))
    found: dict[int, ClientSummary] = {}
    for row in candidates:
        if same_place(client.postal_code, client.city, row.postal_code, row.city):
            found.setdefault(row.id, ClientSummary.model_validate(row))
    return list(found.values())
