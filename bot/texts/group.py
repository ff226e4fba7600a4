"""Texts of group chats: linking a group, /client, and the activity feed."""

FR: dict[str, str] = {
    "group.linked": (
        "✅ Groupe lié au compte « {account} ».\n"
        "Ici, chaque membre du compte peut :\n"
        "• chercher un client : /client dupont\n"
        "• ouvrir sa fiche et tout y faire : modifier, appeler, localiser, créer une "
        "intervention…\n"
        "Partout ailleurs, tapez @{bot} dupont pour partager une fiche.\n"
        "Un manager délie le groupe avec /delier."
    ),
    "group.linked_elsewhere": (
        "Ce groupe est déjà lié à un autre compte LoKisi. Un manager de ce compte doit "
        "d'abord le délier avec /delier."
    ),
    "group.unlinked": "Groupe délié du compte « {account} » : le bot n'y répond plus.",
    "group.in_groups_only": (
        "Envoyez /lier dans le groupe à lier, après y avoir ajouté le bot. Pour délier un "
        "groupe, envoyez /delier dans ce groupe."
    ),
    "group.client_usage": (
        "Tapez /client suivi d'une partie du nom, du code ou de la ville. Exemple : /client dupont"
    ),
    "group.feed.client.create": "➕ {actor} a créé le client {label}",
    "group.feed.client.update": "✏️ {actor} a modifié le client {label}",
    "group.feed.client.delete": "🗑 {actor} a supprimé le client {label}",
    "group.feed.document.create": "📄 {actor} a créé le document {label}",
    "group.feed.document.cloture": "✅ {actor} a clôturé le document {label}",
}

EN: dict[str, str] = {
    "group.linked": (
        "✅ Group linked to the account “{account}”.\n"
        "Here, every member of the account can:\n"
        "• find a client: /client dupont\n"
        "• open its card and do everything from there: edit, call, locate, create an "
        "intervention…\n"
        "Anywhere else, type @{bot} dupont to share a card.\n"
        "A manager unlinks the group with /delier."
    ),
    "group.linked_elsewhere": (
        "This group is already linked to another LoKisi account. A manager of that account "
        "must unlink it first with /delier."
    ),
    "group.unlinked": (
        "Group unlinked from the account “{account}”: the bot no longer answers here."
    ),
    "group.in_groups_only": (
        "Send /lier in the group to link, after adding the bot to it. To unlink a group, "
        "send /delier in that group."
    ),
    "group.client_usage": (
        "Type /client followed by part of the name, code or town. Example: /client dupont"
    ),
    "group.feed.client.create": "➕ {actor} created the client {label}",
    "group.feed.client.update": "✏️ {actor} edited the client {label}",
    "group.feed.client.delete": "🗑 {actor} deleted the client {label}",
    "group.feed.document.create": "📄 {actor} created the document {label}",
    "group.feed.document.cloture": "✅ {actor} closed the document {label}",
}
