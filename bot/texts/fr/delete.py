"""Texts of "Supprimer un client" and "Supprimer plusieurs clients"."""

TEXTS: dict[str, str] = {
    "delete.confirm": "Supprimer {client} ?",
    "delete.done": "🗑 Le client {client} a été supprimé.",
    "delete.restorable": "Il reste restaurable 30 jours depuis la « 🗑 Corbeille » du menu.",
    "delete.bulk_restorable.one": (
        "Le client supprimé reste restaurable 30 jours depuis la « 🗑 Corbeille » du menu."
    ),
    "delete.bulk_restorable.other": (
        "Les clients supprimés restent restaurables 30 jours depuis la « 🗑 Corbeille » du menu."
    ),
    "delete.document_line": "{number} — {kind}, {status}",
    "delete.open_document": "📄 {number}",
    "delete.close_first.one": (
        "Il faut d'abord clôturer le document afin de pouvoir supprimer le client."
    ),
    "delete.close_first.other": (
        "Il faut d'abord clôturer les documents afin de pouvoir supprimer le client."
    ),
    "delete.bulk_confirm.one": "Supprimer ce client ?",
    "delete.bulk_confirm.other": "Supprimer ces clients ({count}) ?",
    "delete.bulk_nothing": "Rien à supprimer : aucun client n'est sélectionné.",
    "delete.bulk_title": "Suppression des clients sélectionnés :",
    "delete.bulk_deleted.one": "✅ Supprimé ({count}) :",
    "delete.bulk_deleted.other": "✅ Supprimés ({count}) :",
    "delete.bulk_refused.one": (
        "⛔ Non supprimé ({count}), des documents sont en cours de traitement :"
    ),
    "delete.bulk_refused.other": (
        "⛔ Non supprimés ({count}), des documents sont en cours de traitement :"
    ),
    "delete.bulk_gone.one": "❔ Déjà supprimé entre-temps : {count}",
    "delete.bulk_gone.other": "❔ Déjà supprimés entre-temps : {count}",
    "delete.bulk_close_first": (
        "Il faut d'abord clôturer ces documents afin de pouvoir supprimer ces clients."
    ),
    "delete.close_and_delete.one": "✅ Clôturer le document et supprimer",
    "delete.close_and_delete.other": "✅ Clôturer les {count} documents et supprimer",
    "delete.confirm_close_and_delete.one": "Clôturer ce document, puis supprimer {client} ?",
    "delete.confirm_close_and_delete.other": (
        "Clôturer ces {count} documents, puis supprimer {client} ?"
    ),
    "delete.closed_documents": "✅ Les documents en cours sont clôturés.",
}
