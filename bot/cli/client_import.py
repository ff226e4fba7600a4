"""`import`: clients from a CSV file into an account, with the rejected rows and their
reasons written beside it."""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

from bot.background import lower_priority
from bot.cli.configuration import database
from bot.cli.failures import Failure
from bot.cli.geocoding import place_imported
from bot.cli.progress import progress_printer
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
    show = progress_printer(total, "rows")

    def show_progress(done: int, report: ImportReport) -> None:
        show(done, f"{report.imported} imported, {len(report.rejected)} rejected")

    async def main() -> ImportReport:
        lower_priority()
        async with database(settings, upgrade=False) as services:
            try:
                report = await importer.import_clients(
                    services, args.account, client_file, show_progress, update=args.update
                )
            except NotFound:
                raise Failure(f"no account #{args.account} (or it has no manager)") from None
            print(f"{report.imported} of {total} clients imported into account #{args.account}")
            if args.update:
                print(f"{report.updated} clients updated, {report.unchanged} already up to date")
            if not args.no_geocode:
                await place_imported(services, args.account, report.client_ids)
            return report

    report = asyncio.run(main())
    if report.rejected:
        target = args.rejected or importer.rejected_path(path)
        importer.write_rejected(target, client_file.headers, report.rejected)
        print(f"{len(report.rejected)} rows rejected, with their reasons, in {target}")
    return 0
