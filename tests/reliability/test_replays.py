"""An update delivered again after a crash, in-process: the bot dies as a Bot API call
returns (tests.support.recording_request.ProcessKilled), a new application starts over the
same database, and the inbox (or Telegram) delivers the same update again. Only its answer
is shown again: nothing typed is taken twice, nothing asked once is done twice. The real
process, killed with SIGKILL, is in test_kills.py."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.app import BotApplication
from lokisi.enums import DocumentFamily, DocumentStatus
from lokisi.models import BotState
from lokisi.schemas import ClientView, MemberView
from lokisi.services import Services
from tests.bot.conftest import started_application
from tests.factories import private_person, professional
from tests.support.driver import TelegramUser
from tests.support.recording_request import ProcessKilled, RecordingRequest

YEAR = date.today().year


class Lives:
    """Marie and the bot, which dies and is started again over the same database."""

    def __init__(self, services: Services, manager: MemberView) -> None:
        self.services = services
        self.member = manager
        self.telegram = RecordingRequest()
        self.marie: TelegramUser

    async def start(self) -> TelegramUser:
        app: BotApplication = await started_application(self.services, self.telegram)
        self.marie = TelegramUser(app, self.telegram, self.member.telegram_user_id, "Marie")
        return self.marie

    async def killed_after(self, method: str, action: object) -> None:
        """The bot dies as its call to `method` returns, during `action` (a coroutine)."""
        self.telegram.die_after(method)
        with pytest.raises(ProcessKilled):
            await action  # type: ignore[misc]

    async def delivered_again(self) -> TelegramUser:
        """A new life, given the update the last one died on."""
        update = self.marie.last_update
        assert update is not None
        marie = await self.start()
        await marie.deliver_again(update)
        return marie


@pytest.fixture
async def lives(services: Services, manager: MemberView) -> Lives:
    lives = Lives(services, manager)
    await lives.start()
    return lives


async def new_form(marie: TelegramUser, *values: str) -> None:
    await marie.send("/start")
    await marie.press("+ Nouveau client")
    await marie.press("Oui")
    for value in values:
        await marie.send(value)


async def on_a_card(lives: Lives) -> ClientView:
    """A client of Marie's, its card open."""
    client = await lives.services.clients.create(lives.member, professional())
    await lives.marie.send("Boulangerie")
    await lives.marie.press("Boulangerie Dupont")
    return client


async def only_client(services: Services, member: MemberView) -> ClientView:
    page = await services.clients.list_page(member)
    assert len(page.items) == 1, page.items
    return await services.clients.get(member, page.items[0].id)


# The form


async def test_a_value_shown_by_the_form_is_stored_before_it_is_shown(lives: Lives) -> None:
    await new_form(lives.marie, "Chaudronnerie Vasseur", "06 12 34 56 78")
    await lives.killed_after("editMessageText", lives.marie.send("12 rue des Forges"))
    assert "12 rue des Forges" in lives.marie.last_text
    marie = await lives.start()
    # A command leaves the form paused; "Reprendre" shows it as it was.
    await marie.send("/start")
    await marie.press("Reprendre le formulaire")
    assert "formulaire est en cours" in marie.last_text
    assert "12 rue des Forges" in marie.last_text and "Tapez « Code postal »" in marie.last_text


async def test_a_value_delivered_again_is_shown_again_and_not_taken_for_the_next_field(
    lives: Lives,
) -> None:
    await new_form(lives.marie)
    await lives.killed_after("editMessageText", lives.marie.send("Chaudronnerie Vasseur"))
    shown = lives.marie.last_text
    marie = await lives.delivered_again()
    assert marie.last_text == shown
    assert "Tapez « Mobile »" in shown and "Mobile : —" in shown
    await marie.send("06 12 34 56 78")
    assert "Mobile : +33 6 12 34 56 78" in marie.last_text


async def test_the_last_value_delivered_again_reaches_the_form_and_not_the_search(
    lives: Lives,
) -> None:
    await new_form(lives.marie, "Chaudronnerie Vasseur", "06 12 34 56 78", "1 rue", "69003")
    await lives.killed_after("editMessageText", lives.marie.send("Lyon"))
    marie = await lives.delivered_again()
    assert "Ville : Lyon" in marie.last_text and "Touchez un champ" in marie.last_text
    assert not any("Aucun client" in text for text in marie.texts)


async def test_a_command_that_paused_the_form_delivered_again_does_its_own_work(
    lives: Lives,
) -> None:
    await new_form(lives.marie, "Chaudronnerie Vasseur")
    await lives.killed_after("editMessageText", lives.marie.send("/menu"))
    assert "Formulaire en pause" in lives.marie.last_text
    marie = await lives.delivered_again()
    assert "fiches clients" in marie.last_text
    await marie.press("Reprendre le formulaire")
    assert "Chaudronnerie Vasseur" in marie.last_text and "Tapez « Mobile »" in marie.last_text


async def test_a_save_delivered_again_shows_the_card_saves_once_and_the_next_text_is_a_search(
    lives: Lives, services: Services, manager: MemberView
) -> None:
    await new_form(lives.marie, "Chaudronnerie Vasseur")
    await lives.killed_after("editMessageText", lives.marie.press("Enregistrer"))
    marie = await lives.delivered_again()
    assert "FICHE CLIENT" in marie.last_text and "CLI-000001" in marie.last_text
    # The press is answered as the first time: no "this form is over".
    assert marie.callback_answers == [""]
    await marie.send("Chaudronnerie")
    assert "« Chaudronnerie »" in marie.last_text
    assert (await only_client(services, manager)).code == "CLI-000001"


async def test_a_save_killed_before_its_form_is_stored_as_saved_saves_once(
    lives: Lives, services: Services, manager: MemberView, monkeypatch: pytest.MonkeyPatch
) -> None:
    await new_form(lives.marie, "Chaudronnerie Vasseur")
    client = await services.clients.create(manager, professional(name="Hôtel du Nord"))
    with monkeypatch.context() as dying:
        # Killed once the client is committed, before anything else is stored.
        dying.setattr("bot.handlers.client_form.ending.store_now", killed)
        with pytest.raises(ProcessKilled):
            await lives.marie.press("Enregistrer")
    marie = await lives.delivered_again()
    assert "FICHE CLIENT" in marie.last_text and "Chaudronnerie Vasseur" in marie.last_text
    found = await services.clients.search(manager, "Chaudronnerie")
    assert [c.code for c in found.items] == ["CLI-000002"] and client.code == "CLI-000001"


async def killed(*_: object) -> None:
    raise ProcessKilled("before the state was stored")


async def test_an_edit_saved_again_after_a_crash_changes_the_client_once(
    lives: Lives, services: Services, manager: MemberView
) -> None:
    client = await on_a_card(lives)
    marie = lives.marie
    await marie.press("Modifier")
    await marie.press("Ville")
    await marie.send("Lyon")
    with_token = lives.services.clients.update
    saved: list[int] = []

    async def saved_then_killed(*args: object, **kwargs: object) -> ClientView:
        view = await with_token(*args, **kwargs)  # type: ignore[arg-type]
        saved.append(view.version)
        raise ProcessKilled("after the save")

    lives.services.clients.update = saved_then_killed  # type: ignore[method-assign]
    try:
        with pytest.raises(ProcessKilled):
            await marie.press("Enregistrer")
    finally:
        del lives.services.clients.update
    marie = await lives.delivered_again()
    assert "FICHE CLIENT" in marie.last_text and "Lyon" in marie.last_text
    assert "Quelqu'un a enregistré" not in marie.last_text
    current = await services.clients.get(manager, client.id)
    assert (saved, current.version, current.city) == ([2], 2, "Lyon")


# What users' data and conversation states say after a restart


async def test_a_stored_form_state_without_its_draft_is_repaired_and_text_is_a_search(
    services: Services, manager: MemberView, engine: AsyncEngine
) -> None:
    await services.clients.create(manager, professional())
    # What an older version left after a crash at "Enregistrer": "typing", and no draft.
    await services.state.write(
        {
            ("conversation:client_form", f"[{manager.telegram_user_id}, 1001]"): "typing",
            ("user_data", str(manager.telegram_user_id)): {"forms": {}},
        }
    )
    lives = Lives(services, manager)
    marie = await lives.start()
    await marie.send("Boulangerie")
    assert "« Boulangerie »" in marie.last_text and "Boulangerie Dupont" in str(marie.buttons())
    async with engine.connect() as connection:
        states = (await connection.execute(BotState.__table__.select())).all()
    assert not [row for row in states if row.store.startswith("conversation:")]


async def test_a_stored_draft_without_its_state_gets_it_back_and_takes_the_next_text(
    lives: Lives, services: Services, manager: MemberView
) -> None:
    await new_form(lives.marie, "Chaudronnerie Vasseur")
    conversation = ("conversation:client_form", f"[{manager.telegram_user_id}, 1001]")
    await services.state.write({conversation: None})
    marie = await lives.start()
    await marie.send("06 12 34 56 78")
    assert "Mobile : +33 6 12 34 56 78" in marie.last_text


# Each "Oui", delivered again


async def test_an_invoice_s_oui_delivered_again_shows_the_invoice_and_makes_no_other(
    lives: Lives, services: Services, manager: MemberView
) -> None:
    client = await on_a_card(lives)
    marie = lives.marie
    await marie.press("Créer une facture")
    await lives.killed_after("answerCallbackQuery", marie.press("Oui"))
    marie = await lives.delivered_again()
    assert f"FA-{YEAR}-0001 — Facture — brouillon" in marie.last_text
    documents = await services.documents.list_for_client(manager, client.id)
    assert [d.number for d in documents] == [f"FA-{YEAR}-0001"]


async def test_a_closing_oui_delivered_again_shows_the_closed_document(
    lives: Lives, services: Services, manager: MemberView
) -> None:
    client = await on_a_card(lives)
    invoice = await services.documents.create(manager, client.id, DocumentFamily.FACTURE)
    marie = lives.marie
    await marie.press("Documents")
    await marie.press(invoice.number)
    await marie.press("Clôturer")
    await lives.killed_after("answerCallbackQuery", marie.press("Oui"))
    marie = await lives.delivered_again()
    assert "Facture — clôturé" in marie.last_text
    assert (await services.documents.get(manager, invoice.id)).status is DocumentStatus.CLOTURE


async def test_a_deletion_s_oui_delivered_again_says_what_it_deleted(
    lives: Lives, services: Services, manager: MemberView
) -> None:
    await on_a_card(lives)
    marie = lives.marie
    await marie.press("Supprimer")
    await lives.killed_after("answerCallbackQuery", marie.press("Oui"))
    marie = await lives.delivered_again()
    assert "Boulangerie Dupont (CLI-000001) a été supprimé" in marie.last_text
    assert marie.callback_answers == ["Ce bouton a déjà servi."]


async def test_a_bulk_deletion_s_oui_delivered_again_shows_what_it_deleted_and_refused(
    lives: Lives, services: Services, manager: MemberView
) -> None:
    await services.clients.create(manager, professional())
    busy = await services.clients.create(manager, private_person())
    await services.documents.create(manager, busy.id, DocumentFamily.VENTE)
    marie = lives.marie
    await marie.send("/start")
    await marie.press("Sélection")
    await marie.press("Boulangerie")
    await marie.press("Élodie")
    await marie.press("Supprimer (2)")
    await lives.killed_after("answerCallbackQuery", marie.press("Oui"))
    marie = await lives.delivered_again()
    assert "Supprimé (1)" in marie.last_text and "Non supprimé (1)" in marie.last_text
    assert [c.name for c in (await services.clients.list_page(manager)).items] == ["Élodie Martin"]


async def test_a_restoring_oui_delivered_again_shows_the_card_of_the_client(
    lives: Lives, services: Services, manager: MemberView
) -> None:
    client = await services.clients.create(manager, professional())
    await services.clients.delete(manager, client.id)
    marie = lives.marie
    await marie.send("/start")
    await marie.press("Corbeille")
    await marie.press("Boulangerie Dupont")
    await lives.killed_after("answerCallbackQuery", marie.press("Oui"))
    marie = await lives.delivered_again()
    assert "FICHE CLIENT" in marie.last_text and "Boulangerie Dupont" in marie.last_text
    assert await services.trash.contents(manager) == []
