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
    "group.pick_group": "👥 Choisir le groupe",
    "group.feed_here": "🔔 Le fil d'activité arrive dans ce sujet.",
    "group.feed_general": (
        "🔔 Le fil d'activité arrive ici. Dans un groupe à sujets, envoyez /lier dans le sujet "
        "qui doit le recevoir."
    ),
    "group.feed_off": (
        "🔕 Le fil d'activité est désactivé : un manager l'active dans ⚙️ Réglages (envoyez /lier "
        "dans un sujet pour l'y recevoir)."
    ),
    "group.link_button": "👥 Lier un groupe",
    "group.pick_prompt": (
        "👇 Touchez « 👥 Choisir le groupe » en bas de l'écran, puis le groupe de l'équipe. Le bot "
        "doit déjà en être membre (ajoutez-le depuis les infos du groupe)."
    ),
    "group.pick_not_member": (
        "Vous n'êtes pas membre de ce groupe : seul un de ses membres peut le lier."
    ),
    "group.picked_linked": "✅ Groupe « {group} » lié au compte « {account} ».",
    "group.feed.attachment.add": "📎 {actor} a joint une pièce à {label}",
}
