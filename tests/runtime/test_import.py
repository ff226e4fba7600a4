"""`lokisi-bot import`: the form's rules for every row, good rows imported, bad rows written
back with their reasons."""

from __future__ import annotations

import asyncio
import csv
from pathlib import Path

import pytest

from bot.background import NICENESS
from bot.cli import main
from lokisi.db import create_engine, session_factory
from lokisi.errors import NotFound
from lokisi.importer import read_client_file
from lokisi.schemas import ClientView, MemberView
from lokisi.services import Services

FRENCH_EXPORT = """\
Type;Raison sociale;SIRET;Téléphone;Adresse;Code postal;Ville;Latitude;Longitude;Couleur
pro;Boulangerie Dupont;73282932000074;01 42 68 53 00;1 rue Cler;75007;Paris;48,86;2,33;bleu
Particulier;Élodie Martin;;06 12 34 56 78;;;Lyon;;;vert
professionnel;Garage Faux;732 829 320 00075;;;;;;;rouge
particulier;;;;;;Lyon;;;jaune

pro;Hôtel du Nord;;0142685300;102 quai de Jemmapes;7501;Paris;;;gris
"""


@pytest.fixture
def account_url(
    workdir: Path, database_url: str, manager: MemberView, monkeypatch: pytest.MonkeyPatch
) -> str:
    """DATABASE_URL of the test database, with the account "Dupont Chauffage" in it."""
    monkeypatch.setenv("DATABASE_URL", database_url)
    return database_url


def names_in(url: str, member: MemberView) -> list[str]:
    async def read() -> list[str]:
        engine = create_engine(url)
        try:
            page = await Services.over(session_factory(engine)).clients.list_page(member, limit=50)
        finally:
            await engine.dispose()
        return [client.name for client in page.items]

    return asyncio.run(read())


def test_good_rows_are_imported_and_bad_ones_written_back_with_their_reasons(
    workdir: Path,
    account_url: str,
    manager: MemberView,
    capsys: pytest.CaptureFixture[str],
    niceness: list[int],
) -> None:
    source = workdir / "clients.csv"
    source.write_text(FRENCH_EXPORT, encoding="utf-8")
    assert main(["import", str(source), "--account", str(manager.account_id)]) == 0
    output = capsys.readouterr()
    assert "2 of 5 clients imported" in output.out
    # Beside the bot: its users get the CPU first.
    assert niceness == [NICENESS]
    assert "3 rows rejected" in output.out
    assert "5/5 rows: 2 imported, 3 rejected" in output.err
    assert "ignored columns: Couleur" in output.err
    assert names_in(account_url, manager) == ["Boulangerie Dupont", "Élodie Martin"]
    with (workdir / "clients.rejected.csv").open(encoding="utf-8") as handle:
        rejected = list(csv.DictReader(handle, delimiter=";"))
    assert [(row["line"], row["Raison sociale"], row["rejected_because"]) for row in rejected] == [
        ("4", "Garage Faux", "SIRET is not a valid SIRET (check digit wrong)"),
        ("5", "", "Raison sociale is required"),
        ("7", "Hôtel du Nord", "Code postal must have 5 digits in France"),
    ]
    assert rejected[0]["Couleur"] == "rouge", "rejected rows come back whole, ready to fix"


def test_a_file_without_a_name_column_is_refused_in_one_line(
    workdir: Path, account_url: str, manager: MemberView, capsys: pytest.CaptureFixture[str]
) -> None:
    source = workdir / "contacts.csv"
    source.write_text("prénom,téléphone\nJean,0612345678\n", encoding="utf-8")
    assert main(["import", str(source), "--account", str(manager.account_id)]) == 1
    error = capsys.readouterr().err
    assert "has no name column" in error and error.count("\n") == 1


def test_an_unknown_account_is_refused(
    workdir: Path, account_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    source = workdir / "clients.csv"
    source.write_text("nom\nJean Dupont\n", encoding="utf-8")
    assert main(["import", str(source), "--account", "999999"]) == 1
    assert capsys.readouterr().err == "lokisi-bot: no account #999999 (or it has no manager)\n"


def test_comma_separated_files_with_english_headers_are_understood(workdir: Path) -> None:
    source = workdir / "clients.csv"
    source.write_text(
        "\ufefftype,name,notes,city\n"
        'particulier,Jean Dupont,"Portail bleu,\nsonner deux fois",Lyon\n',
        encoding="utf-8",
    )
    read = read_client_file(source)
    assert read.columns == {"type": "type", "name": "name", "notes": "notes", "city": "city"}
    assert read.rows == (
        (
            2,
            {
                "type": "particulier",
                "name": "Jean Dupont",
                "notes": "Portail bleu,\nsonner deux fois",
                "city": "Lyon",
            },
        ),
    )


async def test_the_importing_manager_is_the_accounts_first(
    services: Services, manager: MemberView, technicien: MemberView
) -> None:
    assert await services.accounts.first_manager(manager.account_id) == manager
    with pytest.raises(NotFound):
        await services.accounts.first_manager(manager.account_id + 1000)


def test_import_from_another_folder_creates_no_database_there(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = workdir / "clients.csv"
    source.write_text("nom\nJean Dupont\n", encoding="utf-8")
    assert main(["import", str(source), "--account", "1"]) == 1
    error = capsys.readouterr().err
    assert error.startswith(f"lokisi-bot: no database at {workdir / 'var' / 'lokisi.sqlite3'}")
    assert error.count("\n") == 1
    assert sorted(p.name for p in workdir.iterdir()) == ["clients.csv"]


def rejected_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter=";"))


def test_importing_the_same_file_twice_creates_nothing_the_second_time(
    workdir: Path, account_url: str, manager: MemberView, capsys: pytest.CaptureFixture[str]
) -> None:
    source = workdir / "clients.csv"
    source.write_text(FRENCH_EXPORT, encoding="utf-8")
    assert main(["import", str(source), "--account", str(manager.account_id)]) == 0
    capsys.readouterr()
    assert main(["import", str(source), "--account", str(manager.account_id)]) == 0
    assert "0 of 5 clients imported" in capsys.readouterr().out
    assert names_in(account_url, manager) == ["Boulangerie Dupont", "Élodie Martin"]
    rejected = rejected_rows(workdir / "clients.rejected.csv")
    assert [(row["line"], row["existing_client"]) for row in rejected] == [
        ("2", "CLI-000001"),
        ("3", "CLI-000002"),
        ("4", ""),
        ("5", ""),
        ("7", ""),
    ]
    assert rejected[0]["rejected_because"] == (
        "SIRET is already the SIRET of CLI-000001 Boulangerie Dupont: already in the account "
        "(import with --update to update it)"
    )
    assert rejected[1]["rejected_because"].startswith(
        "looks like CLI-000002 Élodie Martin (same phone number)"
    )


def test_with_update_a_row_of_a_client_the_account_has_updates_it(
    workdir: Path,
    account_url: str,
    manager: MemberView,
    services: Services,
    capsys: pytest.CaptureFixture[str],
) -> None:
    source = workdir / "clients.csv"
    source.write_text(FRENCH_EXPORT, encoding="utf-8")
    assert main(["import", str(source), "--account", str(manager.account_id)]) == 0
    source.write_text(
        "Raison sociale;SIRET;Ville;Notes\n"
        "Boulangerie Dupont;73282932000074;;Livraison le mardi\n"
        "Élodie Martin;;Lyon;\n",
        encoding="utf-8",
    )
    capsys.readouterr()
    command = ["import", str(source), "--account", str(manager.account_id), "--update"]
    assert main(command) == 0
    output = capsys.readouterr().out
    assert "0 of 2 clients imported" in output
    assert "1 clients updated, 1 already up to date" in output
    assert names_in(account_url, manager) == ["Boulangerie Dupont", "Élodie Martin"]
    page = asyncio.run(_first_client(account_url, manager))
    # Empty cells leave the values as they were: the town and the phone stay.
    assert (page.notes, page.city, page.phone) == ("Livraison le mardi", "Paris", "+33142685300")


async def _first_client(url: str, member: MemberView) -> ClientView:
    engine = create_engine(url)
    try:
        clients = Services.over(session_factory(engine)).clients
        page = await clients.list_page(member)
        return await clients.get(member, page.items[0].id)
    finally:
        await engine.dispose()
