"""Texts of "Supprimer un client" and "Supprimer plusieurs clients"."""

TEXTS: dict[str, str] = {
    "delete.confirm": "Delete {client}?",
    "delete.done": "🗑 The client {client} has been deleted.",
    "delete.restorable": "It can be restored for 30 days from the menu's “🗑 Trash”.",
    "delete.bulk_restorable": (
        "Deleted clients can be restored for 30 days from the menu's “🗑 Trash”."
    ),
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
