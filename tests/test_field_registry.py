"""The client's fields are listed once (lokisi.fields), and everything that reads or writes a
client's values covers every one of them: a new field cannot be forgotten by any of them."""

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from lokisi.db import SessionFactory
from lokisi.enums import ClientType
from lokisi.errors import InvalidInput
from lokisi.exporting import COLUMNS, values
from lokisi.fields import CLIENT_FIELDS, FIELD_NAMES, PERSONAL_FIELDS
from lokisi.importer import read_client_file
from lokisi.models import Client, utcnow
from lokisi.schemas import ClientView, MemberView
from lokisi.services import Services
from lokisi.services.audit import client_snapshot
from lokisi.validation import ClientInput, validate_client, validate_field

# Columns of a client that the system sets, never the user.
SYSTEM_COLUMNS = {
    "id",
    "account_id",
    "number",
    "code",
    "sort_name",
    "version",
    "created_at",
    "updated_at",
    "deleted_at",
}


def every_field() -> dict[str, Any]:
    """A client with a value in every field."""
    return {
        "type": "professionnel",
        "name": "Boulangerie Dupont",
        "contact_name": "Jean Dupont",
        "mobile": "06 12 34 56 78",
        "phone": "01 42 68 53 00",
        "email": "contact@boulangerie-dupont.fr",
        "address_line1": "12 rue de la Paix",
        "address_line2": "Bâtiment B",
        "postal_code": "75002",
        "city": "Paris",
        "country": "France",
        "siret": "732 829 320 00074",
        "vat_number": "FR40303265045",
        "latitude": 48.8686,
        "longitude": 2.3314,
        "notes": "Code portail 1234",
    }


def test_the_client_with_every_field_fills_every_registered_field() -> None:
    assert set(every_field()) == set(FIELD_NAMES)


def stored_view() -> ClientView:
    """The client with every field as a service hands it out."""
    return ClientView.model_validate(
        {
            **validate_client(every_field()).model_dump(),
            "id": 1,
            "account_id": 1,
            "code": "CLI-000001",
            "version": 3,
            "created_at": utcnow(),
            "updated_at": utcnow(),
        }
    )


# The business: the model, validation, export, import, audit and purge.


def test_every_client_column_the_user_sets_is_a_registered_field_and_back() -> None:
    columns = set(Client.__table__.columns.keys())
    assert columns >= SYSTEM_COLUMNS
    assert columns - SYSTEM_COLUMNS == set(FIELD_NAMES)


def test_the_validation_model_has_exactly_the_registered_fields() -> None:
    assert tuple(ClientInput.model_fields) == FIELD_NAMES


def test_the_read_model_has_every_registered_field() -> None:
    assert set(FIELD_NAMES) <= set(ClientView.model_fields)


def test_a_client_with_every_field_keeps_every_value_through_validation() -> None:
    valid = validate_client(every_field())
    assert all(getattr(valid, name) is not None for name in FIELD_NAMES)


@pytest.mark.parametrize("field", CLIENT_FIELDS, ids=lambda f: f.name)
def test_every_field_is_checked_alone_and_may_be_blank_unless_required(field: Any) -> None:
    if field.required:
        with pytest.raises(InvalidInput) as refused:
            validate_field(field.name, " ")
        assert [(e.field, e.code) for e in refused.value.errors] == [(field.name, "required")]
        without = {k: v for k, v in every_field().items() if k != field.name}
        with pytest.raises(InvalidInput) as refused:
            validate_client(without)
        assert [(e.field, e.code) for e in refused.value.errors] == [(field.name, "required")]
    else:
        assert validate_field(field.name, " ") is None


def test_the_export_has_a_column_for_every_field() -> None:
    assert set(FIELD_NAMES) <= set(COLUMNS)


def test_the_export_writes_every_fields_value() -> None:
    view = stored_view()
    cells = dict(zip(COLUMNS, values(view, dict.fromkeys(ClientType, "type")), strict=True))
    assert all(cells[name] not in (None, "") for name in FIELD_NAMES)


def test_the_import_reads_every_field_by_each_of_its_names(tmp_path: Path) -> None:
    for field in CLIENT_FIELDS:
        assert field.aliases, field.name
    for position in range(max(len(f.aliases) for f in CLIENT_FIELDS)):
        headers = [f.aliases[min(position, len(f.aliases) - 1)] for f in CLIENT_FIELDS]
        path = tmp_path / f"clients-{position}.csv"
        path.write_text(";".join(headers) + "\n" + ";".join("x" for _ in headers) + "\n")
        assert sorted(read_client_file(path).columns.values()) == sorted(FIELD_NAMES)


def test_the_audit_snapshot_keeps_every_field() -> None:
    view = stored_view()
    snapshot = client_snapshot(view)
    assert set(snapshot) == {"id", "code", "version", *FIELD_NAMES}
    assert all(snapshot[name] is not None for name in FIELD_NAMES)


async def test_the_purge_erases_every_personal_field_and_keeps_the_others(
    services: Services, manager: MemberView, sessions: SessionFactory
) -> None:
    client = await services.clients.create(manager, every_field())
    await services.clients.delete(manager, client.id)
    assert await services.trash.purge_expired(utcnow() + timedelta(days=31)) == 1
    async with sessions() as session:
        row = (
            await session.execute(
                select(*(Client.__table__.c[name] for name in FIELD_NAMES)).where(
                    Client.id == client.id
                )
            )
        ).one()
    stored = dict(row._mapping)
    erased = {name: None for name in PERSONAL_FIELDS} | {"name": client.code}
    kept = {name: getattr(client, name) for name in FIELD_NAMES if name not in PERSONAL_FIELDS}
    assert stored == erased | kept


# The bot: the form, the card and the labels in each language (checks to come here).
