"""The client's fields, listed once: everything that reads or writes a client's values (the
validation model, the form, the card, the export, the import, the Corbeille's purge, the audit
snapshot) is derived from this list, so that a new field cannot be forgotten by one of them.

Adding a field: its column in `lokisi/models.py` with a migration and its attribute on
`ClientView` (`lokisi/schemas.py`), its entry below, and its label in each language
(`field.<name>` in `bot/texts/<language>/field.py`). tests/test_field_registry.py fails while
any of these is missing.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from lokisi.enums import ClientType


class FieldKind(StrEnum):
    """What a value is, which decides how it is checked and stored (see lokisi.validation)."""

    CLIENT_TYPE = "client_type"
    TEXT = "text"
    PHONE = "phone"
    EMAIL = "email"
    POSTAL_CODE = "postal_code"
    SIRET = "siret"
    VAT_NUMBER = "vat_number"
    COUNTRY = "country"
    LATITUDE = "latitude"
    LONGITUDE = "longitude"


# Values entered or shown together under one name rather than one by one.
POSITION = "position"
ADDRESS = "address"


@dataclass(frozen=True)
class ClientField:
    name: str
    kind: FieldKind
    # Personal data: erased by the Corbeille's purge 30 days after the client was deleted.
    personal: bool
    # Column headers of an imported file that mean this field, in French and English, folded
    # to lowercase letters and digits ("Code postal" → "codepostal").
    aliases: tuple[str, ...]
    max_length: int | None = None
    required: bool = False
    # In the form, a value entered with others under one name (a position is one location).
    entered_with: str | None = None
    # On the card, a value shown with others on one line (the postal address).
    shown_with: str | None = None
    # Shown in the card's title rather than on a line of its own.
    in_title: bool = False
    # A company's number (SIRET, TVA): a private person has none, and none is kept for one.
    professional_only: bool = False

    @property
    def entry(self) -> str:
        """The form field that sets this value."""
        return self.entered_with or self.name

    @property
    def line(self) -> str | None:
        """The card line that shows this value; None for the title's."""
        return None if self.in_title else self.shown_with or self.name


CLIENT_FIELDS: tuple[ClientField, ...] = (
    ClientField(
        "type",
        FieldKind.CLIENT_TYPE,
        personal=False,
        aliases=("type", "typeclient", "typedeclient", "clienttype"),
        required=True,
        in_title=True,
    ),
    ClientField(
        "name",
        FieldKind.TEXT,
        personal=True,
        aliases=("name", "nom", "raisonsociale", "raisonsocialenom", "nomraisonsociale", "client"),
        max_length=120,
        required=True,
        in_title=True,
    ),
    ClientField(
        "contact_name",
        FieldKind.TEXT,
        personal=True,
        aliases=("contact", "contactname", "nomducontact", "interlocuteur"),
        max_length=120,
    ),
    ClientField(
        "mobile",
        FieldKind.PHONE,
        personal=True,
        aliases=("mobile", "portable", "telephonemobile", "gsm"),
    ),
    ClientField(
        "phone",
        FieldKind.PHONE,
        personal=True,
        aliases=("phone", "telephone", "tel", "telephonefixe", "fixe"),
    ),
    ClientField(
        "email",
        FieldKind.EMAIL,
        personal=True,
        aliases=("email", "mail", "courriel", "adresseemail", "emailaddress"),
    ),
    ClientField(
        "address_line1",
        FieldKind.TEXT,
        personal=True,
        aliases=("address", "addressline1", "adresse", "adresse1", "adresseligne1", "rue"),
        max_length=120,
        shown_with=ADDRESS,
    ),
    ClientField(
        "address_line2",
        FieldKind.TEXT,
        personal=True,
        aliases=("addressline2", "adresse2", "adresseligne2", "complementdadresse"),
        max_length=120,
        shown_with=ADDRESS,
    ),
    ClientField(
        "postal_code",
        FieldKind.POSTAL_CODE,
        personal=True,
        aliases=("postalcode", "codepostal", "cp", "zip", "zipcode"),
        max_length=12,
        shown_with=ADDRESS,
    ),
    ClientField(
        "city",
        FieldKind.TEXT,
        personal=True,
        aliases=("city", "ville", "commune"),
        max_length=80,
        shown_with=ADDRESS,
    ),
    ClientField(
        "country",
        FieldKind.COUNTRY,
        personal=False,
        aliases=("country", "pays"),
        max_length=60,
        shown_with=ADDRESS,
    ),
    ClientField(
        "siret", FieldKind.SIRET, personal=True, aliases=("siret",), professional_only=True
    ),
    ClientField(
        "vat_number",
        FieldKind.VAT_NUMBER,
        personal=True,
        aliases=("vat", "vatnumber", "tva", "tvaintracommunautaire", "numerodetva", "ntva"),
        professional_only=True,
    ),
    ClientField(
        "latitude",
        FieldKind.LATITUDE,
        personal=True,
        aliases=("latitude", "lat"),
        entered_with=POSITION,
        shown_with=POSITION,
    ),
    ClientField(
        "longitude",
        FieldKind.LONGITUDE,
        personal=True,
        aliases=("longitude", "lon", "lng"),
        entered_with=POSITION,
        shown_with=POSITION,
    ),
    ClientField(
        "notes",
        FieldKind.TEXT,
        personal=True,
        aliases=("notes", "note", "remarques", "commentaire", "commentaires"),
        max_length=2000,
    ),
)

FIELD_NAMES: tuple[str, ...] = tuple(field.name for field in CLIENT_FIELDS)
FIELDS_BY_NAME: dict[str, ClientField] = {field.name: field for field in CLIENT_FIELDS}
PERSONAL_FIELDS: tuple[str, ...] = tuple(field.name for field in CLIENT_FIELDS if field.personal)


def entries() -> tuple[str, ...]:
    """The form's fields in order: one per value, one for values entered together."""
    return tuple(dict.fromkeys(field.entry for field in CLIENT_FIELDS))


def kept_for(client_type: ClientType) -> tuple[ClientField, ...]:
    """The fields a client of this type has (a private person has no company numbers)."""
    if client_type is ClientType.PROFESSIONNEL:
        return CLIENT_FIELDS
    return tuple(field for field in CLIENT_FIELDS if not field.professional_only)


def card_lines() -> tuple[str, ...]:
    """The card's lines in order, below its title."""
    return tuple(dict.fromkeys(f.line for f in CLIENT_FIELDS if f.line is not None))


def fields_of(name: str) -> tuple[ClientField, ...]:
    """The values a form field or a card line stands for (the position: both coordinates)."""
    return tuple(f for f in CLIENT_FIELDS if name in (f.name, f.entered_with, f.shown_with))
