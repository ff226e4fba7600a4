"""Texts of Réglages: the account configuration, for managers."""

TEXTS: dict[str, str] = {
    "settings.title": "⚙️ <b>Réglages</b> du compte « {account} »",
    "settings.intervention": "🛠 « Créer une intervention » crée : <b>{value}</b>",
    "settings.rental": "📦 « Créer une location » crée : <b>{value}</b>",
    "settings.feed": "🔔 Fil d'activité : <b>{value}</b>",
    "settings.hint": "Touchez une option pour la choisir (● = réglage actuel).",
    "settings.intervention_devis": "Devis",
    "settings.intervention_ordre": "Ordre",
    "settings.intervention_au_choix": "Au choix",
    "settings.rental_devis": "Devis",
    "settings.rental_contrat": "Contrat",
    "settings.rental_au_choix": "Au choix",
    "settings.feed_on": "activé",
    "settings.feed_off": "désactivé",
    "settings.feed_enable": "🔔 Activer le fil d'activité",
    "settings.feed_disable": "🔕 Désactiver le fil d'activité",
    "settings.saved": "Réglage enregistré.",
    "settings.unchanged": "C'est déjà le réglage actuel.",
}
