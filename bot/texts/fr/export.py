"""Texts of the export of clients as CSV and XLSX files."""

TEXTS: dict[str, str] = {
    "export.all.one": "{count} client du compte « {account} ».",
    "export.all.other": "{count} clients du compte « {account} ».",
    "export.search.one": "{count} client trouvé pour « {query} ».",
    "export.search.other": "{count} clients trouvés pour « {query} ».",
    "export.nothing": "Aucun client à exporter.",
    "export.private_only": (
        "Pour que vos données restent entre vous et le bot, l'export se fait en message privé : "
        "ouvrez le bot et tapez /export."
    ),
    "export.open_bot": "Ouvrir le bot",
    "export.file_name": "clients",
    "export.column.code": "Code",
    "export.column.created_at": "Créé le",
    "export.column.journal": "Notes de terrain",
    "export.journal_line": "{at} {author} : {text}",
}
