"""Texts of sharing a client card anywhere (inline mode) and of card links."""

TEXTS: dict[str, str] = {
    "inline.open": "Open in the bot",
    "inline.share": "📤 Share",
}
