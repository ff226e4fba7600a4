"""Texts Telegram shows of the bot itself: the menu of commands typed after "/", and the
descriptions on its profile."""

TEXTS: dict[str, str] = {
    "commands.start": "Main menu",
    "commands.menu": "Main menu",
    "commands.aide": "What the bot does for you (also /help)",
    "commands.cancel": "Abandon the form in progress",
    "commands.export": "Export the clients (CSV and Excel), managers",
    "commands.client": "Find a client: /client dupont",
    "commands.lier": "Link this group to the LoKisi account (managers)",
    "commands.delier": "Unlink this group (managers)",
    "commands.description": (
        "LoKisi — manage your client records from Telegram: find a client, call them, "
        "locate them, create a client, an intervention, a rental, a sale or an invoice. "
        "For members of a LoKisi account."
    ),
    "commands.short_description": "Your LoKisi client records, in Telegram.",
}
