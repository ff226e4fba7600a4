"""Texts of refusals and failures: what went wrong and what to do."""

FR: dict[str, str] = {
    "errors.not_found_client": "Ce client n'existe plus (il a peut-être été supprimé).",
    "errors.not_found_document": "Ce document n'existe plus.",
    "errors.not_found_member": "Ce membre n'existe plus.",
    "errors.not_found": "Introuvable.",
    "errors.not_member": "Vous n'êtes plus membre de ce compte.",
    "errors.permission": "Réservé aux managers.",
    "errors.document_final": "Le document {number} est déjà {status}.",
    "errors.kind_not_allowed": "La configuration du compte ne permet pas ce type de document.",
    "errors.last_manager": "Le compte doit garder au moins un manager.",
    "errors.open_documents": (
        "Suppression impossible : {count} document(s) en cours. Clôturez-les d'abord."
    ),
    "errors.group_elsewhere": "Ce groupe est déjà lié à un autre compte LoKisi.",
    "errors.unexpected": (
        "Oups, quelque chose s'est mal passé de notre côté. Ce que vous avez saisi est conservé : "
        "réessayez dans un instant."
    ),
    "errors.too_old": "Ce message est trop ancien. Tapez /start pour repartir du menu.",
}

EN: dict[str, str] = {
    "errors.not_found_client": "This client no longer exists (it may have been deleted).",
    "errors.not_found_document": "This document no longer exists.",
    "errors.not_found_member": "This member no longer exists.",
    "errors.not_found": "Not found.",
    "errors.not_member": "You are no longer a member of this account.",
    "errors.permission": "For managers only.",
    "errors.document_final": "Document {number} is already {status}.",
    "errors.kind_not_allowed": "The account configuration does not allow this kind of document.",
    "errors.last_manager": "The account must keep at least one manager.",
    "errors.open_documents": ("Cannot delete: {count} document(s) in progress. Close them first."),
    "errors.group_elsewhere": "This group is already linked to another LoKisi account.",
    "errors.unexpected": (
        "Oops, something went wrong on our side. What you typed is kept: try again in a moment."
    ),
    "errors.too_old": "This message is too old. Type /start to go back to the menu.",
}
