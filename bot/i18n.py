"""French first, English complete: every text is looked up by key in the user's language."""

from __future__ import annotations

from typing import Any

from bot.texts import CATALOGS

DEFAULT_LANGUAGE = "fr"
LANGUAGES = ("fr", "en")


def language_of(language_code: str | None, default: str = DEFAULT_LANGUAGE) -> str:
    """French unless the user's Telegram is in English (or the deployment says otherwise)."""
    if language_code and language_code.lower().startswith("en"):
        return "en"
    if language_code and language_code.lower().startswith("fr"):
        return "fr"
    return default if default in LANGUAGES else DEFAULT_LANGUAGE


def t(lang: str, key: str, **params: Any) -> str:
    """The text `key` in `lang`, with its {placeholders} filled in."""
    catalog = CATALOGS.get(lang, CATALOGS[DEFAULT_LANGUAGE])
    template = catalog.get(key) or CATALOGS[DEFAULT_LANGUAGE][key]
    return template.format(**params) if params else template
