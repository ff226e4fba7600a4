"""Client lists as files: a CSV that French Excel opens as it is (UTF-8 with BOM, ";",
decimal commas) and an XLSX, both filled batch by batch."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from datetime import date

import phonenumbers
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from lokisi.enums import ClientType
from lokisi.fields import FIELD_NAMES
from lokisi.schemas import ClientView

# "journal": the client's dated notes (lokisi.services.notes), beside its "notes" field.
COLUMNS: tuple[str, ...] = ("code", *FIELD_NAMES, "journal", "created_at")
# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

Value = str | float | date | None


def display_phone(e164: str) -> str:
    """French numbers as the French write them (06 12 34 56 78); others internationally."""
    try:
        number = phonenumbers.parse(e164)
    except phonenumbers.NumberParseException:
        return e164
    style = (
        phonenumbers.PhoneNumberFormat.NATIONAL
        if number.country_code == 33
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    return phonenumbers.format_number(number, style)


def values(
    client: ClientView, type_labels: Mapping[ClientType, str], journal: str | None = None
) -> list[Value]:
    """One client's cells, in the order of COLUMNS; `journal` is its notes, as one text."""
    cells: dict[str, Value] = client.model_dump(include=set(COLUMNS))
    cells["journal"] = journal
    cells["type"] = type_labels[client.type]
    cells["phone"] = client.phone and display_phone(client.phone)
    cells["mobile"] = client.mobile and display_phone(client.mobile)
    cells["created_at"] = client.created_at.date()
    return [cells[column] for column in COLUMNS]


class ClientExport:
    """The CSV and the XLSX of one export, written together as batches arrive."""

    def __init__(self, headers: Mapping[str, str], type_labels: Mapping[ClientType, str]) -> None:
        self.count = 0
        self._type_labels = type_labels
        self._csv_text = io.StringIO()
        self._csv = csv.writer(self._csv_text, delimiter=";", lineterminator="\r\n")
        self._book = Workbook(write_only=True)
        self._sheet = self._book.create_sheet("Clients")
        row = [headers[column] for column in COLUMNS]
        self._csv.writerow(row)
        self._sheet.append(row)

    def __enter__(self) -> ClientExport:
        return self

    def __exit__(self, *exc_info: object) -> None:
        # A write-only sheet holds a temporary file open until it is saved or closed.
        if not self._sheet.closed:
            self._sheet.close()

    def add(self, clients: Iterable[ClientView], journal: Mapping[int, str] | None = None) -> None:
        """Write these clients, each with its notes as one text (`journal`, by client id)."""
        for client in clients:
            row = values(client, self._type_labels, (journal or {}).get(client.id))
            self._csv.writerow([_csv_cell(value) for value in row])
            self._sheet.append([self._xlsx_cell(value) for value in row])
            self.count += 1

    def csv_bytes(self) -> bytes:
        # The BOM tells Excel the file is UTF-8 (it would read accents as Windows-1252).
        return self._csv_text.getvalue().encode("utf-8-sig")

    def xlsx_bytes(self) -> bytes:
        """The workbook; a write-only workbook can be saved once only."""
        buffer = io.BytesIO()
        self._book.save(buffer)
        return buffer.getvalue()

    def _xlsx_cell(self, value: Value) -> WriteOnlyCell | Value:
        if not isinstance(value, str):
            return value
        cell = WriteOnlyCell(self._sheet, value=ILLEGAL_CHARACTERS_RE.sub("", value))
        # Typed text, so that a name starting with "=" is never run as a formula.
        cell.data_type = "s"
        return cell


def _csv_cell(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.6f}".replace(".", ",")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value
