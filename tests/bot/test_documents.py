"""Créer une intervention / location / vente / facture, and a client's documents."""

from datetime import UTC, datetime
from typing import Any

import pytest

from bot.payloads import Card, DocumentClose, DocumentOpen, DocumentStart
from lokisi.enums import (
    DocumentFamily,
    DocumentKind,
    DocumentStatus,
    InterventionStart,
    RentalStart,
)
from lokisi.schemas import ClientView, MemberView
from lokisi.services import Services
from tests.bot.conftest import UserFactory
from tests.factories import professional
from tests.support.driver import TelegramUser

YEAR = datetime.now(UTC).year


@pytest.fixture
async def client(services: Services, manager: MemberView) -> ClientView:
    return await services.clients.create(manager, professional())


async def open_card(user: TelegramUser, client_id: int) -> None:
    await user.send("/start")
    await user.press_data(Card(client_id).pack(), user.last_message.message_id)


def labels(user: TelegramUser, message_id: int | None = None) -> list[str]:
    return [label for row in user.buttons(message_id) for label in row]


def callback_data(user: TelegramUser, label: str) -> str:
    """The payload of a button of the latest message, to press it again as a double tap."""
    rows = user.last_message.keyboard
    return next(b["callback_data"] for row in rows for b in row if label in b["text"])


@pytest.mark.parametrize(
    ("task", "configuration", "created", "manual"),
    [
        (
            "Créer une intervention",
            {"intervention_start": InterventionStart.DEVIS},
            f"DI-{YEAR}-0001 — Devis d'intervention — brouillon",
            "« Interventions »",
        ),
        (
            "Créer une intervention",
            {"intervention_start": InterventionStart.ORDRE},
            f"OI-{YEAR}-0001 — Ordre d'intervention — brouillon",
            "« Interventions »",
        ),
        (
            "Créer une location",
            {"rental_start": RentalStart.DEVIS},
            f"DL-{YEAR}-0001 — Devis de location — brouillon",
            "« Locations »",
        ),
        (
            "Créer une location",
            {"rental_start": RentalStart.CONTRAT},
            f"CL-{YEAR}-0001 — Contrat de location — brouillon",
            "« Locations »",
        ),
        ("Créer une vente", {}, f"VE-{YEAR}-0001 — Vente — brouillon", "« Ventes »"),
        ("Créer une facture", {}, f"FA-{YEAR}-0001 — Facture — brouillon", "« Factures »"),
    ],
)
async def test_each_creation_task_asks_oui_then_creates_the_configured_kind(
    marie: TelegramUser,
    services: Services,
    manager: MemberView,
    client: ClientView,
    task: str,
    configuration: dict[str, Any],
    created: str,
    manual: str,
) -> None:
    if configuration:
        await services.accounts.configure(manager, **configuration)
    await open_card(marie, client.id)
    await marie.press(task)
    assert f"{task} pour Boulangerie Dupont (CLI-000001) ?" in marie.last_text
    assert labels(marie) == ["Oui", "Non"]
    await marie.press("Oui")
    assert created in marie.last_text
    assert manual in marie.last_text
    assert labels(marie) == [
        "📄 Ouvrir le document",
        "📂 Documents du client",
        "⬅️ Fiche client",
    ]
    documents = await services.documents.list_for_client(manager, client.id)
    assert [d.number for d in documents] == [created.split(" ")[0]]


async def test_creating_an_invoice_speaks_english_to_an_english_telegram(
    as_user: UserFactory, manager: MemberView, client: ClientView
) -> None:
    english = as_user(manager, language_code="en")
    await open_card(english, client.id)
    await english.press("Create an invoice")
    assert "Create an invoice for Boulangerie Dupont (CLI-000001)?" in english.last_text
    await english.press("Yes")
    assert f"FA-{YEAR}-0001 — Invoice — draft" in english.last_text
    assert "“Factures” manual" in english.last_text
    assert "📄 Open the document" in labels(english)


async def test_non_shows_the_card_again_and_creates_nothing(
    marie: TelegramUser, services: Services, manager: MemberView, client: ClientView
) -> None:
    await open_card(marie, client.id)
    await marie.press("Créer une facture")
    await marie.press("Non")
    assert "FICHE CLIENT" in marie.last_text
    assert await services.documents.list_for_client(manager, client.id) == []


async def test_oui_pressed_twice_creates_one_document(
    marie: TelegramUser, services: Services, manager: MemberView, client: ClientView
) -> None:
    await open_card(marie, client.id)
    await marie.press("Créer une vente")
    confirmation = marie.last_message.message_id
    oui = callback_data(marie, "Oui")
    await marie.press("Oui")
    await marie.press_data(oui, confirmation)
    assert marie.callback_answers == ["Ce bouton a déjà servi."]
    assert len(await services.documents.list_for_client(manager, client.id)) == 1


async def test_a_forged_oui_without_a_confirmation_creates_nothing(
    marie: TelegramUser, services: Services, manager: MemberView, client: ClientView
) -> None:
    await marie.send("/start")
    forged = DocumentStart(DocumentFamily.FACTURE, client.id, "deadbeef").pack()
    await marie.press_data(forged, marie.last_message.message_id)
    assert marie.callback_answers == ["Ce bouton a déjà servi."]
    assert await services.documents.list_for_client(manager, client.id) == []


async def test_au_choix_asks_devis_or_ordre_in_a_second_message(
    marie: TelegramUser, services: Services, manager: MemberView, client: ClientView
) -> None:
    await open_card(marie, client.id)
    await marie.press("Créer une intervention")
    confirmation = marie.last_message.message_id
    await marie.press("Oui")
    assert labels(marie, confirmation) == []
    question = marie.last_message
    assert question.message_id > confirmation
    assert "un devis ou un ordre" in question.text and "Boulangerie Dupont" in question.text
    assert labels(marie) == ["📝 Devis", "🛠 Ordre", "Annuler"]
    ordre = callback_data(marie, "Ordre")
    await marie.press("Ordre")
    assert f"OI-{YEAR}-0001 — Ordre d'intervention — brouillon" in marie.last_text
    await marie.press_data(ordre, question.message_id)
    assert marie.callback_answers == ["Ce bouton a déjà servi."]
    documents = await services.documents.list_for_client(manager, client.id)
    assert [d.kind for d in documents] == [DocumentKind.INTERVENTION_ORDRE]


async def test_au_choix_for_a_rental_offers_devis_or_contrat_and_annuler_creates_nothing(
    theo: TelegramUser, services: Services, manager: MemberView, client: ClientView
) -> None:
    await open_card(theo, client.id)
    await theo.press("Créer une location")
    await theo.press("Oui")
    assert "un devis ou un contrat" in theo.last_text
    assert labels(theo) == ["📝 Devis", "📄 Contrat", "Annuler"]
    await theo.press("Annuler")
    assert "FICHE CLIENT" in theo.last_text
    assert await services.documents.list_for_client(manager, client.id) == []


async def test_the_documents_list_shows_the_newest_first_and_opens_one(
    marie: TelegramUser, services: Services, manager: MemberView, client: ClientView
) -> None:
    await services.documents.create(manager, client.id, DocumentFamily.VENTE)
    await services.documents.create(manager, client.id, DocumentFamily.FACTURE)
    await open_card(marie, client.id)
    await marie.press("📂 Documents")
    assert "Documents de Boulangerie Dupont" in marie.last_text
    assert labels(marie) == [
        f"FA-{YEAR}-0001 — Facture — brouillon",
        f"VE-{YEAR}-0001 — Vente — brouillon",
        "⬅️ Fiche client",
    ]
    await marie.press(f"VE-{YEAR}-0001")
    text = marie.last_text
    assert f"VE-{YEAR}-0001" in text and "Vente — brouillon" in text
    assert "Client : Boulangerie Dupont (CLI-000001)" in text
    assert "Créé par Marie Manager le " in text
    assert {"▶️ Passer en cours", "✅ Clôturer", "✖️ Annuler le document"} <= set(labels(marie))


async def test_a_client_without_documents_says_so(theo: TelegramUser, client: ClientView) -> None:
    await open_card(theo, client.id)
    await theo.press("📂 Documents")
    assert "Aucun document pour ce client." in theo.last_text
    assert labels(theo) == ["⬅️ Fiche client"]


async def test_a_manager_closes_a_document_after_non_then_oui(
    marie: TelegramUser, services: Services, manager: MemberView, client: ClientView
) -> None:
    document = await services.documents.create(manager, client.id, DocumentFamily.FACTURE)
    await marie.send("/start")
    await marie.press_data(DocumentOpen(document.id).pack(), marie.last_message.message_id)
    await marie.press("Clôturer")
    assert f"Clôturer le document {document.number} (Facture) ?" in marie.last_text
    await marie.press("Non")
    assert "Facture — brouillon" in marie.last_text
    assert (await services.documents.get(manager, document.id)).status is DocumentStatus.BROUILLON
    await marie.press("Clôturer")
    await marie.press("Oui")
    assert marie.callback_answers == [f"Facture {document.number} : clôturée."]
    assert "Facture — clôturée" in marie.last_text and "Clôturée le " in marie.last_text
    assert not {"✅ Clôturer", "✖️ Annuler le document"} & set(labels(marie))
    assert (await services.documents.get(manager, document.id)).status is DocumentStatus.CLOTURE


async def test_a_manager_cancels_a_document_with_oui(
    marie: TelegramUser, services: Services, manager: MemberView, client: ClientView
) -> None:
    document = await services.documents.create(manager, client.id, DocumentFamily.VENTE)
    await marie.send("/start")
    await marie.press_data(DocumentOpen(document.id).pack(), marie.last_message.message_id)
    await marie.press("Annuler le document")
    assert "Annuler le document" in marie.last_text and document.number in marie.last_text
    await marie.press("Oui")
    assert "Vente — annulé" in marie.last_text
    assert (await services.documents.get(manager, document.id)).status is DocumentStatus.ANNULE


async def test_closing_twice_says_the_document_is_already_closed(
    marie: TelegramUser, services: Services, manager: MemberView, client: ClientView
) -> None:
    document = await services.documents.create(manager, client.id, DocumentFamily.VENTE)
    await services.documents.close(manager, document.id)
    await marie.send("/start")
    forged = DocumentClose(document.id, marie.confirmation_token()).pack()
    await marie.press_data(forged, marie.last_message.message_id)
    assert marie.callback_answers == [f"Le document {document.number} est déjà clôturé."]


async def test_a_technicien_starts_work_but_sees_no_close_or_cancel(
    theo: TelegramUser, services: Services, manager: MemberView, client: ClientView
) -> None:
    document = await services.documents.create(manager, client.id, DocumentFamily.VENTE)
    await theo.send("/start")
    await theo.press_data(DocumentOpen(document.id).pack(), theo.last_message.message_id)
    assert labels(theo) == ["▶️ Passer en cours", "📂 Documents du client", "⬅️ Fiche client"]
    await theo.press("Passer en cours")
    assert "Vente — en cours" in theo.last_text
    assert "▶️ Passer en cours" not in labels(theo)
    assert (await services.documents.get(manager, document.id)).status is DocumentStatus.EN_COURS


async def test_a_technicien_forging_a_close_is_refused(
    theo: TelegramUser, services: Services, manager: MemberView, client: ClientView
) -> None:
    document = await services.documents.create(manager, client.id, DocumentFamily.FACTURE)
    await theo.send("/start")
    await theo.press_data(
        DocumentClose(document.id, theo.confirmation_token()).pack(), theo.last_message.message_id
    )
    assert theo.callback_answers == ["Réservé aux managers."]
    assert (await services.documents.get(manager, document.id)).status is DocumentStatus.BROUILLON


async def test_another_accounts_document_is_refused(
    marie: TelegramUser, services: Services, outsider_manager: MemberView
) -> None:
    foreign_client = await services.clients.create(outsider_manager, professional(name="Secret SA"))
    foreign = await services.documents.create(
        outsider_manager, foreign_client.id, DocumentFamily.FACTURE
    )
    await marie.send("/start")
    menu = marie.last_message.message_id
    await marie.press_data(DocumentOpen(foreign.id).pack(), menu)
    assert marie.callback_answers == ["Ce document n'existe plus."]
    await marie.press_data(DocumentClose(foreign.id, marie.confirmation_token()).pack(), menu)
    assert marie.callback_answers == ["Ce document n'existe plus."]
    assert "Secret SA" not in " ".join(marie.texts)
    status = (await services.documents.get(outsider_manager, foreign.id)).status
    assert status is DocumentStatus.BROUILLON


async def test_the_clients_name_is_shown_as_typed_in_the_confirmation(
    marie: TelegramUser, services: Services, manager: MemberView
) -> None:
    tricky = await services.clients.create(manager, professional(name="Dupont & Fils <SARL>"))
    await open_card(marie, tricky.id)
    await marie.press("Créer une facture")
    assert "Dupont & Fils <SARL>" in marie.last_text
