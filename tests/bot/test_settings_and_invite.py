"""Réglages and Inviter: managers configure the account and invite; techniciens cannot."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from bot.payloads import Invite, SetActivityFeed, SetInterventionStart, Settings
from lokisi.enums import InterventionStart, RentalStart, Role
from lokisi.schemas import MemberView
from lokisi.services import Services
from tests.bot.conftest import UserFactory
from tests.support.driver import TelegramUser

INVITATION_LINK = re.compile(r"https://t\.me/lokisi_test_bot\?start=inv_([\w-]+)")


def labels(user: TelegramUser) -> list[str]:
    return [label for row in user.buttons() for label in row]


async def open_settings(user: TelegramUser) -> None:
    await user.send("/start")
    await user.press("Réglages")


async def test_settings_show_the_current_configuration_marked(marie: TelegramUser) -> None:
    await open_settings(marie)
    assert "Réglages" in marie.last_text and "Dupont Chauffage" in marie.last_text
    assert "« Créer une intervention » crée : Au choix" in marie.last_text
    assert marie.buttons() == [
        ["🛠 ○ Devis", "🛠 ○ Ordre", "🛠 ● Au choix"],
        ["📦 ○ Devis", "📦 ○ Contrat", "📦 ● Au choix"],
        ["🔔 Activer le fil d'activité"],
        ["👥 Lier un groupe"],
        ["⬅️ Retour"],
    ]


async def test_choosing_ordre_saves_it_and_marks_it_in_place(
    marie: TelegramUser, services: Services, manager: MemberView
) -> None:
    await open_settings(marie)
    settings_message = marie.last_message.message_id
    calls = await marie.press("🛠 ○ Ordre")
    assert [call.method for call in calls if call.method.startswith("send")] == []
    assert marie.last_message.message_id == settings_message
    assert marie.callback_answers == ["Réglage enregistré."]
    assert "🛠 ● Ordre" in labels(marie) and "🛠 ○ Au choix" in labels(marie)
    account = await services.accounts.account(manager)
    assert account.intervention_start is InterventionStart.ORDRE


async def test_choosing_contrat_for_rentals_saves_it(
    marie: TelegramUser, services: Services, manager: MemberView
) -> None:
    await open_settings(marie)
    await marie.press("📦 ○ Contrat")
    assert "📦 ● Contrat" in labels(marie)
    assert (await services.accounts.account(manager)).rental_start is RentalStart.CONTRAT


async def test_pressing_the_current_choice_edits_nothing(
    marie: TelegramUser, services: Services, manager: MemberView
) -> None:
    await open_settings(marie)
    calls = await marie.press("🛠 ● Au choix")
    assert [call.method for call in calls] == ["answerCallbackQuery"]
    assert marie.callback_answers == ["C'est déjà le réglage actuel."]
    account = await services.accounts.account(manager)
    assert account.intervention_start is InterventionStart.AU_CHOIX


async def test_the_activity_feed_toggles_on_and_off(
    marie: TelegramUser, services: Services, manager: MemberView
) -> None:
    await open_settings(marie)
    await marie.press("Activer le fil d'activité")
    assert "Fil d'activité : activé" in marie.last_text
    assert (await services.accounts.account(manager)).activity_feed is True
    await marie.press("Désactiver le fil d'activité")
    assert "Fil d'activité : désactivé" in marie.last_text
    assert (await services.accounts.account(manager)).activity_feed is False


async def test_settings_speak_english_to_an_english_telegram(
    as_user: UserFactory, manager: MemberView
) -> None:
    english = as_user(manager, language_code="en")
    await english.send("/start")
    await english.press("Settings")
    assert "“Create an intervention” creates: User's choice" in english.last_text
    assert "🛠 ○ Order" in labels(english)


@pytest.mark.parametrize(
    "payload",
    [Settings(), SetInterventionStart(InterventionStart.ORDRE), SetActivityFeed(True)],
    ids=["open", "intervention", "feed"],
)
async def test_a_technicien_forging_settings_is_refused(
    theo: TelegramUser,
    services: Services,
    manager: MemberView,
    payload: Settings | SetInterventionStart | SetActivityFeed,
) -> None:
    await theo.send("/start")
    await theo.press_data(payload.pack(), theo.last_message.message_id)
    assert theo.callback_answers == ["Réservé aux managers."]
    account = await services.accounts.account(manager)
    assert (account.intervention_start, account.activity_feed) == (
        InterventionStart.AU_CHOIX,
        False,
    )


@pytest.mark.parametrize(
    ("choice", "role"),
    [("Un technicien", Role.TECHNICIEN), ("Un manager", Role.MANAGER)],
)
async def test_a_manager_invites_and_the_link_makes_a_member_with_that_role(
    marie: TelegramUser,
    as_user: UserFactory,
    services: Services,
    choice: str,
    role: Role,
) -> None:
    await marie.send("/start")
    await marie.press("Inviter")
    assert "Qui voulez-vous inviter ?" in marie.last_text
    await marie.press(choice)
    # Someone who is not in the manager's contacts: a link rather than the person picker.
    await marie.press("🔗 Créer un lien")
    text = marie.last_text
    assert f"Lien d'invitation ({role.value})" in text and "valable jusqu'au " in text
    found = INVITATION_LINK.search(text)
    assert found is not None
    share = urlsplit(marie.url_buttons()["📤 Partager le lien"])
    assert (share.scheme, share.netloc, share.path) == ("https", "t.me", "/share/url")
    assert parse_qs(share.query)["url"] == [found.group(0)]
    newcomer = as_user(4004)
    await newcomer.send(f"/start inv_{found.group(1)}")
    assert any("Bienvenue dans « Dupont Chauffage »" in shown for shown in newcomer.texts)
    member = await services.accounts.member_for(4004)
    assert member is not None and member.role is role


async def test_the_invitation_flow_speaks_english(
    as_user: UserFactory, manager: MemberView
) -> None:
    english = as_user(manager, language_code="en")
    await english.send("/start")
    await english.press("Invite")
    await english.press("A field technician")
    await english.press("🔗 Make a link")
    assert "Invitation link (field technician), valid until " in english.last_text
    assert "📤 Share the link" in english.url_buttons()


@pytest.mark.parametrize("role", [None, Role.MANAGER], ids=["choose", "manager"])
async def test_a_technicien_cannot_invite_even_with_forged_data(
    theo: TelegramUser, role: Role | None
) -> None:
    await theo.send("/start")
    await theo.press_data(Invite(role).pack(), theo.last_message.message_id)
    assert theo.callback_answers == ["Réservé aux managers."]
    assert not any("t.me/" in shown for shown in theo.texts)
