"""Texts of "Supprimer un client" and "Supprimer plusieurs clients"."""

TEXTS: dict[str, str] = {
    "delete.confirm": "Supprimer {client} ?",
    "delete.done": "🗑 Le client {client} a été supprimé.",
    "delete.restorable": "Il reste restaurable 30 jours depuis la « 🗑 Corbeille » du menu.",
    "delete.bulk_restorable": (
        "Les clients supprimés restent restaurables 30 jours depuis la « 🗑 Corbeille » du menu."
    ),
    "delete.document_line": "{number} — {kind}, {status}",
    "delete.open_document": "📄 {number}",
    "delete.close_first": (
        "Il faut d'abord clôturer les documents afin de pouvoir supprimer le client."
    ),
    "delete.bulk_confirm": "Supprimer ces clients ({count}) ?",
    "delete.bulk_nothing": "Rien à supprimer : aucun client n'est sélectionné.",
    "delete.bulk_title": "Suppression des clients sélectionnés :",
    "delete.bulk_deleted": "✅ Supprimés ({count}) :",
    "delete.bulk_refused": (
        "⛔ Non supprimés ({count}), des documents sont en cours de traitement :"
    ),
    "delete.bulk_gone": "❔ Déjà supprimés entre-temps : {count}",
    "delete.bulk_close_first": (
        "Il faut d'abord clôturer ces documents afin de pouvoir supprimer ces clients."
    ),
}
