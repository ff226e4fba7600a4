"""Client validation: each bad field becomes a FieldError with a stable code.

The validation model is built from the client's fields (lokisi.fields): each kind of value
is checked one way, whichever field holds it.

Libraries made for the job do the checking: python-stdnum (SIRET with La Poste's exception,
French TVA key, EU VAT), phonenumbers (parsing and storage in E.164), email-validator.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Annotated, Any

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
    create_model,
    model_validator,
)
from pydantic_core import PydanticCustomError
from stdnum import exceptions as stdnum_errors
from stdnum.eu import vat as eu_vat
from stdnum.fr import siren as fr_siren
from stdnum.fr import siret as fr_siret
from stdnum.fr import tva as fr_tva

from lokisi.enums import ClientType
from lokisi.errors import FieldError, InvalidInput
from lokisi.fields import CLIENT_FIELDS, FIELDS_BY_NAME, ClientField, FieldKind, kept_for

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


def _text(max_length: int) -> Any:
    return Annotated[str, StringConstraints(strip_whitespace=True, max_length=max_length)]


# Invisible, and NUL is refused by PostgreSQL in text: a modified Telegram client can send
# them. Tabs and line breaks stay (notes keep their lines).
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def _none_if_blank(value: Any) -> Any:
    if isinstance(value, str):
        value = _CONTROL_CHARACTERS.sub("", value)
        if not value.strip():
            return None
    return value


def free_text(field: str, raw: str | None, max_length: int, *, required: bool = True) -> str | None:
    """A text a member wrote (a note, a caption): invisible characters dropped, outer spaces
    trimmed; InvalidInput if it is longer than `max_length`, or blank and `required`."""
    text = _none_if_blank(raw)
    if text is None:
        if required:
            raise InvalidInput([FieldError(field, "required", {})])
        return None
    text = text.strip()
    if len(text) > max_length:
        params = {"max_length": max_length, "length": len(text)}
        raise InvalidInput([FieldError(field, "too_long", params)])
    return str(text)


Siret = Annotated[str, AfterValidator(_check_siret)]
VatNumber = Annotated[str, AfterValidator(_check_vat)]
Phone = Annotated[str, AfterValidator(_check_phone)]
Email = Annotated[str, AfterValidator(_check_email)]
Latitude = Annotated[float, Field(ge=-90, le=90)]
Longitude = Annotated[float, Field(ge=-180, le=180)]

_TYPE_OF_KIND: dict[FieldKind, Any] = {
    FieldKind.CLIENT_TYPE: ClientType,
    FieldKind.PHONE: Phone,
    FieldKind.EMAIL: Email,
    FieldKind.SIRET: Siret,
    FieldKind.VAT_NUMBER: VatNumber,
    FieldKind.LATITUDE: Latitude,
    FieldKind.LONGITUDE: Longitude,
}
# Free text, kept within its column; a postal code's shape depends on the country (see
# `_postal_code_fits`), a country is any name.
_TEXT_KINDS = (FieldKind.TEXT, FieldKind.POSTAL_CODE, FieldKind.COUNTRY)


def _annotation(field: ClientField) -> Any:
    if field.kind in _TEXT_KINDS:
        assert field.max_length is not None, f"{field.name}: a text needs a max_length"
        return _text(field.max_length)
    return _TYPE_OF_KIND[field.kind]


def _definition(field: ClientField) -> tuple[Any, Any]:
    """The field's annotation and default for `create_model` (`...`: required)."""
    if field.required:
        return _annotation(field), ...
    if field.kind is FieldKind.COUNTRY:
        return _annotation(field), DEFAULT_COUNTRY
    return _annotation(field) | None, None


class _ClientFields(BaseModel):
    """What the client model adds to its fields, which come from lokisi.fields."""

    model_config = ConfigDict(frozen=True, str_strip_whitespace=True)

    if TYPE_CHECKING:
        # Built at run time: the type checker cannot see the fields one by one.
        def __getattr__(self, name: str) -> Any: ...

    @model_validator(mode="before")
    @classmethod
    def _blank_is_absent(cls, data: Any) -> Any:
        """A blank value is no value: a required field is then missing, the country takes
        its default."""
        if not isinstance(data, Mapping):
            return data
        cleaned = {key: _none_if_blank(value) for key, value in data.items()}
        return {key: value for key, value in cleaned.items() if value is not None}

    @model_validator(mode="before")
    @classmethod
    def _company_numbers_for_companies(cls, data: Any) -> Any:
        """A private person has no SIRET nor TVA: what a form or a file gives is not kept
        (a type switched by mistake loses nothing in the form, which keeps its values)."""
        if not isinstance(data, Mapping) or data.get("type") != ClientType.PARTICULIER.value:
            return data
        dropped = set(FIELDS_BY_NAME) - {field.name for field in kept_for(ClientType.PARTICULIER)}
        return {key: value for key, value in data.items() if key not in dropped}


_DEFINITIONS: dict[str, Any] = {field.name: _definition(field) for field in CLIENT_FIELDS}
ClientInput = create_model(
    "ClientInput",
    __base__=_ClientFields,
    __doc__="A complete, valid client as the user means it; built from what they typed.",
    **_DEFINITIONS,
)


def _cross_field_errors(client: ClientInput) -> list[FieldError]:
    errors = []
    if client.postal_code is not None and not _postal_code_fits(client.postal_code, client.country):
        errors.append(FieldError("postal_code", "postal_code_fr", {}))
    if (client.latitude is None) != (client.longitude is None):
        errors.append(FieldError("latitude", "position_incomplete", {}))
    if not _same_siren(client.siret, client.vat_number):
        errors.append(FieldError("vat_number", "vat_other_siren", {"vat": vat_of(client.siret)}))
    return errors


def vat_of(siret_or_siren: str) -> str:
    """The French VAT number of a company, from its SIREN (a SIRET's first 9 digits): FR, then
    the key (12 + 3 × (SIREN mod 97)) mod 97, then the SIREN."""
    return "FR" + str(fr_siren.to_tva(siret_or_siren[:9]))


def _same_siren(siret: str | None, vat_number: str | None) -> bool:
    """A French VAT number ends with its company's SIREN, as the SIRET begins with it."""
    if siret is None or vat_number is None or not vat_number.startswith("FR"):
        return True
    return vat_number[-9:] == siret[:9]


def _postal_code_fits(postal_code: str, country: str | None) -> bool:
    return not is_france(country) or re.fullmatch(r"\d{5}", postal_code) is not None


def is_france(country: str | None) -> bool:
    return (country or DEFAULT_COUNTRY).strip().lower() in _FRANCE_NAMES


_CODE_OF_PYDANTIC_TYPE = {
    "string_too_long": "too_long",
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
        if FIELDS_BY_NAME[field].required:
            raise InvalidInput([FieldError(field, "required", {})])
        return None
    try:
        value = adapter.validate_python(value.strip() if isinstance(value, str) else value)
    except ValidationError as exc:
        errors = _field_errors(exc)
        raise InvalidInput([FieldError(field, e.code, e.params) for e in errors]) from None
    if FIELDS_BY_NAME[field].kind is FieldKind.POSTAL_CODE and not _postal_code_fits(
        value, country
    ):
        raise InvalidInput([FieldError("postal_code", "postal_code_fr", {})])
    return value


# What Telegram and people give for a position or a phone: typed coordinates, a shared contact.

_MOBILE_TYPES = (
    phonenumbers.PhoneNumberType.MOBILE,
    phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
)


def parse_position(raw: str) -> tuple[float | None, float | None]:
    """ "48.8566, 2.3522" (or with spaces, semicolons, decimal commas) as latitude and
    longitude; (None, None) for a blank position."""
    if not raw.strip():
        return None, None
    parts = re.split(r"\s*;\s*|,\s+|\s+", raw.strip())
    if len(parts) == 1:
        # "48.8566,2.3522": without a space, a lone comma separates the coordinates.
        parts = parts[0].split(",")
    if len(parts) != 2:
        raise InvalidInput([FieldError("latitude", "position_format", {})])
    latitude, longitude = (part.replace(",", ".") for part in parts)
    return validate_field("latitude", latitude), validate_field("longitude", longitude)


def contact_phone(raw: str) -> str:
    """A shared contact's number in E.164: Telegram gives one's own number without the
    "+", so a number refused as French is tried as international too."""
    try:
        return str(validate_field("mobile", raw))
    except InvalidInput:
        if raw.startswith("+"):
            raise
        return str(validate_field("mobile", "+" + raw))


def phone_field(e164: str) -> str:
    """The field a number belongs in: "mobile" for a mobile, "phone" for any other line."""
    kind = phonenumbers.number_type(phonenumbers.parse(e164))
    return "mobile" if kind in _MOBILE_TYPES else "phone"
