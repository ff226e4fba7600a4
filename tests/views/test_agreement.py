"""French that reads right: statuses agree with the kind of document, counts with their
number; English dates written the English way."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.views.deletion import bulk_summary_text, document_line, refused_text
from bot.views.documents import document_text, moved_text
from bot.views.export import export_caption
from bot.views.values import when
from lokisi.enums import DocumentKind, DocumentStatus
from lokisi.errors import ClientHasOpenDocuments
from lokisi.schemas import DeleteOutcome
from tests.views.test_documents_view import client, document

CLOSED = datetime(2026, 7, 1, 8, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("kind", "status", "shown"),
    [
        (DocumentKind.FACTURE, DocumentStatus.ANNULE, "Facture, annulée"),
        (DocumentKind.VENTE, DocumentStatus.CLOTURE, "Vente, clôturée"),
        (DocumentKind.INTERVENTION_DEVIS, DocumentStatus.ANNULE, "Devis d'intervention, annulé"),
        (DocumentKind.LOCATION_CONTRAT, DocumentStatus.CLOTURE, "Contrat de location, clôturé"),
        (DocumentKind.VENTE, DocumentStatus.EN_COURS, "Vente, en cours"),
    ],
)
def test_a_status_agrees_with_the_kind_of_document(
    kind: DocumentKind, status: DocumentStatus, shown: str
) -> None:
    assert shown in document_line("fr", document(kind=kind, status=status))


def test_what_a_move_made_of_a_document_agrees_too() -> None:
    sale = document(kind=DocumentKind.VENTE, number="VE-2026-0001", status=DocumentStatus.CLOTURE)
    assert moved_text("fr", "documents.closed", sale) == "Vente VE-2026-0001 : clôturée."
    closed = document(status=DocumentStatus.CLOTURE, closed_at=CLOSED)
    assert "Clôturée le 01/07/2026 à 10:30" in document_text("fr", closed, client())


def test_one_document_in_progress_is_said_in_the_singular() -> None:
    one = ClientHasOpenDocuments(client(), [document()])
    text = refused_text("fr", one)
    assert "un document est en cours de traitement" in text
    assert "clôturer le document afin" in text
    two = refused_text("fr", ClientHasOpenDocuments(client(), [document(1), document(2)]))
    assert "2 documents sont en cours de traitement" in two
    assert "clôturer les documents afin" in two


def test_counts_agree_in_a_bulk_summary_and_an_export() -> None:
    deleted = DeleteOutcome(client_id=1, code="CLI-000001", name="Dupont", deleted=True)
    text = bulk_summary_text("fr", [deleted])
    assert "✅ Supprimé (1) :" in text and "Le client supprimé reste restaurable" in text
    twice = bulk_summary_text("fr", [deleted, deleted.model_copy(update={"client_id": 2})])
    assert "✅ Supprimés (2) :" in twice
    assert export_caption("fr", 1, "Dupont Chauffage", None).startswith("1 client du compte")
    assert export_caption("en", 1, "Dupont Chauffage", "x").startswith("1 client found")
    assert export_caption("en", 3, "Dupont Chauffage", None).startswith("3 clients of")


def test_dates_are_written_the_way_each_language_writes_them() -> None:
    assert when("fr", CLOSED) == "01/07/2026 à 10:30"
    assert when("en", CLOSED) == "Jul 1, 2026 at 10:30 AM"
    assert when("fr", CLOSED, "day") == "01/07" and when("en", CLOSED, "day") == "Jul 1"
    assert when("fr", CLOSED, "datetime_short") == "01/07 10:30"
    assert when("en", CLOSED, "datetime_short") == "Jul 1, 10:30 AM"
    text = document_text("en", document(status=DocumentStatus.ANNULE, closed_at=CLOSED), client())
    assert "Created by Marie Manager on Jan 15, 2026 at 2:05 PM" in text
    assert "Cancelled on Jul 1, 2026 at 10:30 AM" in text
