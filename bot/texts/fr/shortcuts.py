"""Texts of the private chat's keyboard: shortcuts and Telegram's pickers."""

TEXTS: dict[str, str] = {
    "shortcuts.nearby": "📍 Autour de moi",
    "shortcuts.search": "🔎 Rechercher",
    "shortcuts.cancel": "✖️ Annuler",
    "shortcuts.placeholder": "Un nom, une ville, un code…",
    "shortcuts.shown": (
        "⌨️ Vos raccourcis sont en bas de l'écran : « 📍 Autour de moi » liste les clients les "
        "plus proches, « 🔎 Rechercher » trouve un client par son nom."
    ),
    "shortcuts.cancelled": "D'accord, rien n'a été fait.",
}
