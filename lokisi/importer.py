"""Importing clients from a CSV file, with the same rules as the bot's form.

Each row goes through the client service, which checks it with `validate_client` like the
bot's form and creates it (code, search words, audit) like any client; bad rows are kept
with their reasons so that the file can be corrected and imported again.

A row for a client the account already has (the same SIRET, or what looks like the same client:
lokisi.duplicates) is not created again: it is rejected naming that client, or, asked to
update, its filled cells replace that client's values. Importing a file twice therefore
creates nothing the second time.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from unidecode import unidecode

from lokisi.errors import FieldError, InvalidInput, LooksLikeDuplicate, SiretTaken
from lokisi.fields import CLIENT_FIELDS, FIELD_NAMES, FieldKind
from lokisi.schemas import ClientSummary, MemberView
from lokisi.services import Services
from lokisi.validation import validate_client

REASON_COLUMN = "rejected_because"
EXISTING_COLUMN = "existing_client"
DEFAULT_TYPE = "professionnel"

# Column headers as people write them (folded to letters and digits) → client field.
_FIELD_OF_HEADER = {alias: field.name for field in CLIENT_FIELDS for alias in field.aliases}
_COORDINATES = tuple(
    field.name for field in CLIENT_FIELDS if field.kind in (FieldKind.LATITUDE, FieldKind.LONGITUDE)
)
_TYPES = {"professionnel": "professionnel", "pro": "professionnel", "particulier": "particulier"}

# What an administrator reads in the rejected file for each validation code.
_REASONS = {
    "required": "is required",
    "too_long": "is too long (at most {max_length} characters)",
    "choice": "must be professionnel or particulier",
    "siret_length": "must have 14 digits (has {length})",
    "siret_format": "must contain digits only",
    "siret_checksum": "is not a valid SIRET (check digit wrong)",
    "vat_key": "has a wrong key",
    "vat_format": "is not an intra-community VAT number",
    "vat_other_siren": "belongs to another company than the SIRET (its VAT number is {vat})",
    "phone_unparseable": "is not a phone number",
    "phone_invalid": "is not an existing phone number",
    "email_invalid": "is not an e-mail address",
    "postal_code_fr": "must have 5 digits in France",
    "position_incomplete": "needs both latitude and longitude",
    "number": "must be a number",
    "out_of_range": "is out of range",
}


class UnusableFile(ValueError):
    """The file cannot be imported at all (no name column, not a CSV...)."""


@dataclass(frozen=True)
class ClientFile:
    """A CSV file read whole: its headers, its rows, and which header feeds which field."""

    headers: tuple[str, ...]
    rows: tuple[tuple[int, dict[str, str]], ...]
    columns: Mapping[str, str]

    @property
    def ignored_headers(self) -> list[str]:
        return [header for header in self.headers if header not in self.columns]


@dataclass(frozen=True)
class RejectedRow:
    line: int
    row: dict[str, str]
    reasons: tuple[str, ...]
    # The codes of the clients the account already has for this row, if that is the reason.
    existing: tuple[str, ...] = ()


@dataclass
class ImportReport:
    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[RejectedRow] = field(default_factory=list)
    # The clients created or updated, in the order of the file.
    client_ids: list[int] = field(default_factory=list)


Progress = Callable[[int, ImportReport], None]


def _fold(header: str) -> str:
    return re.sub(r"[^a-z0-9]", "", unidecode(header).lower())


def read_client_file(path: Path) -> ClientFile:
    """Read a CSV file (comma, semicolon or tab separated, UTF-8 with or without BOM)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise UnusableFile(f"{path} is not UTF-8 text: save it as CSV UTF-8") from None
    if not text.strip():
        raise UnusableFile(f"{path} is empty")
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(
            text.split("\n", 1)[0], delimiters=",;\t"
        )
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    headers = tuple(h.strip() for h in next(reader))
    columns = {h: _FIELD_OF_HEADER[_fold(h)] for h in headers if _fold(h) in _FIELD_OF_HEADER}
    if "name" not in columns.values():
        raise UnusableFile(
            f"{path} has no name column: its first line must name the columns, "
            "e.g. type;raison sociale;siret;téléphone;adresse;code postal;ville"
        )
    rows = []
    first_line = reader.line_num + 1
    for values in reader:
        if any(value.strip() for value in values):
            rows.append((first_line, dict(zip(headers, values, strict=False))))
        first_line = reader.line_num + 1
    return ClientFile(headers=headers, rows=tuple(rows), columns=columns)


def client_data(row: Mapping[str, str], columns: Mapping[str, str]) -> dict[str, str]:
    """The client fields of one row, as the form would receive them."""
    data = {name: (row.get(header) or "").strip() for header, name in columns.items()}
    kind = _fold(data.get("type", "")) or DEFAULT_TYPE
    data["type"] = _TYPES.get(kind, kind)
    for coordinate in _COORDINATES:
        if coordinate in data:
            # French spreadsheets write 48,8566.
            data[coordinate] = data[coordinate].replace(",", ".")
    return data


def reasons(errors: Iterable[FieldError], columns: Mapping[str, str]) -> tuple[str, ...]:
    header_of = {name: header for header, name in columns.items()}
    return tuple(
        f"{header_of.get(error.field, error.field)} "
        f"{_REASONS.get(error.code, error.code).format_map(_Defaulting(error.params))}"
        for error in errors
    )


class _Defaulting(dict[str, object]):
    def __missing__(self, key: str) -> str:
        return "?"


async def import_clients(
    services: Services,
    account_id: int,
    client_file: ClientFile,
    progress: Progress | None = None,
    *,
    update: bool = False,
) -> ImportReport:
    """Create the valid rows as clients of the account; collect the others with reasons.
    With `update`, a row for a client the account has updates it instead of being rejected."""
    actor = await services.accounts.first_manager(account_id)
    report = ImportReport()
    for done, (line, row) in enumerate(client_file.rows, start=1):
        data = client_data(row, client_file.columns)
        try:
            # The service validates with validate_client, as for the bot's form. Addresses are
            # placed afterwards, a thousand to a request (lokisi.services.placing).
            created = await services.clients.create(actor, data, place=False)
        except InvalidInput as invalid:
            report.rejected.append(
                RejectedRow(line, row, reasons(invalid.errors, client_file.columns))
            )
        except (SiretTaken, LooksLikeDuplicate) as duplicate:
            existing = _existing(duplicate)
            if update and len(existing) == 1:
                await _update(services, actor, existing[0], data, client_file, report, line, row)
            else:
                hint = _SEVERAL_HINT if update else _UPDATE_HINT
                report.rejected.append(_duplicate_row(line, row, duplicate, existing, hint))
        else:
            report.imported += 1
            report.client_ids.append(created.id)
        if progress is not None:
            progress(done, report)
    return report


def _existing(duplicate: SiretTaken | LooksLikeDuplicate) -> list[ClientSummary]:
    if isinstance(duplicate, SiretTaken):
        return [duplicate.existing]
    return [match.client for match in duplicate.matches]


def _duplicate_row(
    line: int,
    row: dict[str, str],
    duplicate: SiretTaken | LooksLikeDuplicate,
    existing: list[ClientSummary],
    hint: str = "",
) -> RejectedRow:
    named = ", ".join(f"{client.code} {client.name}" for client in existing)
    if isinstance(duplicate, SiretTaken):
        reason = f"SIRET is already the SIRET of {named}"
    else:
        same = " and ".join(sorted({_SAME[match.reason.value] for match in duplicate.matches}))
        reason = f"looks like {named} ({same})"
    return RejectedRow(line, row, (reason + hint,), tuple(client.code for client in existing))


_UPDATE_HINT = ": already in the account (import with --update to update it)"
_SEVERAL_HINT = ": several clients match, update the right one by hand"
_SAME = {"phone": "same phone number", "name": "same name in the same place"}


async def _update(
    services: Services,
    actor: MemberView,
    target: ClientSummary,
    data: dict[str, str],
    client_file: ClientFile,
    report: ImportReport,
    line: int,
    row: dict[str, str],
) -> None:
    """The filled cells of the row replace the client's values; the others stay as they are."""
    current = await services.clients.get(actor, target.id)
    values = current.model_dump(include=set(FIELD_NAMES))
    given = set(client_file.columns.values())
    values.update({name: value for name, value in data.items() if value and name in given})
    try:
        if (
            validate_client(values).model_dump()
            == validate_client(current.model_dump(include=set(FIELD_NAMES))).model_dump()
        ):
            report.unchanged += 1
            return
        # Told to update this client: looking like others is what brought the row here.
        await services.clients.update(
            actor,
            target.id,
            values,
            expected_version=current.version,
            allow_duplicate=True,
            place=False,
        )
    except InvalidInput as invalid:
        report.rejected.append(RejectedRow(line, row, reasons(invalid.errors, client_file.columns)))
    except SiretTaken as taken:
        report.rejected.append(_duplicate_row(line, row, taken, [taken.existing]))
    else:
        report.updated += 1
        report.client_ids.append(target.id)


def rejected_path(path: Path) -> Path:
    """clients.csv → clients.rejected.csv, beside it."""
    return path.with_name(f"{path.stem}.rejected{path.suffix or '.csv'}")


def write_rejected(path: Path, headers: Sequence[str], rejected: Sequence[RejectedRow]) -> None:
    """The rejected rows as they were, with the line number and the reasons, ready to fix."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(["line", *headers, REASON_COLUMN, EXISTING_COLUMN])
        for item in rejected:
            values = [item.row.get(header, "") for header in headers]
            writer.writerow([item.line, *values, "; ".join(item.reasons), " ".join(item.existing)])
