"""Each client field's name, wherever it appears: the form, the card, the export."""

TEXTS: dict[str, str] = {
    "field.type": "Type",
    "field.name": "Company name / Name",
    "field.name.professionnel": "Company name",
    "field.name.particulier": "Name",
    "field.contact_name": "Contact",
    "field.mobile": "Mobile",
    "field.phone": "Phone",
    "field.email": "E-mail",
    "field.address": "Address",
    "field.address_line1": "Address",
    "field.address_line2": "Address line 2",
    "field.postal_code": "Postal code",
    "field.city": "Town",
    "field.country": "Country",
    "field.siret": "SIRET",
    "field.vat_number": "EU VAT number",
    "field.position": "GPS position",
    "field.latitude": "Latitude",
    "field.longitude": "Longitude",
    "field.notes": "Notes",
}
