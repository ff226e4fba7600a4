"""Texts of group chats: linking a group, /client, and the activity feed."""

TEXTS: dict[str, str] = {
    "group.linked": (
        "✅ Groupe lié au compte « {account} ».\n"
        "Ici, chaque membre du compte peut :\n"
        "• chercher un client : /client dupont\n"
        "• ouvrir sa fiche et tout y faire : modifier, appeler, localiser, créer une "
        "intervention…\n"
        "Partout ailleurs, tapez @{bot} dupont pour partager une fiche.\n"
        "Un manager délie le groupe avec /delier."
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
    "group.feed.attachment.add": "📎 {actor} a joint une pièce à {label}",
}
