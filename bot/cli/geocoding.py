"""`geocode`: every client of an account that has an address and no position, placed on the
map through the geocoder's batch endpoint; the addresses it could not place are written to a
report. The import places the rows it created or updated the same way (unless --no-geocode)."""

from __future__ import annotations

import argparse
import asyncio
import csv
from collections.abc import Sequence
from pathlib import Path

from bot.cli.configuration import database
from bot.cli.failures import ConfigurationError, Failure
from bot.cli.progress import progress_printer
from bot.settings import Settings
from lokisi.errors import NotFound
from lokisi.lookups import Unavailable
from lokisi.services import Services
from lokisi.services.placing import PlacingReport, Unplaced

GEOCODER_OFF = (
    "GEOCODER_URL is empty: the geocoder is off (set it, e.g. to "
    "https://data.geopf.fr/geocodage, to place clients on the map)"
)


def cmd_geocode(args: argparse.Namespace, settings: Settings) -> int:
    """Place on the map the clients of an account that have an address and no position."""
    if not settings.geocoder_url:
        raise ConfigurationError(GEOCODER_OFF)

    async def main() -> PlacingReport:
        async with database(settings, upgrade=True) as services:
            return await place(services, args.account)

    report = asyncio.run(main())
    print(
        f"{report.placed} of {report.to_place} clients placed on the map in account #{args.account}"
    )
    if report.unplaced:
        target = args.report or Path(f"unplaced-clients-{args.account}.csv")
        write_unplaced(target, report.unplaced)
        print(f"{len(report.unplaced)} addresses could not be placed, listed in {target}")
    return 0


async def place(
    services: Services, account_id: int, only: Sequence[int] | None = None
) -> PlacingReport:
    """Place the account's clients (or `only` these), showing the progress on stderr."""
    try:
        actor = await services.accounts.first_manager(account_id)
    except NotFound:
        raise Failure(f"no account #{account_id} (or it has no manager)") from None
    shown: list[PlacingReport] = []
    show = None

    def progress(report: PlacingReport) -> None:
        nonlocal show
        if show is None:
            show = progress_printer(report.to_place, "clients")
        shown[:] = [report]
        show(report.done, f"{report.placed} placed, {len(report.unplaced)} not placed")

    try:
        return await services.placing.place_account(actor, only=only, progress=progress)
    except Unavailable as unavailable:
        placed = shown[0].placed if shown else 0
        raise Failure(
            f"the geocoder stopped answering ({unavailable.reason}) after {placed} clients "
            f"placed: run `lokisi-bot geocode --account {account_id}` again later to go on"
        ) from None


async def place_imported(services: Services, account_id: int, client_ids: Sequence[int]) -> None:
    """After an import: place the rows' addresses, and say how it went."""
    if not client_ids:
        return
    if services.lookups.addresses is None:
        print("addresses not placed on the map: the geocoder is off (GEOCODER_URL)")
        return
    try:
        report = await place(services, account_id, client_ids)
    except Failure as failure:
        print(f"addresses not all placed on the map: {failure}")
        return
    print(f"{report.placed} addresses placed on the map")
    if report.unplaced:
        print(
            f"{len(report.unplaced)} addresses could not be placed: "
            f"`lokisi-bot geocode --account {account_id}` lists them"
        )


def write_unplaced(path: Path, unplaced: Sequence[Unplaced]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(["code", "name", "address"])
        for client in unplaced:
            writer.writerow([client.code, client.name, client.address])
