"""Texts of the export of clients as CSV and XLSX files."""

TEXTS: dict[str, str] = {
    "export.all": "{count} clients du compte « {account} ».",
    "export.search": "{count} clients trouvés pour « {query} ».",
    "export.nothing": "Aucun client à exporter.",
    "export.private_only": (
        "Pour que vos données restent entre vous et le bot, l'export se fait en message privé : "
        "ouvrez le bot et tapez /export."
    ),
    "export.open_bot": "Ouvrir le bot",
    "export.file_name": "clients",
    "export.column.code": "Code",
    "export.column.type": "Type",
    "export.column.name": "Raison sociale / Nom",
    "export.column.contact_name": "Contact",
    "export.column.phone": "Téléphone",
    "export.column.mobile": "Mobile",
    "export.column.email": "E-mail",
    "export.column.siret": "SIRET",
    "export.column.vat_number": "TVA intracommunautaire",
    "export.column.address_line1": "Adresse",
    "export.column.address_line2": "Complément d'adresse",
    "export.column.postal_code": "Code postal",
    "export.column.city": "Ville",
    "export.column.country": "Pays",
    "export.column.latitude": "Latitude",
    "export.column.longitude": "Longitude",
    "export.column.notes": "Notes",
    "export.column.created_at": "Créé le",
}
