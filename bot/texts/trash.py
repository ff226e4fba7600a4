"""Texts of the Corbeille (deleted clients, restorable for 30 days)."""

FR: dict[str, str] = {
    "trash.button": "🗑 Corbeille",
    "trash.title": (
        "<b>Corbeille</b> — clients supprimés depuis moins de 30 jours.\n"
        "Touchez un client pour le restaurer."
    ),
    "trash.empty": "La corbeille est vide : aucun client supprimé depuis 30 jours.",
    "trash.entry": "♻️ {name} ({code}) — {deleted}",
    "trash.confirm": "Restaurer {client}, avec ses documents ?",
    "trash.restored": "{client} est restauré.",
}

EN: dict[str, str] = {
    "trash.button": "🗑 Trash",
    "trash.title": (
        "<b>Trash</b> — clients deleted less than 30 days ago.\nTap a client to restore it."
    ),
    "trash.empty": "The trash is empty: no client deleted in the last 30 days.",
    "trash.entry": "♻️ {name} ({code}) — {deleted}",
    "trash.confirm": "Restore {client}, with its documents?",
    "trash.restored": "{client} is restored.",
}
