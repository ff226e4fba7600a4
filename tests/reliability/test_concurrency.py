"""What only a real multi-connection database shows (PostgreSQL): concurrent edits, a
deletion racing a document, and document numbers taken by several processes at once."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from lokisi.enums import DocumentFamily
from lokisi.errors import ClientChangedMeanwhile, ClientHasOpenDocuments, NotFound
from lokisi.models import Client, Document
from lokisi.schemas import ClientView, MemberView
from lokisi.services import Services
from tests.factories import professional, unnumbered

pytestmark = pytest.mark.postgres_only

ROOT = Path(__file__).resolve().parents[2]
EDITORS = 50
RACES = 40
PROCESSES = 4
INVOICES_EACH = 25


async def test_fifty_edits_from_one_version_save_one_and_tell_the_forty_nine_others(
    services: Services, manager: MemberView
) -> None:
    client = await services.clients.create(manager, professional())

    async def edit(n: int) -> ClientView | ClientChangedMeanwhile:
        data = client.model_dump() | {"notes": f"modification {n}", "city": f"Ville {n}"}
        try:
            return await services.clients.update(
                manager, client.id, data, expected_version=client.version
            )
        except ClientChangedMeanwhile as refused:
            return refused

    results = await asyncio.gather(*(edit(n) for n in range(EDITORS)))
    saved = [r for r in results if isinstance(r, ClientView)]
    refused = [r for r in results if isinstance(r, ClientChangedMeanwhile)]
    assert (len(saved), len(refused)) == (1, EDITORS - 1)
    stored = await services.clients.get(manager, client.id)
    assert stored == saved[0] and stored.version == client.version + 1
    # Each refusal hands back the winner's version, for the "Recharger / Écraser" choice.
    assert {r.current.notes for r in refused} == {stored.notes}


async def test_a_deletion_racing_a_document_never_orphans_it_nor_deletes_an_open_one(
    services: Services, manager: MemberView, engine: AsyncEngine
) -> None:
    outcomes = set()
    for round_ in range(RACES):
        client = await services.clients.create(manager, unnumbered(name=f"Course {round_}"))
        racers = [
            services.clients.delete(manager, client.id),
            services.documents.create(manager, client.id, DocumentFamily.VENTE),
        ]
        if round_ % 2:
            racers.reverse()
        results = await asyncio.gather(*racers, return_exceptions=True)
        deletion, creation = results if round_ % 2 == 0 else results[::-1]
        if isinstance(deletion, ClientHasOpenDocuments):
            assert not isinstance(creation, BaseException)
            outcomes.add("document first")
        else:
            assert not isinstance(deletion, BaseException), deletion
            assert isinstance(creation, NotFound)
            outcomes.add("deletion first")
        async with engine.connect() as connection:
            open_on_deleted = await connection.scalar(
                select(Document.id)
                .join(Client, Client.id == Document.client_id)
                .where(
                    Client.deleted_at.is_not(None), Document.status.in_(["brouillon", "en_cours"])
                )
            )
        assert open_on_deleted is None
    assert outcomes, "no race was run"


async def test_invoices_created_by_several_processes_at_once_are_numbered_without_gaps(
    services: Services, manager: MemberView, database_url: str
) -> None:
    client = await services.clients.create(manager, professional())
    command = [
        sys.executable,
        "-m",
        "tests.reliability.numbering_worker",
        database_url,
        str(manager.telegram_user_id),
        str(client.id),
        str(INVOICES_EACH),
    ]
    workers = [
        await asyncio.create_subprocess_exec(
            *command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        for _ in range(PROCESSES)
    ]
    outputs = await asyncio.gather(*(worker.communicate() for worker in workers))
    for worker, (_, errors) in zip(workers, outputs, strict=True):
        assert worker.returncode == 0, errors.decode()
    numbers = [line for out, _ in outputs for line in out.decode().split()]
    year = datetime.now(UTC).year
    expected = [f"FA-{year}-{n:04d}" for n in range(1, PROCESSES * INVOICES_EACH + 1)]
    assert sorted(numbers) == expected
    stored = await services.documents.list_for_client(manager, client.id)
    assert sorted(d.number for d in stored) == expected
