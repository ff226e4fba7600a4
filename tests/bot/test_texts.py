"""French first, English complete: every catalog holds the French keys and placeholders."""

import string

import pytest

from bot.i18n import language_of, t
from bot.languages import CODES, DEFAULT_LANGUAGE
from bot.texts import CATALOGS, modules

OTHER_LANGUAGES = [code for code in CODES if code != DEFAULT_LANGUAGE]


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_french_is_the_default_and_english_is_spoken() -> None:
    assert DEFAULT_LANGUAGE == "fr"
    assert OTHER_LANGUAGES == ["en"]


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_every_text_exists_in_every_language_with_the_same_placeholders(language: str) -> None:
    french = {m.__name__.rsplit(".", 1)[-1]: m.TEXTS for m in modules(DEFAULT_LANGUAGE)}
    other = {m.__name__.rsplit(".", 1)[-1]: m.TEXTS for m in modules(language)}
    assert other.keys() == french.keys()
    for name, texts in french.items():
        assert other[name].keys() == texts.keys(), name
        for key, template in texts.items():
            assert placeholders(template) == placeholders(other[name][key]), key
            assert template.strip() and other[name][key].strip(), key


@pytest.mark.parametrize("language", CODES)
def test_text_keys_are_named_after_their_module(language: str) -> None:
    for module in modules(language):
        name = module.__name__.rsplit(".", 1)[-1]
        for key in module.TEXTS:
            prefix = key.split(".", 1)[0]
            assert prefix == name or name == "common", key


def test_the_language_follows_telegram_french_by_default() -> None:
    assert language_of("en-US") == "en"
    assert language_of("fr") == "fr"
    assert language_of("fr-CA") == "fr"
    assert language_of(None) == "fr"
    assert language_of("de") == "fr"
    assert language_of("de", default="en") == "en"


def test_placeholders_are_filled() -> None:
    assert t("en", "common.and_more", count=3) == "… and 3 more"
    assert len(CATALOGS["fr"]) == len(CATALOGS["en"])
