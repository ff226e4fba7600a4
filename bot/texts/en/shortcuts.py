"""Texts of the private chat's keyboard: shortcuts and Telegram's pickers."""

TEXTS: dict[str, str] = {
    "shortcuts.nearby": "📍 Near me",
    "shortcuts.search": "🔎 Search",
    "shortcuts.cancel": "✖️ Cancel",
    "shortcuts.placeholder": "A name, a town, a code…",
    "shortcuts.shown": (
        "⌨️ Your shortcuts are at the bottom of the screen: “📍 Near me” lists the nearest "
        "clients, “🔎 Search” finds a client by name."
    ),
    "shortcuts.cancelled": "All right, nothing was done.",
}
