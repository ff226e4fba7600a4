"""Texts of the Corbeille (deleted clients, restorable for 30 days)."""

TEXTS: dict[str, str] = {
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
