"""Texts of the main menu."""

TEXTS: dict[str, str] = {
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
    "menu.resume": "📝 Reprendre le formulaire en cours",
}
