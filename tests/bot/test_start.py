"""The main menu, access for outsiders, invitations, and the card."""

from lokisi.enums import Role
from lokisi.schemas import MemberView
from lokisi.services import Services
from tests.bot.conftest import UserFactory
from tests.factories import professional
from tests.support.driver import TelegramUser


async def test_start_shows_the_menu_with_the_manuals_labels(marie: TelegramUser) -> None:
    await marie.send("/start")
    assert "Dupont Chauffage" in marie.last_text
    labels = [label for row in marie.buttons() for label in row]
    assert "+ Nouveau client" in labels
    assert {"⚙️ Réglages", "✉️ Inviter"} <= set(labels)


async def test_a_technicien_has_no_manager_buttons(theo: TelegramUser) -> None:
    await theo.send("/start")
    labels = [label for row in theo.buttons() for label in row]
    assert "+ Nouveau client" in labels
    assert not {"⚙️ Réglages", "✉️ Inviter"} & set(labels)


async def test_the_menu_speaks_english_to_an_english_telegram(
    as_user: UserFactory, manager: MemberView
) -> None:
    english = as_user(manager, language_code="en-GB")
    await english.send("/start")
    labels = [label for row in english.buttons() for label in row]
    assert "+ New client" in labels and "⚙️ Settings" in labels


async def test_an_outsider_gets_an_explanation_and_no_data(
    stranger: TelegramUser, services: Services, manager: MemberView
) -> None:
    await services.clients.create(manager, professional())
    await stranger.send("/start")
    assert "pas encore membre" in stranger.last_text
    assert stranger.buttons() == []
    await stranger.send("Dupont")
    assert "Boulangerie" not in " ".join(stranger.texts)


async def test_an_outsider_pressing_a_forged_button_gets_an_alert(
    stranger: TelegramUser, services: Services, manager: MemberView
) -> None:
    client = await services.clients.create(manager, professional())
    await stranger.send("/start")
    await stranger.press_data(f"c:{client.id}", stranger.last_message.message_id)
    assert stranger.callback_answers == ["Réservé aux membres du compte LoKisi."]
    assert "Boulangerie" not in " ".join(stranger.texts)


async def test_an_invitation_link_makes_the_user_a_member(
    as_user: UserFactory, services: Services, manager: MemberView
) -> None:
    invitation = await services.accounts.invite(manager, Role.TECHNICIEN)
    newcomer = as_user(4004)
    await newcomer.send(f"/start inv_{invitation.token}")
    assert any("Bienvenue" in text and "technicien" in text for text in newcomer.texts)
    assert (await services.accounts.member_for(4004)) is not None
    replay = as_user(4005)
    await replay.send(f"/start inv_{invitation.token}")
    assert "déjà servi" in replay.last_text
    assert (await services.accounts.member_for(4005)) is None
