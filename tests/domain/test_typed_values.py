"""What people type for a position, and what Telegram gives for a shared contact's phone."""

import pytest

from lokisi.errors import InvalidInput
from lokisi.validation import contact_phone, parse_position, phone_field


def codes(error: InvalidInput) -> set[tuple[str, str]]:
    return {(e.field, e.code) for e in error.errors}


@pytest.mark.parametrize(
    "raw",
    [
        "48.8566, 2.3522",
        "48.8566,2.3522",
        "48.8566 2.3522",
        "  48.8566   2.3522  ",
        "48.8566;2.3522",
        "48.8566 ; 2.3522",
        "48,8566; 2,3522",
        "48,8566 2,3522",
    ],
)
def test_a_typed_position_is_read_however_it_is_separated(raw: str) -> None:
    assert parse_position(raw) == (48.8566, 2.3522)


def test_a_blank_position_is_no_position() -> None:
    assert parse_position("   ") == (None, None)


@pytest.mark.parametrize("raw", ["48.8566", "48.8566, 2.3522, 7", "48,8566,2,3522"])
def test_a_position_that_is_not_two_numbers_is_refused_as_badly_written(raw: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_position(raw)
    assert codes(refused.value) == {("latitude", "position_format")}


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("91, 2", {("latitude", "out_of_range")}),
        ("48, 181", {("longitude", "out_of_range")}),
        ("nord, 2", {("latitude", "number")}),
    ],
)
def test_each_coordinate_is_held_to_its_range(raw: str, expected: set[tuple[str, str]]) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_position(raw)
    assert codes(refused.value) == expected


def test_ones_own_number_shared_without_a_plus_is_read_as_international() -> None:
    assert contact_phone("33612345678") == "+33612345678"
    assert contact_phone("447911123456") == "+447911123456"


def test_a_shared_national_number_is_read_as_french() -> None:
    assert contact_phone("06 12 34 56 78") == "+33612345678"


def test_a_shared_number_that_is_no_phone_is_refused() -> None:
    with pytest.raises(InvalidInput) as refused:
        contact_phone("+12")
    assert codes(refused.value) == {("mobile", "phone_unparseable")}


def test_a_mobile_number_goes_in_mobile_and_a_landline_in_phone() -> None:
    assert phone_field("+33612345678") == "mobile"
    assert phone_field("+33142685300") == "phone"
