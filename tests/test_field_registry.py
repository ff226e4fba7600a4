"""The client's fields are listed once (lokisi.fields), and everything that reads or writes a
client's values covers every one of them: a new field cannot be forgotten by any of them."""

import html
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from bot.drafts import EDITABLE, client_values, draft_of
from bot.i18n import t
from bot.languages import CODES
from bot.payloads import FormField
from bot.texts import CATALOGS
from bot.views.card import card_text
from bot.views.export import export_headers
from bot.views.form import form_view
from bot.views.values import display_value
from lokisi.db import SessionFactory
from lokisi.enums import ClientType
from lokisi.errors import InvalidInput
from lokisi.exporting import COLUMNS, values
from lokisi.fields import CLIENT_FIELDS, FIELD_NAMES, PERSONAL_FIELDS, card_lines, fields_of
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
    "name_key",
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
        "vat_number": "FR44732829320",
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


# The bot: the form, the card, the export's headers and the labels in each language.


def test_the_form_has_a_field_for_every_value_and_a_button_for_each() -> None:
    assert {f.name for e in EDITABLE for f in fields_of(e)} | {"type"} == set(FIELD_NAMES)
    draft = draft_of(stored_view())
    _, markup = form_view("fr", draft)
    tapped = {
        FormField.unpack(button.callback_data).field
        for row in markup.inline_keyboard
        for button in row
        if str(button.callback_data).startswith(f"{FormField.prefix}:")
    }
    assert tapped == set(EDITABLE)


@pytest.mark.parametrize("lang", CODES)
def test_the_form_shows_every_value_of_the_draft(lang: str) -> None:
    view = stored_view()
    text, _ = form_view(lang, draft_of(view))
    for entry in ("type", *EDITABLE):
        assert display_value(lang, entry, client_values(view)) in html.unescape(text), entry


@pytest.mark.parametrize("lang", CODES)
def test_the_card_shows_every_value_on_a_labelled_line(lang: str) -> None:
    view = stored_view()
    card = html.unescape(card_text(lang, view))
    assert view.name in card and t(lang, f"client_type.{view.type.value}") in card
    for line in card_lines():
        assert t(lang, "common.line", label=t(lang, f"field.{line}"), value="") in card, line
    shown = {f.name for line in card_lines() for f in fields_of(line)} | {"name", "type"}
    assert shown == set(FIELD_NAMES)


@pytest.mark.parametrize("lang", CODES)
def test_every_field_has_a_label_in_every_language(lang: str) -> None:
    names = {*FIELD_NAMES, *EDITABLE, *card_lines()}
    for name in names:
        assert t(lang, f"field.{name}").strip(), name
        assert f"field.{name}" in CATALOGS[lang], name
    for client_type in ClientType:
        assert f"field.name.{client_type.value}" in CATALOGS[lang]
    for entry in EDITABLE:
        assert f"form.example.{entry}" in CATALOGS[lang] or entry == "name", entry
    assert set(export_headers(lang)) == set(COLUMNS)
