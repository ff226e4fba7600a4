"""`import`: clients from a CSV file into an account, with the rejected rows and their
reasons written beside it."""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Callable
from pathlib import Path

from bot.cli.configuration import database
from bot.cli.failures import Failure
from bot.settings import Settings
from lokisi import importer
from lokisi.errors import NotFound
from lokisi.importer import ImportReport


def cmd_import(args: argparse.Namespace, settings: Settings) -> int:
    """Import clients from a CSV file into an account."""
    path: Path = args.file
    if not path.is_file():
        raise Failure(f"no such file: {path}")
    try:
        client_file = importer.read_client_file(path)
    except importer.UnusableFile as unusable:
        raise Failure(str(unusable)) from None
    if client_file.ignored_headers:
        print(f"ignored columns: {', '.join(client_file.ignored_headers)}", file=sys.stderr)
    total = len(client_file.rows)
    show_progress = _progress_printer(total)

    async def main() -> ImportReport:
        async with database(settings, upgrade=False) as services:
            try:
                return await importer.import_clients(
                    services, args.account, client_file, show_progress
                )
            except NotFound:
                raise Failure(f"no account #{args.account} (or it has no manager)") from None

    report = asyncio.run(main())
    print(f"{report.imported} of {total} clients imported into account #{args.account}")
    if report.rejected:
        target = args.rejected or importer.rejected_path(path)
        importer.write_rejected(target, client_file.headers, report.rejected)
        print(f"{len(report.rejected)} rows rejected, with their reasons, in {target}")
    return 0


def _progress_printer(total: int) -> Callable[[int, ImportReport], None]:
    """A line that updates in place on a terminal, or one line per 10% in a log."""
    interactive = sys.stderr.isatty()
    step = max(total // 10, 1)

    def show(done: int, report: ImportReport) -> None:
        if not interactive and done % step and done != total:
            return
        line = f"{done}/{total} rows: {report.imported} imported, {len(report.rejected)} rejected"
        end = "\n" if not interactive or done == total else ""
        print(f"\r{line}" if interactive else line, end=end, file=sys.stderr, flush=True)

    return show
