"""Texts of the client's notes: dated, signed, added in one message."""

TEXTS: dict[str, str] = {
    "notes.button": "📝 Notes ({count})",
    "notes.title": "📝 Notes de {client}",
    "notes.none": "Aucune note pour l'instant.",
    "notes.hint": (
        "Datées et signées, les plus récentes d'abord. Le champ « Notes » de la fiche, lui, "
        "se modifie avec ✏️ Modifier."
    ),
    "notes.entry": "<b>{at} · {author}</b>\n{text}",
    "notes.add": "✍️ Ajouter une note",
    "notes.prompt": "✍️ Votre note pour {client}, en un message : répondez à celui-ci.",
    "notes.prompt_in_group": (
        "{owner}, votre note pour {client}, en un message : répondez à celui-ci."
    ),
    "notes.placeholder": "Votre note…",
    "notes.added": "✅ Note ajoutée à {client}.",
    "notes.too_long": (
        "Cette note fait {length} caractères ; une note en tient {max_length} au plus. Votre "
        "message reste ci-dessus : raccourcissez-le, puis répondez de nouveau à la question."
    ),
    "notes.blank": "Une note ne peut pas être vide : répondez à la question par un texte.",
    "notes.open": "🔎 {at} — {author}",
    "notes.note": "📝 Note de {author}, le {at}, pour {client} :\n\n{text}",
    "notes.remove": "🗑 Retirer la note",
    "notes.confirm_remove": "Retirer la note de {author} du {at} ?",
    "notes.removed": "Note retirée.",
    "notes.back": "⬅️ Notes",
    "notes.older": "Plus anciennes ▶️",
    "notes.newest": "⏮ Plus récentes",
    "notes.on_card": "📝 Dernière note ({author}, {at}) : {text}",
}
