"""Texts of the export of clients as CSV and XLSX files."""

TEXTS: dict[str, str] = {
    "export.all.one": "{count} client of the account “{account}”.",
    "export.all.other": "{count} clients of the account “{account}”.",
    "export.search.one": "{count} client found for “{query}”.",
    "export.search.other": "{count} clients found for “{query}”.",
    "export.nothing": "No client to export.",
    "export.private_only": (
        "So that your data stays between you and the bot, exports are sent in a private chat: "
        "open the bot and type /export."
    ),
    "export.open_bot": "Open the bot",
    "export.file_name": "clients",
    "export.column.code": "Code",
    "export.column.created_at": "Created on",
    "export.column.journal": "Field notes",
    "export.journal_line": "{at} {author}: {text}",
}
