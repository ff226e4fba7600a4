"""French first, English complete: every text is looked up by key in the user's language.

Counts agree as each language says (Babel's CLDR plural rules: French "0 client, 1 client",
English "0 clients, 1 client"): a text that depends on a count has one key per plural form
(`delete.bulk_deleted.one`, `delete.bulk_deleted.other`), picked by `t_count`."""

from __future__ import annotations

import functools
from typing import Any

from babel import Locale

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


@functools.cache
def _locale(lang: str) -> Locale:
    return Locale.parse(lang)


def t_count(lang: str, key: str, count: int, **params: Any) -> str:
    """The text `key` for `count` things, in the plural form the language uses for it."""
    form = _locale(lang).plural_form(count)
    catalog = CATALOGS.get(lang, CATALOGS[DEFAULT_LANGUAGE])
    chosen = f"{key}.{form}" if f"{key}.{form}" in catalog else f"{key}.other"
    return t(lang, chosen, count=count, **params)
