"""Texts of the client's attachments: attaching from the chat, the list, sending one back."""

TEXTS: dict[str, str] = {
    "attachments.button": "📎 Pièces ({count})",
    "attachments.ask": "📎 Joindre {what} à {client} ?",
    "attachments.ask_in_group": "{owner} : 📎 joindre {what} à {client} ?",
    "attachments.attached": "✅ Joint à {client} : {what}.",
    "attachments.see": "📎 Voir les pièces",
    "attachments.back_to_card": "⬅️ Fiche",
    "attachments.back_to_list": "⬅️ Pièces",
    "attachments.open_a_card": (
        "📎 Pour joindre ceci à un client, ouvrez d'abord sa fiche (ou répondez à sa fiche), "
        "puis envoyez-le à nouveau."
    ),
    "attachments.unsupported": (
        "Je ne garde pas ce type de message. Je joins à la fiche d'un client les photos, "
        "documents, notes vocales, vidéos, positions et messages transférés."
    ),
    "attachments.nothing_pending": (
        "Ce qui devait être joint n'est plus en attente : envoyez-le à nouveau."
    ),
    "attachments.how": (
        "Ouvrez la fiche du client, puis envoyez la photo, le document, la note vocale ou la "
        "vidéo : le bot propose de la joindre."
    ),
    "attachments.title": "📎 Pièces de {client}",
    "attachments.none": "Aucune pièce jointe pour l'instant.",
    "attachments.hint": (
        "Pour en joindre, la fiche ouverte, envoyez une photo, un document, une note vocale, "
        "une vidéo ou transférez un message ; pour une position, ou dans un groupe, répondez "
        "à la fiche."
    ),
    "attachments.pick": "Touchez une pièce pour la recevoir ici.",
    "attachments.entry": "{what} — {author}, {at}",
    "attachments.older": "Plus anciennes ▶️",
    "attachments.newest": "⏮ Plus récentes",
    "attachments.details": "📎 {what} pour {client}\nJoint par {author} le {at}",
    "attachments.caption": "Légende : {caption}",
    "attachments.origin": "↪️ Transféré de {origin}",
    "attachments.remove": "🗑 Retirer",
    "attachments.confirm_remove": "Retirer {what} de {client} ?",
    "attachments.removed": "Pièce retirée.",
    "attachments.one.photo": "1 photo",
    "attachments.many.photo": "{count} photos",
    "attachments.one.video": "1 vidéo",
    "attachments.many.video": "{count} vidéos",
    "attachments.one.document": "1 document",
    "attachments.many.document": "{count} documents",
    "attachments.one.voice": "1 note vocale",
    "attachments.many.voice": "{count} notes vocales",
    "attachments.one.location": "1 position",
    "attachments.many.location": "{count} positions",
    "attachments.one.message": "1 message transféré",
    "attachments.many.message": "{count} messages transférés",
    "attachments.named": "{what} « {name} »",
    "attachments.forwarded_by": "↪️ {origin} :",
}
