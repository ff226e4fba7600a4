"""The export's files are built in a process of their own, at a lower priority.

Reading 100,000 clients and writing them to a CSV and an XLSX is a minute of CPU. In a thread
of the bot's process it shared the interpreter's lock with the event loop: every other
user's update waited up to 5 ms (the lock's switch interval) each time it resumed, and their
99th percentile went from 16 to 150 ms. A worker process reads the database itself (each
batch is a short read, as in the bot) and hands back the two files; the operating system
gives the bot's own process the CPU first.

One worker is started at the first export and kept until the application shuts down: it
takes a second and a half to import what it needs, which a second export should not pay.
Exports of several managers wait for each other, in order.
"""

from __future__ import annotations

import asyncio
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

from bot.background import lower_priority
from bot.views.export import export_headers, journal_cells, type_labels
from lokisi.db import create_engine, session_factory
from lokisi.exporting import ClientExport
from lokisi.schemas import MemberView
from lokisi.services import Services


@dataclass(frozen=True)
class ExportFiles:
    count: int
    csv: bytes
    xlsx: bytes


class Exporter:
    """Builds export files in a worker process over the database at `database_url`."""

    def __init__(self, database_url: str) -> None:
        self._database_url = database_url
        self._pool: ProcessPoolExecutor | None = None

    async def files(self, member: MemberView, query: str | None, lang: str) -> ExportFiles:
        """The member's export (the business checks they are a manager), `count` 0 if it holds
        no client; the errors of the business as the services raise them."""
        loop = asyncio.get_running_loop()
        try:
            return await loop.run_in_executor(
                self._worker(), build, self._database_url, member, query, lang
            )
        except BrokenProcessPool:
            # The worker died (killed, out of memory): the next export starts another.
            self.close()
            raise

    def close(self) -> None:
        if self._pool is not None:
            # Not waiting: an export under way is abandoned with the application.
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None

    def _worker(self) -> ProcessPoolExecutor:
        if self._pool is None:
            # Spawned, not forked: a fork would copy the event loop and open connections.
            self._pool = ProcessPoolExecutor(
                max_workers=1,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=lower_priority,
            )
        return self._pool


def build(database_url: str, member: MemberView, query: str | None, lang: str) -> ExportFiles:
    """In the worker: the export's files, read batch by batch."""
    return asyncio.run(_build(database_url, member, query, lang))


async def _build(
    database_url: str, member: MemberView, query: str | None, lang: str
) -> ExportFiles:
    engine = create_engine(database_url)
    try:
        services = Services.over(session_factory(engine))
        with ClientExport(export_headers(lang), type_labels(lang)) as files:
            async for batch in services.clients.export(member, query):
                notes = await services.notes.journal(member, [c.id for c in batch])
                files.add(batch, journal_cells(lang, notes))
            if files.count == 0:
                return ExportFiles(0, b"", b"")
            return ExportFiles(files.count, files.csv_bytes(), files.xlsx_bytes())
    finally:
        await engine.dispose()
