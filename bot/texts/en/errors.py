"""Texts of refusals and failures: what went wrong and what to do."""

TEXTS: dict[str, str] = {
    "errors.not_found_client": "This client no longer exists (it may have been deleted).",
    "errors.not_found_document": "This document no longer exists.",
    "errors.not_found_attachment": "This attachment no longer exists.",
    "errors.not_found_note": "This note no longer exists.",
    "errors.not_found": "Not found.",
    "errors.not_member": "You are no longer a member of this account.",
    "errors.permission": "For managers only.",
    "errors.permission_author": "Only its author and managers can remove it.",
    "errors.document_final": "Document {number} is already {status}.",
    "errors.kind_not_allowed": "The account configuration does not allow this kind of document.",
    "errors.open_documents.one": "⛔ {client} cannot be deleted: a document is in progress.",
    "errors.open_documents.other": (
        "⛔ {client} cannot be deleted: {count} documents are in progress."
    ),
    "errors.group_elsewhere": (
        "This group is already linked to another LoKisi account. A manager of that account "
        "must unlink it first with /delier."
    ),
    "errors.unexpected": (
        "Oops, something went wrong on our side. What you typed is kept: try again in a moment."
    ),
    "errors.too_old": "This message is too old. Type /start to go back to the menu.",
}
