"""Texts of refusals and failures: what went wrong and what to do."""

TEXTS: dict[str, str] = {
    "errors.not_found_client": "Ce client n'existe plus (il a peut-être été supprimé).",
    "errors.not_found_document": "Ce document n'existe plus.",
    "errors.not_found_attachment": "Cette pièce n'existe plus.",
    "errors.not_found_note": "Cette note n'existe plus.",
    "errors.not_found": "Introuvable.",
    "errors.not_member": "Vous n'êtes plus membre de ce compte.",
    "errors.permission": "Réservé aux managers.",
    "errors.permission_author": "Seuls son auteur et les managers peuvent la retirer.",
    "errors.document_final": "Le document {number} est déjà {status}.",
    "errors.kind_not_allowed": "La configuration du compte ne permet pas ce type de document.",
    "errors.open_documents.one": (
        "⛔ Impossible de supprimer {client} : un document est en cours de traitement."
    ),
    "errors.open_documents.other": (
        "⛔ Impossible de supprimer {client} : {count} documents sont en cours de traitement."
    ),
    "errors.group_elsewhere": (
        "Ce groupe est déjà lié à un autre compte LoKisi. Un manager de ce compte doit "
        "d'abord le délier avec /delier."
    ),
    "errors.unexpected": (
        "Oups, quelque chose s'est mal passé de notre côté. Ce que vous avez saisi est conservé : "
        "réessayez dans un instant."
    ),
    "errors.too_old": "Ce message est trop ancien. Tapez /start pour repartir du menu.",
}
