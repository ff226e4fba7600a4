"""Never silent: help for the member's role, an answer to unknown commands and to what the
bot does not read, and the shortcuts under the typing field."""

from __future__ import annotations

import pytest

from lokisi.schemas import MemberView
from lokisi.services import Services
from tests.bot.conftest import UserFactory
from tests.support import builders
from tests.support.bot_api import parse_markup
from tests.support.driver import TelegramUser

GROUP = -987654321
PHOTO = [{"file_id": "p", "file_unique_id": "p", "width": 90, "height": 90}]
VOICE = {"file_id": "v", "file_unique_id": "v", "duration": 3}


@pytest.mark.parametrize("command", ["/aide", "/help"])
async def test_help_says_what_the_bot_does_for_a_technicien(
    theo: TelegramUser, command: str
) -> None:
    await theo.send(command)
    assert "Chercher un client" in theo.last_text and "Autour de moi" in theo.last_text
    assert "Managers" not in theo.last_text


async def test_help_adds_what_managers_do_and_speaks_english(
    as_user: UserFactory, manager: MemberView
) -> None:
    marie = as_user(manager, "en")
    await marie.send("/help")
    assert "Find a client" in marie.last_text and "Managers" in marie.last_text
    assert "/export" in marie.last_text


async def test_help_in_a_group_says_how_the_group_works(
    as_user: UserFactory, services: Services, manager: MemberView
) -> None:
    await services.groups.link(manager, GROUP, "Équipe")
    marie = as_user(manager, chat_id=GROUP, chat_type="group")
    await marie.send("/aide")
    assert "/client dupont" in marie.last_text and "/lier" in marie.last_text


async def test_an_unknown_command_is_answered_with_the_way_to_help(theo: TelegramUser) -> None:
    await theo.send("/devis")
    assert "Je ne connais pas la commande /devis" in theo.last_text
    assert "/aide" in theo.last_text


async def test_in_a_group_only_commands_for_this_bot_get_an_answer(
    as_user: UserFactory, services: Services, manager: MemberView
) -> None:
    await services.groups.link(manager, GROUP, "Équipe")
    marie = as_user(manager, chat_id=GROUP, chat_type="group")
    calls = await marie.send("/poll@otherbot")
    assert calls == []
    await marie.send("/poll@lokisi_test_bot")
    assert "Je ne connais pas la commande /poll@lokisi_test_bot" in marie.last_text


@pytest.mark.parametrize(
    ("content", "said"),
    [
        ({"sticker": builders.STICKER}, "Je ne garde pas ce type de message"),
        ({"photo": PHOTO}, "ouvrez d'abord sa fiche"),
        ({"voice": VOICE}, "ouvrez d'abord sa fiche"),
    ],
    ids=["sticker", "photo", "voice"],
)
async def test_what_the_bot_does_not_read_gets_a_useful_answer(
    theo: TelegramUser, content: dict[str, object], said: str
) -> None:
    await theo.send_content(**content)
    assert said in theo.last_text


async def test_a_contact_outside_a_form_gets_a_short_answer(theo: TelegramUser) -> None:
    await theo.share_contact("+33612345678", "Jean", "Dupont")
    assert "Je ne garde pas ce type de message" in theo.last_text


async def test_the_shortcuts_come_once_under_the_typing_field(theo: TelegramUser) -> None:
    calls = await theo.send("/start")
    keyboards = [
        m for c in calls if "keyboard" in (m := parse_markup(c.params.get("reply_markup")) or {})
    ]
    assert len(keyboards) == 1
    assert theo.keyboard_button("Autour de moi")["request_location"] is True
    assert theo.keyboard_button("Rechercher")
    assert keyboards[0]["is_persistent"] is True and keyboards[0]["resize_keyboard"] is True
    calls = await theo.send("/start")
    assert not [
        c for c in calls if "keyboard" in (parse_markup(c.params.get("reply_markup")) or {})
    ]
    await theo.tap_keyboard("Rechercher")
    assert "Tapez une partie du nom" in theo.last_text


async def test_an_outsider_gets_no_shortcuts(stranger: TelegramUser) -> None:
    await stranger.send("/start")
    assert stranger.reply_keyboard == []
    await stranger.send_content(sticker=builders.STICKER)
    assert "pas encore membre" in stranger.last_text
