"""Exporting an account's clients: managers only, in name order, batch by batch."""

import csv
import io

import openpyxl
import pytest

from lokisi.enums import ClientType
from lokisi.errors import PermissionDenied
from lokisi.exporting import COLUMNS, ClientExport
from lokisi.schemas import ClientView, MemberView
from lokisi.services import Services
from tests.factories import private_person, professional, unnumbered

HEADERS = {column: column.upper() for column in COLUMNS}
TYPES = {ClientType.PROFESSIONNEL: "Pro", ClientType.PARTICULIER: "Part"}


async def exported(services: Services, actor: MemberView, **kwargs: object) -> list[list[str]]:
    return [
        [client.name for client in batch]
        async for batch in services.clients.export(actor, **kwargs)  # type: ignore[arg-type]
    ]


async def test_every_live_client_comes_once_in_name_order_in_batches(
    services: Services, manager: MemberView, outsider_manager: MemberView
) -> None:
    for name in ("Delta", "alpha", "Écrin", "Charlie", "Bravo"):
        await services.clients.create(manager, private_person(name=name))
    gone = await services.clients.create(manager, private_person(name="Zombie"))
    await services.clients.delete(manager, gone.id)
    await services.clients.create(outsider_manager, private_person(name="Secret"))
    assert await exported(services, manager, batch=2) == [
        ["alpha", "Bravo"],
        ["Charlie", "Delta"],
        ["Écrin"],
    ]


async def test_a_search_exports_its_results_only(services: Services, manager: MemberView) -> None:
    await services.clients.create(manager, professional())
    await services.clients.create(manager, private_person(name="Dupont Marcel"))
    await services.clients.create(manager, private_person(name="Martin"))
    assert await exported(services, manager, query="dupont") == [
        ["Boulangerie Dupont", "Dupont Marcel"]
    ]


async def test_a_technicien_cannot_export(
    services: Services, manager: MemberView, technicien: MemberView
) -> None:
    with pytest.raises(PermissionDenied):
        await exported(services, technicien)
    await services.clients.create(manager, professional())
    with pytest.raises(PermissionDenied):
        await exported(services, technicien)


async def test_details_are_the_full_records_of_the_own_account_only(
    services: Services, manager: MemberView, outsider_manager: MemberView
) -> None:
    mine = await services.clients.create(manager, professional())
    theirs = await services.clients.create(outsider_manager, professional(name="Secret"))
    gone = await services.clients.create(manager, unnumbered(name="Parti"))
    await services.clients.delete(manager, gone.id)
    assert await services.clients.details(manager, [theirs.id, gone.id, mine.id]) == [mine]


async def client(services: Services, manager: MemberView, **overrides: object) -> ClientView:
    return await services.clients.create(manager, professional(**overrides))


async def test_the_csv_opens_in_french_excel_and_runs_no_formula(
    services: Services, manager: MemberView
) -> None:
    rows = [await client(services, manager, name="=HYPERLINK(1)", latitude=48.5, longitude=2.25)]
    with ClientExport(HEADERS, TYPES) as files:
        files.add(rows)
    data = files.csv_bytes()
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == [column.upper() for column in COLUMNS]
    row = dict(zip(COLUMNS, rows[1], strict=True))
    assert row["name"] == "'=HYPERLINK(1)"
    assert row["type"] == "Pro"
    assert row["mobile"] == "06 12 34 56 78"
    assert (row["latitude"], row["longitude"]) == ("48,500000", "2,250000")
    assert row["siret"] == "73282932000074"
    assert files.count == 1


async def test_the_xlsx_holds_typed_cells(services: Services, manager: MemberView) -> None:
    rows = [await client(services, manager, name="=1+1", notes="ligne\x07bip")]
    with ClientExport(HEADERS, TYPES) as files:
        files.add(rows)
        data = files.xlsx_bytes()
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    assert sheet is not None
    header, row = ([cell.value for cell in r] for r in sheet.iter_rows())
    values = dict(zip(header, row, strict=True))
    assert values["NAME"] == "=1+1" and sheet["C2"].data_type == "s"
    assert values["NOTES"] == "lignebip"
    assert values["POSTAL_CODE"] == "75002"
