"""Texts Telegram shows of the bot itself: the menu of commands typed after "/", and the
descriptions on its profile."""

TEXTS: dict[str, str] = {
    "commands.start": "Menu principal",
    "commands.menu": "Menu principal",
    "commands.aide": "Ce que le bot fait pour vous (aussi /help)",
    "commands.cancel": "Abandonner la saisie en cours",
    "commands.export": "Exporter les clients (CSV et Excel), managers",
    "commands.client": "Chercher un client : /client dupont",
    "commands.lier": "Lier ce groupe au compte LoKisi (managers)",
    "commands.delier": "Délier ce groupe (managers)",
    "commands.description": (
        "LoKisi — gérez vos fiches clients depuis Telegram : rechercher un client, l'appeler, "
        "le localiser, créer un client, une intervention, une location, une vente ou une "
        "facture. Réservé aux membres d'un compte LoKisi."
    ),
    "commands.short_description": "Vos fiches clients LoKisi, dans Telegram.",
}
