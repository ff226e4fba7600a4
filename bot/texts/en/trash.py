"""Texts of the Corbeille (deleted clients, restorable for 30 days)."""

TEXTS: dict[str, str] = {
    "trash.button": "🗑 Trash",
    "trash.title": (
        "<b>Trash</b> — clients deleted less than 30 days ago.\nTap a client to restore it."
    ),
    "trash.empty": "The trash is empty: no client deleted in the last 30 days.",
    "trash.entry": "♻️ {name} ({code}) — {deleted}",
    "trash.confirm": "Restore {client}, with its documents?",
    "trash.restored": "{client} is restored.",
}
