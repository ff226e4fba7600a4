"""Supprimer un client, Supprimer plusieurs clients: managers only, refused while documents
are in progress, "Non" changes nothing, a second "Oui" deletes nothing more."""

from datetime import UTC, datetime

import pytest

from bot.payloads import (
    Card,
    CloseAndDelete,
    Delete,
    DocumentOpen,
    ListPage,
    SelectionDelete,
)
from bot.replies import MAX_TEXT
from bot.views.deletion import bulk_summary_text
from lokisi.enums import DocumentFamily, DocumentKind, DocumentStatus
from lokisi.errors import NotFound
from lokisi.schemas import ClientView, DeleteOutcome, DocumentView, MemberView
from lokisi.services import Services
from tests.bot.conftest import UserFactory
from tests.factories import private_person, professional
from tests.support.driver import TelegramUser

GONE = "Ce client n'existe plus (il a peut-être été supprimé)."
NOTHING = "Rien à supprimer : aucun client n'est sélectionné."


def labels(user: TelegramUser) -> list[str]:
    return [label for row in user.buttons() for label in row]


def callback_data(user: TelegramUser) -> list[str]:
    return [button["callback_data"] for row in user.last_message.keyboard for button in row]


async def exists(services: Services, actor: MemberView, client: ClientView) -> bool:
    try:
        await services.clients.get(actor, client.id)
    except NotFound:
        return False
    return True


async def open_card(user: TelegramUser, client_id: int) -> None:
    await user.send("/start")
    await user.press_data(Card(client_id).pack(), user.last_message.message_id)


async def select(user: TelegramUser, *names: str) -> None:
    """Selection mode, as a manager's "☑️ Sélection" opens it (a technicien, who is not
    offered it, forges the button), then the clients."""
    await user.send("/start")
    await user.press_data(ListPage(select=True).pack(), user.last_message.message_id)
    for name in names:
        await user.press(f"○ {name}")


# One client


async def test_a_manager_deletes_a_client_from_its_card_after_saying_yes(
    marie: TelegramUser, services: Services, manager: MemberView
) -> None:
    client = await services.clients.create(manager, professional())
    await open_card(marie, client.id)
    await marie.press("🗑 Supprimer")
    assert marie.last_text == "Supprimer Boulangerie Dupont (CLI-000001) ?"
    assert labels(marie) == ["Oui", "Non"]
    await marie.press("Oui")
    assert "Le client Boulangerie Dupont (CLI-000001) a été supprimé." in marie.last_text
    assert "+ Nouveau client" in labels(marie)
    assert not await exists(services, manager, client)


async def test_no_shows_the_card_again_unchanged(
    marie: TelegramUser, services: Services, manager: MemberView
) -> None:
    client = await services.clients.create(manager, professional())
    await open_card(marie, client.id)
    card_text, card_buttons = marie.last_text, marie.buttons()
    await marie.press("🗑 Supprimer")
    await marie.press("Non")
    assert (marie.last_text, marie.buttons()) == (card_text, card_buttons)
    assert await exists(services, manager, client)


async def refused_for_two_documents(
    marie: TelegramUser, services: Services, manager: MemberView
) -> tuple[ClientView, DocumentView, DocumentView]:
    """A client with a sale in draft and an invoice in progress, whose deletion Marie has
    just been refused."""
    client = await services.clients.create(manager, professional())
    sale = await services.documents.create(manager, client.id, DocumentFamily.VENTE)
    invoice = await services.documents.create(manager, client.id, DocumentFamily.FACTURE)
    await services.documents.start(manager, invoice.id)
    await open_card(marie, client.id)
    await marie.press("🗑 Supprimer")
    await marie.press("Oui")
    return client, sale, invoice


async def test_delete_is_refused_while_documents_are_in_progress(
    marie: TelegramUser, services: Services, manager: MemberView
) -> None:
    client, sale, invoice = await refused_for_two_documents(marie, services, manager)
    text = marie.last_text
    assert "Impossible de supprimer Boulangerie Dupont (CLI-000001)" in text
    assert f"{sale.number} — Vente, brouillon" in text
    assert f"{invoice.number} — Facture, en cours" in text
    assert "Il faut d'abord clôturer les documents" in text
    assert DocumentOpen(sale.id).pack() in callback_data(marie)
    assert DocumentOpen(invoice.id).pack() in callback_data(marie)
    assert await exists(services, manager, client)
    await marie.press("Retour")
    assert "FICHE CLIENT" in marie.last_text


async def test_a_button_of_a_deleted_client_answers_with_a_clear_alert(
    marie: TelegramUser, services: Services, manager: MemberView
) -> None:
    client = await services.clients.create(manager, professional())
    await open_card(marie, client.id)
    await marie.press("🗑 Supprimer")
    confirmation = marie.last_message.message_id
    await marie.press("Oui")
    await marie.press_data(Delete(client.id).pack(), confirmation)
    assert marie.callback_answers == [GONE]
    await marie.press_data(Card(client.id).pack(), confirmation)
    assert marie.callback_answers == [GONE]


@pytest.mark.parametrize(
    "forged",
    [None, "asked"],
    ids=["delete", "yes"],
)
async def test_a_technicien_cannot_delete_a_client_even_with_forged_buttons(
    theo: TelegramUser, services: Services, manager: MemberView, forged: str | None
) -> None:
    client = await services.clients.create(manager, professional())
    await open_card(theo, client.id)
    token = forged and theo.confirmation_token()
    await theo.press_data(Delete(client.id, token).pack(), theo.last_message.message_id)
    assert theo.callback_answers == ["Réservé aux managers."]
    assert await exists(services, manager, client)


async def test_a_forged_confirmation_for_another_accounts_client_deletes_nothing(
    marie: TelegramUser, services: Services, outsider_manager: MemberView
) -> None:
    foreign = await services.clients.create(outsider_manager, professional(name="Secret SA"))
    await marie.send("/start")
    forged = Delete(foreign.id, marie.confirmation_token()).pack()
    await marie.press_data(forged, marie.last_message.message_id)
    assert marie.callback_answers == [GONE]
    assert "Secret SA" not in " ".join(marie.texts)
    assert await exists(services, outsider_manager, foreign)


# Several clients


async def test_bulk_deletion_deletes_what_it_may_and_explains_refusals_in_one_message(
    marie: TelegramUser, services: Services, manager: MemberView
) -> None:
    bakery = await services.clients.create(manager, professional())
    busy = await services.clients.create(manager, private_person(name="Élodie Martin"))
    plumber = await services.clients.create(manager, private_person(name="Plomberie Zen"))
    sale = await services.documents.create(manager, busy.id, DocumentFamily.VENTE)
    await select(marie, "Boulangerie", "Élodie", "Plomberie")
    await marie.press("🗑 Supprimer (3)")
    confirmation = marie.last_text
    assert confirmation.startswith("Supprimer ces clients (3) ?")
    for name in ("Boulangerie Dupont (CLI-000001)", "Élodie Martin (CLI-000002)", "Plomberie Zen"):
        assert name in confirmation
    await marie.press("Oui")
    assert len(marie.texts) == 1
    summary = marie.last_text
    assert "Supprimés (2)" in summary
    assert "Boulangerie Dupont (CLI-000001)" in summary and "Plomberie Zen" in summary
    assert "Non supprimé (1)" in summary
    assert f"Élodie Martin (CLI-000002)\n   – {sale.number} — Vente, brouillon" in summary
    assert "Il faut d'abord clôturer ces documents" in summary
    assert not await exists(services, manager, bakery)
    assert not await exists(services, manager, plumber)
    assert await exists(services, manager, busy)
    assert Card(busy.id).pack() in callback_data(marie)


async def test_no_on_the_bulk_confirmation_keeps_the_clients_and_the_selection(
    marie: TelegramUser, services: Services, manager: MemberView
) -> None:
    client = await services.clients.create(manager, professional())
    await services.clients.create(manager, private_person())
    await select(marie, "Boulangerie", "Élodie")
    await marie.press("🗑 Supprimer (2)")
    await marie.press("Non")
    assert "Clients sélectionnés : 2" in marie.last_text
    assert "🗑 Supprimer (2)" in labels(marie)
    assert await exists(services, manager, client)


async def test_pressing_yes_twice_runs_the_deletion_once(
    marie: TelegramUser, services: Services, manager: MemberView
) -> None:
    await services.clients.create(manager, professional())
    busy = await services.clients.create(manager, private_person())
    sale = await services.documents.create(manager, busy.id, DocumentFamily.VENTE)
    await select(marie, "Boulangerie", "Élodie")
    await marie.press("🗑 Supprimer (2)")
    confirmation = marie.last_message.message_id
    oui = next(b["callback_data"] for b in marie.last_message.keyboard[0] if b["text"] == "Oui")
    await marie.press("Oui")
    summary = marie.last_text
    await services.documents.close(manager, sale.id)
    await marie.press_data(oui, confirmation)
    # The second "Oui" deletes nothing more and shows what the first one did (issue 17).
    assert marie.callback_answers == ["Ce bouton a déjà servi."]
    assert marie.texts == []
    assert marie.last_text == summary
    assert await exists(services, manager, busy)


async def test_the_selection_is_emptied_after_a_bulk_deletion(
    marie: TelegramUser, services: Services, manager: MemberView
) -> None:
    await services.clients.create(manager, professional())
    busy = await services.clients.create(manager, private_person())
    await services.documents.create(manager, busy.id, DocumentFamily.VENTE)
    await select(marie, "Boulangerie", "Élodie")
    await marie.press("🗑 Supprimer (2)")
    await marie.press("Oui")
    await marie.press("📋 Clients")
    await marie.press("☑️ Sélection")
    assert "Clients sélectionnés : 0" in marie.last_text
    await marie.press_data(SelectionDelete().pack(), marie.last_message.message_id)
    assert marie.callback_answers == [NOTHING]


async def test_clients_deleted_meanwhile_leave_the_confirmation(
    marie: TelegramUser, services: Services, manager: MemberView
) -> None:
    gone = await services.clients.create(manager, professional())
    await services.clients.create(manager, private_person())
    await select(marie, "Boulangerie", "Élodie")
    await services.clients.delete(manager, gone.id)
    await marie.press("🗑 Supprimer (2)")
    assert marie.last_text.startswith("Supprimer ce client ?")
    assert "Boulangerie" not in marie.last_text


@pytest.mark.parametrize(
    "forged", [SelectionDelete(), SelectionDelete(token="f" * 16)], ids=["ask", "yes"]
)
async def test_a_technicien_cannot_delete_a_selection_even_with_forged_buttons(
    theo: TelegramUser, services: Services, manager: MemberView, forged: object
) -> None:
    client = await services.clients.create(manager, professional())
    await select(theo, "Boulangerie")
    await theo.press_data(forged.pack(), theo.last_message.message_id)  # type: ignore[attr-defined]
    assert theo.callback_answers == ["Réservé aux managers."]
    assert await exists(services, manager, client)


async def test_deletion_speaks_english(
    as_user: UserFactory, services: Services, manager: MemberView
) -> None:
    english = as_user(manager, language_code="en")
    client = await services.clients.create(manager, professional())
    other = await services.clients.create(manager, private_person())
    await services.documents.create(manager, other.id, DocumentFamily.VENTE)
    await open_card(english, client.id)
    await english.press("🗑 Delete")
    assert english.last_text == "Delete Boulangerie Dupont (CLI-000001)?"
    await english.press("Yes")
    assert "The client Boulangerie Dupont (CLI-000001) has been deleted." in english.last_text
    await open_card(english, other.id)
    await english.press("🗑 Delete")
    await english.press("Yes")
    assert "cannot be deleted: a document is in progress" in english.last_text
    assert "Sale, draft" in english.last_text


def test_a_summary_of_hundreds_of_clients_stays_within_one_message() -> None:
    now = datetime.now(UTC)
    documents = tuple(
        DocumentView(
            id=n,
            account_id=1,
            client_id=1,
            kind=DocumentKind.VENTE,
            number=f"VE-2026-{n:04d}",
            status=DocumentStatus.BROUILLON,
            created_by_name="Marie",
            created_at=now,
            closed_at=None,
        )
        for n in range(10)
    )
    long_name = "&<>" * 70
    deleted = [
        DeleteOutcome(client_id=n, code=f"CLI-{n:06d}", name=long_name, deleted=True)
        for n in range(150)
    ]
    refused = [
        DeleteOutcome(
            client_id=n,
            code=f"CLI-{n:06d}",
            name=long_name,
            deleted=False,
            open_documents=documents,
        )
        for n in range(150, 300)
    ]
    outcomes = deleted + refused
    text = bulk_summary_text("fr", outcomes)
    assert len(text) < MAX_TEXT
    assert "Supprimés (150)" in text and "Non supprimés (150)" in text
    assert "… et 5 de plus" in text
    assert text.count("… et") >= 3
    assert "Il faut d'abord clôturer ces documents" in text


async def test_a_refused_deletion_closes_the_documents_and_deletes_from_the_refusal(
    marie: TelegramUser, services: Services, manager: MemberView
) -> None:
    client, sale, invoice = await refused_for_two_documents(marie, services, manager)
    await marie.press("Clôturer les 2 documents et supprimer")
    question = marie.last_text
    assert "Clôturer ces 2 documents, puis supprimer Boulangerie Dupont (CLI-000001) ?" in question
    assert f"{sale.number} — Vente, brouillon" in question
    await marie.press("Non")
    assert "FICHE CLIENT" in marie.last_text
    assert await exists(services, manager, client)
    await marie.press("🗑 Supprimer")
    await marie.press("Oui")
    await marie.press("Clôturer les 2 documents et supprimer")
    await marie.press("Oui")
    assert "Les documents en cours sont clôturés" in marie.last_text
    assert "Le client Boulangerie Dupont (CLI-000001) a été supprimé" in marie.last_text
    assert not await exists(services, manager, client)
    for document in (sale, invoice):
        moved = await services.documents.get(manager, document.id)
        assert moved.status is DocumentStatus.CLOTURE


async def test_a_technicien_cannot_close_and_delete_even_with_forged_buttons(
    theo: TelegramUser, services: Services, manager: MemberView
) -> None:
    client = await services.clients.create(manager, professional())
    sale = await services.documents.create(manager, client.id, DocumentFamily.VENTE)
    await theo.send("/start")
    forged = CloseAndDelete(client.id, theo.confirmation_token())
    await theo.press_data(forged.pack(), theo.last_message.message_id)
    assert theo.callback_answers == ["Réservé aux managers."]
    assert await exists(services, manager, client)
    assert (await services.documents.get(manager, sale.id)).status is DocumentStatus.BROUILLON
