"""Texts of "Supprimer un client" and "Supprimer plusieurs clients"."""

TEXTS: dict[str, str] = {
    "delete.confirm": "Delete {client}?",
    "delete.done": "🗑 The client {client} has been deleted.",
    "delete.restorable": "It can be restored for 30 days from the menu's “🗑 Trash”.",
    "delete.bulk_restorable.one": (
        "The deleted client can be restored for 30 days from the menu's “🗑 Trash”."
    ),
    "delete.bulk_restorable.other": (
        "Deleted clients can be restored for 30 days from the menu's “🗑 Trash”."
    ),
    "delete.document_line": "{number} — {kind}, {status}",
    "delete.open_document": "📄 {number}",
    "delete.close_first.one": "Close this document first, then the client can be deleted.",
    "delete.close_first.other": "Close these documents first, then the client can be deleted.",
    "delete.bulk_confirm.one": "Delete this client?",
    "delete.bulk_confirm.other": "Delete these clients ({count})?",
    "delete.bulk_nothing": "Nothing to delete: no client is selected.",
    "delete.bulk_title": "Deleting the selected clients:",
    "delete.bulk_deleted.one": "✅ Deleted ({count}):",
    "delete.bulk_deleted.other": "✅ Deleted ({count}):",
    "delete.bulk_refused.one": "⛔ Not deleted ({count}), documents are in progress:",
    "delete.bulk_refused.other": "⛔ Not deleted ({count}), documents are in progress:",
    "delete.bulk_gone.one": "❔ Already deleted meanwhile: {count}",
    "delete.bulk_gone.other": "❔ Already deleted meanwhile: {count}",
    "delete.bulk_close_first": "Close these documents first, then these clients can be deleted.",
    "delete.close_and_delete.one": "✅ Close the document and delete",
    "delete.close_and_delete.other": "✅ Close the {count} documents and delete",
    "delete.confirm_close_and_delete.one": "Close this document, then delete {client}?",
    "delete.confirm_close_and_delete.other": "Close these {count} documents, then delete {client}?",
    "delete.closed_documents": "✅ The documents in progress are closed.",
}
