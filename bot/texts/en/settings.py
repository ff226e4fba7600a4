"""Texts of Réglages: the account configuration, for managers."""

TEXTS: dict[str, str] = {
    "settings.title": "⚙️ <b>Settings</b> of the account “{account}”",
    "settings.intervention": "🛠 “Create an intervention” creates: <b>{value}</b>",
    "settings.rental": "📦 “Create a rental” creates: <b>{value}</b>",
    "settings.feed": "🔔 Activity feed: <b>{value}</b>",
    "settings.hint": "Tap an option to choose it (● = current setting).",
    "settings.intervention_devis": "Quote",
    "settings.intervention_ordre": "Order",
    "settings.intervention_au_choix": "User's choice",
    "settings.rental_devis": "Quote",
    "settings.rental_contrat": "Contract",
    "settings.rental_au_choix": "User's choice",
    "settings.feed_on": "on",
    "settings.feed_off": "off",
    "settings.feed_enable": "🔔 Turn the activity feed on",
    "settings.feed_disable": "🔕 Turn the activity feed off",
    "settings.saved": "Setting saved.",
    "settings.unchanged": "This is already the current setting.",
}
