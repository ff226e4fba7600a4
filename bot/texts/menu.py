"""Texts of the main menu."""

FR: dict[str, str] = {
    "menu.title": (
        "<b>{account}</b> — fiches clients\nTapez une partie d'un nom pour chercher un client."
    ),
    "menu.new_client": "+ Nouveau client",
    "menu.search": "🔎 Rechercher",
    "menu.list": "📋 Clients",
    "menu.select": "☑️ Sélection",
    "menu.settings": "⚙️ Réglages",
    "menu.invite": "✉️ Inviter",
    "menu.search_prompt": (
        "Tapez une partie du nom, du code, de la ville, du téléphone ou du SIRET."
    ),
}

EN: dict[str, str] = {
    "menu.title": "<b>{account}</b> — client records\nType part of a name to find a client.",
    "menu.new_client": "+ New client",
    "menu.search": "🔎 Search",
    "menu.list": "📋 Clients",
    "menu.select": "☑️ Select",
    "menu.settings": "⚙️ Settings",
    "menu.invite": "✉️ Invite",
    "menu.search_prompt": "Type part of the name, code, town, phone number or SIRET.",
}
