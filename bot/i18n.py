"""French first, English complete: every text is looked up by key in the user's language."""

from __future__ import annotations

from typing import Any

from bot.languages import CODES, DEFAULT_LANGUAGE
from bot.texts import CATALOGS


def language_of(language_code: str | None, default: str = DEFAULT_LANGUAGE) -> str:
    """The user's Telegram language if the bot speaks it, else the deployment's default."""
    if language_code:
        spoken = language_code.split("-", 1)[0].lower()
        if spoken in CODES:
            return spoken
    return default if default in CODES else DEFAULT_LANGUAGE


def t(lang: str, key: str, **params: Any) -> str:
    """The text `key` in `lang`, with its {placeholders} filled in."""
    catalog = CATALOGS.get(lang, CATALOGS[DEFAULT_LANGUAGE])
    template = catalog.get(key) or CATALOGS[DEFAULT_LANGUAGE][key]
    return template.format(**params) if params else template
