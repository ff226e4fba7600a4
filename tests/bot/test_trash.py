"""The Corbeille from Telegram: a manager restores a deleted client."""

from lokisi.schemas import MemberView
from lokisi.services import Services
from tests.factories import professional
from tests.support.driver import TelegramUser


async def test_a_manager_restores_a_deleted_client_from_the_corbeille(
    marie: TelegramUser, services: Services, manager: MemberView
) -> None:
    client = await services.clients.create(manager, professional())
    await services.clients.delete(manager, client.id)
    await marie.send("/start")
    await marie.press("Corbeille")
    await marie.press("Boulangerie Dupont")
    assert "Restaurer" in marie.last_text
    await marie.press("Oui")
    assert "FICHE CLIENT" in marie.last_text
    assert (await services.clients.get(manager, client.id)).name == "Boulangerie Dupont"


async def test_non_on_the_restore_question_changes_nothing(
    marie: TelegramUser, services: Services, manager: MemberView
) -> None:
    client = await services.clients.create(manager, professional())
    await services.clients.delete(manager, client.id)
    await marie.send("/start")
    await marie.press("Corbeille")
    await marie.press("Boulangerie Dupont")
    await marie.press("Non")
    assert "Corbeille" in marie.last_text
    assert [c.id for c in await services.trash.contents(manager)] == [client.id]


async def test_a_technicien_has_no_corbeille_even_with_forged_buttons(
    theo: TelegramUser, services: Services, manager: MemberView
) -> None:
    client = await services.clients.create(manager, professional())
    await services.clients.delete(manager, client.id)
    await theo.send("/start")
    assert not any("Corbeille" in label for row in theo.buttons() for label in row)
    await theo.press_data(f"rs:{client.id}:1", theo.last_message.message_id)
    assert theo.callback_answers == ["Réservé aux managers."]
    assert [c.id for c in await services.trash.contents(manager)] == [client.id]


async def test_an_empty_corbeille_says_so(marie: TelegramUser) -> None:
    await marie.send("/start")
    await marie.press("Corbeille")
    assert "vide" in marie.last_text
