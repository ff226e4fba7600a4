"""Client validation: each bad field becomes a FieldError with a stable code.

Libraries made for the job do the checking: python-stdnum (SIRET with La Poste's exception,
French TVA key, EU VAT), phonenumbers (parsing and storage in E.164), email-validator.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Annotated, Any

import phonenumbers
from email_validator import EmailNotValidError, validate_email
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    TypeAdapter,
    ValidationError,
    model_validator,
)
from pydantic_core import PydanticCustomError
from stdnum import exceptions as stdnum_errors
from stdnum.eu import vat as eu_vat
from stdnum.fr import siret as fr_siret
from stdnum.fr import tva as fr_tva

from lokisi.enums import ClientType
from lokisi.errors import FieldError, InvalidInput

DEFAULT_COUNTRY = "France"
_FRANCE_NAMES = {"france", "fr", "fra", "republique francaise"}


def _fail(code: str, message: str, **params: Any) -> PydanticCustomError:
    return PydanticCustomError(code, message, params or None)


def _check_siret(raw: str) -> str:
    try:
        return str(fr_siret.validate(raw))
    except stdnum_errors.InvalidLength as exc:
        digits = len(fr_siret.compact(raw))
        raise _fail("siret_length", "SIRET must have 14 digits", length=digits) from exc
    except stdnum_errors.InvalidFormat as exc:
        raise _fail("siret_format", "SIRET must contain digits only") from exc
    except stdnum_errors.InvalidChecksum as exc:
        raise _fail("siret_checksum", "SIRET checksum is wrong") from exc


def _check_vat(raw: str) -> str:
    try:
        compact = eu_vat.compact(raw)
        if compact.startswith("FR") or compact[:2].isdigit():
            return "FR" + str(fr_tva.validate(compact))
        return str(eu_vat.validate(compact))
    except stdnum_errors.InvalidChecksum as exc:
        raise _fail("vat_key", "VAT number key is wrong") from exc
    except stdnum_errors.ValidationError as exc:
        raise _fail("vat_format", "VAT number is not well formed") from exc


def _check_phone(raw: str) -> str:
    try:
        number = phonenumbers.parse(raw, "FR")
    except phonenumbers.NumberParseException as exc:
        raise _fail("phone_unparseable", "not a phone number") from exc
    if not phonenumbers.is_valid_number(number):
        raise _fail("phone_invalid", "phone number does not exist")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _check_email(raw: str) -> str:
    try:
        return validate_email(raw, check_deliverability=False).normalized
    except EmailNotValidError as exc:
        raise _fail("email_invalid", "not an e-mail address") from exc


def _text(max_length: int, min_length: int = 0) -> Any:
    return Annotated[
        str,
        StringConstraints(strip_whitespace=True, min_length=min_length, max_length=max_length),
    ]


# Invisible, and NUL is refused by PostgreSQL in text: a modified Telegram client can send
# them. Tabs and line breaks stay (notes keep their lines).
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def _none_if_blank(value: Any) -> Any:
    if isinstance(value, str):
        value = _CONTROL_CHARACTERS.sub("", value)
        if not value.strip():
            return None
    return value


Siret = Annotated[str, AfterValidator(_check_siret)]
VatNumber = Annotated[str, AfterValidator(_check_vat)]
Phone = Annotated[str, AfterValidator(_check_phone)]
Email = Annotated[str, AfterValidator(_check_email)]
Latitude = Annotated[float, Field(ge=-90, le=90)]
Longitude = Annotated[float, Field(ge=-180, le=180)]


class ClientInput(BaseModel):
    """A complete, valid client as the user means it; built from what they typed."""

    model_config = ConfigDict(frozen=True, str_strip_whitespace=True)

    type: ClientType
    name: _text(120, min_length=1)  # type: ignore[valid-type]
    contact_name: _text(120) | None = None  # type: ignore[valid-type]
    phone: Phone | None = None
    mobile: Phone | None = None
    email: Email | None = None
    siret: Siret | None = None
    vat_number: VatNumber | None = None
    address_line1: _text(120) | None = None  # type: ignore[valid-type]
    address_line2: _text(120) | None = None  # type: ignore[valid-type]
    postal_code: _text(12) | None = None  # type: ignore[valid-type]
    city: _text(80) | None = None  # type: ignore[valid-type]
    country: _text(60) = DEFAULT_COUNTRY  # type: ignore[valid-type]
    latitude: Latitude | None = None
    longitude: Longitude | None = None
    notes: _text(2000) | None = None  # type: ignore[valid-type]

    @model_validator(mode="before")
    @classmethod
    def _blank_is_absent(cls, data: Any) -> Any:
        if not isinstance(data, Mapping):
            return data
        cleaned = {key: _none_if_blank(value) for key, value in data.items()}
        if cleaned.get("country") is None:
            cleaned["country"] = DEFAULT_COUNTRY
        if cleaned.get("name") is None:
            cleaned["name"] = ""
        return cleaned


def _cross_field_errors(client: ClientInput) -> list[FieldError]:
    errors = []
    if client.postal_code is not None and not _postal_code_fits(client.postal_code, client.country):
        errors.append(FieldError("postal_code", "postal_code_fr", {}))
    if (client.latitude is None) != (client.longitude is None):
        errors.append(FieldError("latitude", "position_incomplete", {}))
    return errors


def _postal_code_fits(postal_code: str, country: str | None) -> bool:
    return not is_france(country) or re.fullmatch(r"\d{5}", postal_code) is not None


def is_france(country: str | None) -> bool:
    return (country or DEFAULT_COUNTRY).strip().lower() in _FRANCE_NAMES


_CODE_OF_PYDANTIC_TYPE = {
    "string_too_long": "too_long",
    "string_too_short": "required",
    "missing": "required",
    "enum": "choice",
    "float_parsing": "number",
    "greater_than_equal": "out_of_range",
    "less_than_equal": "out_of_range",
}


def _field_errors(error: ValidationError) -> list[FieldError]:
    found = []
    for item in error.errors():
        code = _CODE_OF_PYDANTIC_TYPE.get(item["type"], item["type"])
        field = str(item["loc"][0]) if item["loc"] else "client"
        found.append(FieldError(field=field, code=code, params=dict(item.get("ctx") or {})))
    return found


def validate_client(data: Mapping[str, Any]) -> ClientInput:
    """Validate a whole client, raising InvalidInput with every bad field at once."""
    try:
        client = ClientInput.model_validate(dict(data))
    except ValidationError as exc:
        raise InvalidInput(_field_errors(exc)) from None
    errors = _cross_field_errors(client)
    if errors:
        raise InvalidInput(errors)
    return client


def _adapter(annotation: Any, metadata: list[Any]) -> TypeAdapter[Any]:
    if metadata:
        annotation = Annotated[(annotation, *metadata)]
    return TypeAdapter(annotation)


_FIELD_ADAPTERS = {
    name: _adapter(info.annotation, info.metadata)
    for name, info in ClientInput.model_fields.items()
}


def validate_field(field: str, raw: str, *, country: str | None = None) -> Any:
    """Check one value as the user types it, so that a form can refuse it on the spot.

    Returns the stored form (E.164 phone, compact SIRET...), None for a blank optional value.
    """
    adapter = _FIELD_ADAPTERS[field]
    value: Any = _none_if_blank(raw)
    if value is None:
        if field == "name":
            raise InvalidInput([FieldError("name", "required", {})])
        return None
    try:
        value = adapter.validate_python(value.strip() if isinstance(value, str) else value)
    except ValidationError as exc:
        errors = _field_errors(exc)
        raise InvalidInput([FieldError(field, e.code, e.params) for e in errors]) from None
    if field == "postal_code" and not _postal_code_fits(value, country):
        raise InvalidInput([FieldError("postal_code", "postal_code_fr", {})])
    return value


# Values the form gets otherwise than typed one by one: a typed position, a shared contact.

_MOBILE_TYPES = (
    phonenumbers.PhoneNumberType.MOBILE,
    phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
)


def parse_position(raw: str) -> tuple[float | None, float | None]:
    """ "48.8566, 2.3522" (or with spaces, semicolons, decimal commas) as latitude, longitude."""
    if not raw.strip():
        return None, None
    parts = re.split(r"\s*;\s*|,\s+|\s+", raw.strip())
    if len(parts) == 1:
        parts = parts[0].split(",")
    if len(parts) != 2:
        raise InvalidInput([FieldError("latitude", "position_format", {})])
    latitude, longitude = (part.replace(",", ".") for part in parts)
    return validate_field("latitude", latitude), validate_field("longitude", longitude)


def contact_phone(raw: str) -> str:
    """A shared contact's number; Telegram gives one's own number without the "+"."""
    try:
        return str(validate_field("mobile", raw))
    except InvalidInput:
        if raw.startswith("+"):
            raise
        return str(validate_field("mobile", "+" + raw))


def phone_field(e164: str) -> str:
    """The field a number belongs in: "mobile" or "phone"."""
    kind = phonenumbers.number_type(phonenumbers.parse(e164))
    return "mobile" if kind in _MOBILE_TYPES else "phone"
