"""Fill a fresh database with accounts of realistic clients, fast (bulk inserts in batches).

Rows are written as lokisi's services would write them (codes, sort keys, search terms,
document numbers and counters), but in batches of thousands instead of one transaction per
client: 100,000 clients take seconds, not hours.
"""

from __future__ import annotations

import random
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select, text, update
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from benchmarks import data
from lokisi import migrate
from lokisi.db import create_engine, is_sqlite, session_factory
from lokisi.duplicates import name_key
from lokisi.enums import DocumentKind, DocumentStatus, Role
from lokisi.models import Account, Client, ClientTerm, Document, DocumentCounter
from lokisi.search_terms import sort_key, terms_of
from lokisi.services import Services

BATCH = 5_000
NEIGHBOUR_CLIENTS = 1_000
DOCUMENT_SHARE = 0.15
MANAGER_TELEGRAM_ID = 5_001
TECHNICIEN_COUNT = 6
KINDS = tuple(DocumentKind)
# Most documents of a long-lived client file are closed; a fifth are still in progress.
STATUSES = (
    (DocumentStatus.CLOTURE,) * 7
    + (DocumentStatus.ANNULE,)
    + (
        DocumentStatus.BROUILLON,
        DocumentStatus.EN_COURS,
    )
)


@dataclass
class Member:
    telegram_id: int
    role: str
    name: str


@dataclass
class Manifest:
    """What the replay needs to know about the seeded data (plain JSON)."""

    url: str
    size: int
    account_id: int
    members: list[Member]
    first_client_id: int
    last_client_id: int
    blocked_client_ids: list[int] = field(default_factory=list)
    seconds: float = 0.0
    rows: dict[str, int] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> Manifest:
        members = [Member(**m) for m in raw["members"]]
        return cls(**{**raw, "members": members})


async def fresh_schema(url: str) -> AsyncEngine:
    """An empty database at the newest migration; refuses any database not meant for this."""
    if is_sqlite(url):
        _remove_sqlite_files(make_url(url).database)
    else:
        await _create_postgres_database(url)
    engine = create_engine(url)
    if not is_sqlite(url):
        async with engine.begin() as connection:
            await connection.execute(text("DROP SCHEMA public CASCADE"))
            await connection.execute(text("CREATE SCHEMA public"))
    await migrate.upgrade(engine)
    return engine


def _remove_sqlite_files(database: str | None) -> None:
    if database and database != ":memory:":
        for suffix in ("", "-wal", "-shm"):
            Path(database + suffix).unlink(missing_ok=True)


async def _create_postgres_database(url: str) -> None:
    target = make_url(url)
    name = target.database or ""
    # The benchmark wipes its database: never let it near the tests' or production's.
    if "bench" not in name:
        raise SystemExit(f"refusing to wipe PostgreSQL database {name!r}: its name must say bench")
    maintenance = create_engine(
        target.set(database="postgres").render_as_string(hide_password=False),
        isolation_level="AUTOCOMMIT",
    )
    try:
        async with maintenance.connect() as connection:
            exists = await connection.scalar(
                text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": name}
            )
            if not exists:
                await connection.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        await maintenance.dispose()


async def seed(url: str, size: int, *, rng_seed: int = 2026) -> Manifest:
    """A fresh database: one account with `size` clients and its team, one neighbour account."""
    started = time.perf_counter()
    rng = random.Random(rng_seed)
    engine = await fresh_schema(url)
    try:
        services = Services.over(session_factory(engine))
        members, account_id = await _team(services)
        neighbour, _ = await services.accounts.create_account(
            "Autre Société", manager_telegram_id=9_001, manager_name="Olga Autre"
        )
        rows: Counter[str] = Counter()
        async with engine.begin() as connection:
            first, last, blocked = await _clients(connection, rng, account_id, size, rows)
            await _clients(connection, rng, neighbour.id, NEIGHBOUR_CLIENTS, rows)
        if not is_sqlite(url):
            async with engine.begin() as connection:
                await _after_bulk_load_postgres(connection)
    finally:
        await engine.dispose()
    return Manifest(
        url=url,
        size=size,
        account_id=account_id,
        members=members,
        first_client_id=first,
        last_client_id=last,
        blocked_client_ids=blocked[:500],
        seconds=round(time.perf_counter() - started, 2),
        rows=dict(rows),
    )


async def _team(services: Services) -> tuple[list[Member], int]:
    """A manager, a second manager and technicians: the users who replay the mix."""
    account, manager = await services.accounts.create_account(
        "Dupont Chauffage", manager_telegram_id=MANAGER_TELEGRAM_ID, manager_name="Marie Manager"
    )
    members = [Member(MANAGER_TELEGRAM_ID, Role.MANAGER.value, manager.name)]
    for offset in range(1, TECHNICIEN_COUNT + 2):
        role = Role.MANAGER if offset == 1 else Role.TECHNICIEN
        invitation = await services.accounts.invite(manager, role)
        name = f"{data.FIRST_NAMES[offset]} {data.LAST_NAMES[offset]}"
        joined = await services.accounts.redeem(
            invitation.token, telegram_user_id=MANAGER_TELEGRAM_ID + offset, name=name
        )
        members.append(Member(joined.telegram_user_id, joined.role.value, joined.name))
    return members, account.id


async def _clients(
    connection: AsyncConnection,
    rng: random.Random,
    account_id: int,
    count: int,
    rows: Counter[str],
) -> tuple[int, int, list[int]]:
    """Insert `count` clients with their terms and documents; the account's sequence follows."""
    next_id = await _next_id(connection, Client.id)
    next_document_id = await _next_id(connection, Document.id)
    first_id = next_id
    counters: Counter[tuple[DocumentKind, int]] = Counter()
    blocked: list[int] = []
    now = datetime.now(UTC)
    for start in range(0, count, BATCH):
        clients, terms, documents = [], [], []
        for number in range(start + 1, min(start + BATCH, count) + 1):
            fields = data.client_fields(rng)
            created = now - timedelta(days=rng.randrange(1, 1500))
            client = {
                "id": next_id,
                "account_id": account_id,
                "number": number,
                "code": f"CLI-{number:06d}",
                "sort_name": sort_key(fields["name"]),
                "name_key": name_key(fields["name"]),
                "version": 1,
                "created_at": created,
                "updated_at": created,
                "deleted_at": None,
                **fields,
            }
            clients.append(client)
            terms.extend(_term_rows(client))
            if rng.random() < DOCUMENT_SHARE:
                made = _documents(rng, client, next_document_id, counters, now)
                documents.extend(made)
                next_document_id += len(made)
                if any(d["status"].is_open for d in made):
                    blocked.append(next_id)
            next_id += 1
        await connection.execute(insert(Client), clients)
        await connection.execute(insert(ClientTerm), terms)
        if documents:
            await connection.execute(insert(Document), documents)
        rows.update(clients=len(clients), client_terms=len(terms), documents=len(documents))
    if counters:
        await connection.execute(
            insert(DocumentCounter),
            [
                {"account_id": account_id, "kind": kind, "year": year, "last_seq": seq}
                for (kind, year), seq in counters.items()
            ],
        )
    await connection.execute(
        update(Account).where(Account.id == account_id).values(client_seq=count)
    )
    return first_id, next_id - 1, blocked


async def _next_id(connection: AsyncConnection, column: Any) -> int:
    """Ids are given here, not by the database, so that terms can name their client."""
    return int(await connection.scalar(select(func.coalesce(func.max(column), 0))) or 0) + 1


def _term_rows(client: dict[str, Any]) -> list[dict[str, Any]]:
    """The same words lokisi.services.clients.write_terms stores for a client."""
    terms = terms_of(client)
    return [
        {
            "client_id": client["id"],
            "term": term,
            "account_id": client["account_id"],
            "sort_name": client["sort_name"],
        }
        for term in sorted(terms)
    ]


def _documents(
    rng: random.Random,
    client: dict[str, Any],
    first_id: int,
    counters: Counter[tuple[DocumentKind, int]],
    now: datetime,
) -> list[dict[str, Any]]:
    made = []
    for offset in range(rng.randrange(1, 4)):
        kind = rng.choice(KINDS)
        created = client["created_at"] + (now - client["created_at"]) * rng.random()
        counters[kind, created.year] += 1
        seq = counters[kind, created.year]
        status = rng.choice(STATUSES)
        made.append(
            {
                "id": first_id + offset,
                "account_id": client["account_id"],
                "client_id": client["id"],
                "kind": kind,
                "year": created.year,
                "seq": seq,
                "number": f"{kind.prefix}-{created.year}-{seq:04d}",
                "status": status,
                "created_by_id": None,
                "created_by_name": "Import",
                "created_at": created,
                "closed_at": None if status.is_open else created + timedelta(days=3),
            }
        )
    return made


async def _after_bulk_load_postgres(connection: AsyncConnection) -> None:
    """Explicit ids leave the sequences behind; fresh statistics give the planner real sizes."""
    for table in ("clients", "documents"):
        await connection.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT max(id) FROM {table}))"
            )
        )
    await connection.execute(text("ANALYZE"))
