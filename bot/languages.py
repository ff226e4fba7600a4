"""The languages the bot speaks: one entry each, French first (the default).

Adding a language is one entry here and one catalog package `bot/texts/<code>/` holding the
same keys as `bot/texts/fr/` (tests/bot/test_texts.py checks both).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Language:
    # The IETF tag's first part, as Telegram gives it in `language_code` ("fr", "en-US").
    code: str
    # As its speakers write it, for menus that list the languages.
    name: str


LANGUAGES: tuple[Language, ...] = (
    Language("fr", "Français"),
    Language("en", "English"),
)
CODES: tuple[str, ...] = tuple(language.code for language in LANGUAGES)
DEFAULT_LANGUAGE = CODES[0]
