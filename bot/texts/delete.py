"""Texts of "Supprimer un client" and "Supprimer plusieurs clients"."""

FR: dict[str, str] = {
    "delete.confirm": "Supprimer {client} ?",
    "delete.done": "🗑 Le client {client} a été supprimé.",
    "delete.restorable": "Il reste restaurable 30 jours depuis la « 🗑 Corbeille » du menu.",
    "delete.bulk_restorable": (
        "Les clients supprimés restent restaurables 30 jours depuis la « 🗑 Corbeille » du menu."
    ),
    "delete.refused": (
        "⛔ Impossible de supprimer {client} : des documents sont en cours de traitement."
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

EN: dict[str, str] = {
    "delete.confirm": "Delete {client}?",
    "delete.done": "🗑 The client {client} has been deleted.",
    "delete.restorable": "It can be restored for 30 days from the menu's “🗑 Trash”.",
    "delete.bulk_restorable": (
        "Deleted clients can be restored for 30 days from the menu's “🗑 Trash”."
    ),
    "delete.refused": "⛔ {client} cannot be deleted: documents are in progress.",
    "delete.document_line": "{number} — {kind}, {status}",
    "delete.open_document": "📄 {number}",
    "delete.close_first": "Close these documents first, then the client can be deleted.",
    "delete.bulk_confirm": "Delete these clients ({count})?",
    "delete.bulk_nothing": "Nothing to delete: no client is selected.",
    "delete.bulk_title": "Deleting the selected clients:",
    "delete.bulk_deleted": "✅ Deleted ({count}):",
    "delete.bulk_refused": "⛔ Not deleted ({count}), documents are in progress:",
    "delete.bulk_gone": "❔ Already deleted meanwhile: {count}",
    "delete.bulk_close_first": "Close these documents first, then these clients can be deleted.",
}
