"""Validation rules of a client, field by field."""

import pytest

from lokisi.errors import InvalidInput
from lokisi.validation import validate_client, validate_field, vat_of
from tests.factories import private_person, professional


def codes(error: InvalidInput) -> set[tuple[str, str]]:
    return {(e.field, e.code) for e in error.errors}


def test_a_valid_professional_is_stored_in_canonical_forms() -> None:
    client = validate_client(professional())
    assert client.phone == "+33142685300"
    assert client.mobile == "+33612345678"
    assert client.siret == "73282932000074"
    assert client.vat_number == "FR44732829320"
    assert client.country == "France"


def test_blank_optional_fields_are_absent() -> None:
    client = validate_client(private_person(email="  ", phone="", notes=" "))
    assert (client.email, client.phone, client.notes) == (None, None, None)


@pytest.mark.parametrize(
    ("field", "raw", "code"),
    [
        ("siret", "73282932000075", "siret_checksum"),
        ("siret", "7328293200", "siret_length"),
        ("siret", "7328293200007A", "siret_format"),
        ("vat_number", "FR41303265045", "vat_key"),
        ("vat_number", "FR4130326", "vat_format"),
        ("vat_number", "XX123", "vat_format"),
        ("phone", "appelez-moi", "phone_unparseable"),
        ("mobile", "06 12", "phone_invalid"),
        ("email", "jean@", "email_invalid"),
        ("postal_code", "7500", "postal_code_fr"),
        ("postal_code", "75 002", "postal_code_fr"),
        ("name", "x" * 121, "too_long"),
        ("name", "   ", "required"),
        ("notes", "n" * 2001, "too_long"),
        ("latitude", "nord", "number"),
        ("longitude", "200", "out_of_range"),
    ],
)
def test_a_bad_value_is_refused_with_its_field_and_reason(field: str, raw: str, code: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        validate_field(field, raw)
    assert codes(refused.value) == {(field, code)}


def test_la_poste_establishments_pass_despite_the_luhn_rule() -> None:
    assert validate_field("siret", "356 000 000 00048") == "35600000000048"


def test_a_foreign_postal_code_is_not_held_to_the_french_rule() -> None:
    assert validate_field("postal_code", "B-1000", country="Belgique") == "B-1000"
    client = validate_client(private_person(postal_code="1000", country="Belgique"))
    assert client.postal_code == "1000"


def test_a_foreign_vat_number_is_checked_by_its_own_rules() -> None:
    assert validate_field("vat_number", "BE 0403.019.261") == "BE0403019261"


def test_a_whole_client_reports_every_bad_field_at_once() -> None:
    with pytest.raises(InvalidInput) as refused:
        validate_client(professional(name="", phone="x", email="@"))
    assert codes(refused.value) == {
        ("name", "required"),
        ("phone", "phone_unparseable"),
        ("email", "email_invalid"),
    }


def test_a_french_postal_code_is_checked_on_the_whole_client() -> None:
    with pytest.raises(InvalidInput) as refused:
        validate_client(private_person(postal_code="123"))
    assert codes(refused.value) == {("postal_code", "postal_code_fr")}


def test_the_client_type_must_be_one_of_the_two() -> None:
    with pytest.raises(InvalidInput) as refused:
        validate_client(professional(type="association"))
    assert codes(refused.value) == {("type", "choice")}


def test_a_position_needs_both_coordinates() -> None:
    with pytest.raises(InvalidInput) as refused:
        validate_client(private_person(latitude=45.0))
    assert codes(refused.value) == {("latitude", "position_incomplete")}


def test_a_vat_number_of_another_company_than_the_siret_is_refused() -> None:
    with pytest.raises(InvalidInput) as refused:
        validate_client(professional(vat_number="FR40303265045"))
    assert codes(refused.value) == {("vat_number", "vat_other_siren")}
    assert refused.value.errors[0].params == {"vat": "FR44732829320"}


def test_the_vat_number_is_computed_from_the_siren() -> None:
    assert vat_of("732829320") == vat_of("73282932000074") == "FR44732829320"
    assert validate_client(professional(vat_number=vat_of("73282932000074")))
