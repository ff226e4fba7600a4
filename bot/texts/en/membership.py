"""Texts of the changes of who is in a group: the bot added to one, someone leaving it."""

TEXTS: dict[str, str] = {
    "membership.bot_added": (
        "Hello! So that the team works on its client records here, a manager of the account "
        "sends /link in this group (in a topic, to get the activity feed there too)."
    ),
    "membership.form_moved": (
        "You left the group “{group}”: the form you were filling in there is closed. It awaits "
        "you here, as you left it."
    ),
}
