"""Texts of sharing a client card anywhere (inline mode) and of card links."""

FR: dict[str, str] = {
    "inline.open": "Ouvrir dans le bot",
    "inline.share": "📤 Partager",
}

EN: dict[str, str] = {
    "inline.open": "Open in the bot",
    "inline.share": "📤 Share",
}
