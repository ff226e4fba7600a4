"""`lokisi-bot geocode` and the import's geocoding, against the fake geocoder: clients with an
address and no position are placed in batches, with a progress line, and a run that stops is
taken up again by the next one."""

from __future__ import annotations

import asyncio
import csv
from pathlib import Path

import pytest

from bot.cli import main
from lokisi.db import create_engine, session_factory
from lokisi.lookups import service
from lokisi.schemas import ClientView, MemberView
from lokisi.services import Services, placing
from tests.factories import private_person
from tests.support.fake_lookups import FakeLookups

KNOWN = (
    ("Inès Roy", "1 rue Cler", "75007", "Paris"),
    ("Garage Lenoir", "12 rue de la République", "69002", "Lyon"),
    ("Théo Blanc", "8 rue des Lilas", "69003", "Lyon"),
)


@pytest.fixture
def geocoder_on(
    workdir: Path, database_url: str, public_apis: FakeLookups, monkeypatch: pytest.MonkeyPatch
) -> FakeLookups:
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("GEOCODER_URL", public_apis.geocoder_url)
    return public_apis


@pytest.fixture
async def unplaced(services: Services, manager: MemberView) -> list[ClientView]:
    """Three clients with known addresses, one the base does not know, one placed already and
    one without an address: four to place."""
    made = []
    for name, street, postal_code, city in KNOWN[:2]:
        made.append(
            await services.clients.create(
                manager,
                private_person(name=name, address_line1=street, postal_code=postal_code, city=city),
            )
        )
    made.append(
        await services.clients.create(
            manager,
            private_person(
                name="Zoé Nulle", address_line1="3 impasse Inconnue", postal_code="75007"
            ),
        )
    )
    name, street, postal_code, city = KNOWN[2]
    made.append(
        await services.clients.create(
            manager,
            private_person(name=name, address_line1=street, postal_code=postal_code, city=city),
        )
    )
    await services.clients.create(
        manager,
        private_person(name="Déjà Placé", address_line1="1 rue Cler", latitude=1.0, longitude=2.0),
    )
    await services.clients.create(manager, private_person(name="Sans Adresse"))
    return made


def positions(url: str, member: MemberView) -> dict[str, tuple[float | None, float | None]]:
    async def read() -> dict[str, tuple[float | None, float | None]]:
        engine = create_engine(url)
        try:
            clients = Services.over(session_factory(engine)).clients
            page = await clients.list_page(member, limit=20)
            views = await clients.details(member, [c.id for c in page.items])
        finally:
            await engine.dispose()
        return {view.name: (view.latitude, view.longitude) for view in views}

    return asyncio.run(read())


@pytest.mark.usefixtures("unplaced")
def test_geocode_places_every_client_with_an_address_and_lists_those_it_could_not(
    geocoder_on: FakeLookups,
    database_url: str,
    manager: MemberView,
    workdir: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["geocode", "--account", str(manager.account_id)]) == 0
    output = capsys.readouterr()
    assert "3 of 4 clients placed on the map" in output.out
    assert "4/4 clients: 3 placed, 1 not placed" in output.err
    report = workdir / f"unplaced-clients-{manager.account_id}.csv"
    with report.open(encoding="utf-8") as handle:
        assert list(csv.reader(handle, delimiter=";")) == [
            ["code", "name", "address"],
            ["CLI-000003", "Zoé Nulle", "3 impasse Inconnue 75007 Lyon"],
        ]
    placed = positions(database_url, manager)
    assert placed["Inès Roy"] == (48.85702, 2.30605)
    assert placed["Théo Blanc"] == (45.7597, 4.8422)
    assert placed["Déjà Placé"] == (1.0, 2.0)
    assert placed["Sans Adresse"] == (None, None)
    [sent] = geocoder_on.asked("/geocodage/search/csv")
    assert sent["rows"] == 4


@pytest.mark.usefixtures("unplaced")
def test_a_stopped_geocode_is_taken_up_where_it_stopped(
    geocoder_on: FakeLookups,
    database_url: str,
    manager: MemberView,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(placing, "BATCH_SIZE", 2)
    monkeypatch.setattr(service, "BATCH_ATTEMPTS", 1)
    geocoder_on.failing_from["geocodage"] = 2
    assert main(["geocode", "--account", str(manager.account_id)]) == 1
    output = capsys.readouterr()
    assert "2/4 clients: 2 placed, 0 not placed" in output.err
    assert "stopped answering (down) after 2 clients placed" in output.err
    assert "run `lokisi-bot geocode --account" in output.err
    assert positions(database_url, manager)["Garage Lenoir"] == (45.76392, 4.8357)

    del geocoder_on.failing_from["geocodage"]
    assert main(["geocode", "--account", str(manager.account_id)]) == 0
    assert "1 of 2 clients placed on the map" in capsys.readouterr().out
    assert [p["rows"] for p in geocoder_on.asked("/geocodage/search/csv")] == [2, 2, 2]
    assert positions(database_url, manager)["Théo Blanc"] == (45.7597, 4.8422)


def test_geocode_says_so_when_the_geocoder_is_off(
    workdir: Path, manager: MemberView, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["geocode", "--account", str(manager.account_id)]) == 2
    assert "GEOCODER_URL is empty" in capsys.readouterr().err


@pytest.mark.parametrize("placed", [True, False], ids=["geocoded", "no-geocode"])
def test_imported_addresses_are_placed_unless_asked_not_to(
    geocoder_on: FakeLookups,
    database_url: str,
    manager: MemberView,
    workdir: Path,
    capsys: pytest.CaptureFixture[str],
    placed: bool,
) -> None:
    source = workdir / "clients.csv"
    source.write_text("nom;adresse;code postal;ville\nInès Roy;1 rue Cler;75007;Paris\n", "utf-8")
    command = ["import", str(source), "--account", str(manager.account_id)]
    assert main(command if placed else [*command, "--no-geocode"]) == 0
    position = positions(database_url, manager)["Inès Roy"]
    if placed:
        assert "1 addresses placed on the map" in capsys.readouterr().out
        assert position == (48.85702, 2.30605)
    else:
        assert position == (None, None)
        assert geocoder_on.requests == []
