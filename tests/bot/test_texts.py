"""French first, English complete: both catalogs hold the same keys and placeholders."""

import string

import pytest

from bot.i18n import language_of, t
from bot.texts import CATALOGS, MODULES


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__.rsplit(".", 1)[-1])
def test_every_text_exists_in_french_and_english(module: object) -> None:
    french: dict[str, str] = module.FR  # type: ignore[attr-defined]
    english: dict[str, str] = module.EN  # type: ignore[attr-defined]
    assert french.keys() == english.keys()
    for key, template in french.items():
        assert placeholders(template) == placeholders(english[key]), key
        assert template.strip() and english[key].strip(), key


def test_text_keys_are_named_after_their_module() -> None:
    for module in MODULES:
        name = module.__name__.rsplit(".", 1)[-1]
        for key in module.FR:  # type: ignore[attr-defined]
            prefix = key.split(".", 1)[0]
            assert prefix == name or name == "common", key


def test_the_language_follows_telegram_french_by_default() -> None:
    assert language_of("en-US") == "en"
    assert language_of("fr") == "fr"
    assert language_of(None) == "fr"
    assert language_of("de") == "fr"
    assert language_of("de", default="en") == "en"


def test_placeholders_are_filled() -> None:
    assert t("en", "common.and_more", count=3) == "… and 3 more"
    assert len(CATALOGS["fr"]) == len(CATALOGS["en"])
