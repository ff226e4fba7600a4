"""Texts of sharing a client card anywhere (inline mode) and of card links."""

TEXTS: dict[str, str] = {
    "inline.open": "Ouvrir dans le bot",
    "inline.share": "📤 Partager",
}
