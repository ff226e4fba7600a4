"""Texts of the export of clients as CSV and XLSX files."""

TEXTS: dict[str, str] = {
    "export.all": "{count} clients of the account “{account}”.",
    "export.search": "{count} clients found for “{query}”.",
    "export.nothing": "No client to export.",
    "export.private_only": (
        "So that your data stays between you and the bot, exports are sent in a private chat: "
        "open the bot and type /export."
    ),
    "export.open_bot": "Open the bot",
    "export.file_name": "clients",
    "export.column.code": "Code",
    "export.column.type": "Type",
    "export.column.name": "Company name / Name",
    "export.column.contact_name": "Contact",
    "export.column.phone": "Phone",
    "export.column.mobile": "Mobile",
    "export.column.email": "E-mail",
    "export.column.siret": "SIRET",
    "export.column.vat_number": "VAT number",
    "export.column.address_line1": "Address",
    "export.column.address_line2": "Address (continued)",
    "export.column.postal_code": "Postal code",
    "export.column.city": "Town",
    "export.column.country": "Country",
    "export.column.latitude": "Latitude",
    "export.column.longitude": "Longitude",
    "export.column.notes": "Notes",
    "export.column.created_at": "Created on",
}
