"""Texts of the changes of who is in a group: the bot added to one, someone leaving it."""

TEXTS: dict[str, str] = {
    "membership.bot_added": (
        "Bonjour ! Pour que l'équipe travaille ici sur ses fiches clients, un manager du compte "
        "envoie /lier dans ce groupe (dans un sujet, pour y recevoir aussi le fil d'activité)."
    ),
    "membership.form_moved": (
        "Vous avez quitté le groupe « {group} » : le formulaire que vous y remplissiez est fermé "
        "là-bas. Il vous attend ici, tel que vous l'avez laissé."
    ),
}
