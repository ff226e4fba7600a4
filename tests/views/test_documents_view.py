"""Document views as pure functions: what each member sees, escaping, dates, long lists."""

from datetime import UTC, datetime
from typing import Any

from telegram import InlineKeyboardMarkup

from bot.payloads import Card, DocumentStart
from bot.views.documents import (
    MAX_LISTED,
    created_text,
    document_keyboard,
    document_text,
    kind_choice_keyboard,
    list_keyboard,
    list_text,
)
from bot.views.keyboards import confirm
from lokisi.enums import ClientType, DocumentFamily, DocumentKind, DocumentStatus, Role
from lokisi.schemas import ClientView, DocumentView, MemberView

CREATED = datetime(2026, 1, 15, 13, 5, tzinfo=UTC)


def client(**overrides: Any) -> ClientView:
    fields: dict[str, Any] = {
        "id": 7,
        "account_id": 1,
        "code": "CLI-000007",
        "type": ClientType.PROFESSIONNEL,
        "name": "Boulangerie Dupont",
        "contact_name": None,
        "phone": None,
        "mobile": None,
        "email": None,
        "siret": None,
        "vat_number": None,
        "address_line1": None,
        "address_line2": None,
        "postal_code": None,
        "city": None,
        "country": "France",
        "latitude": None,
        "longitude": None,
        "notes": None,
        "version": 1,
        "created_at": CREATED,
        "updated_at": CREATED,
    }
    return ClientView(**(fields | overrides))


def document(seq: int = 1, **overrides: Any) -> DocumentView:
    fields: dict[str, Any] = {
        "id": seq,
        "account_id": 1,
        "client_id": 7,
        "kind": DocumentKind.FACTURE,
        "number": f"FA-2026-{seq:04d}",
        "status": DocumentStatus.BROUILLON,
        "created_by_name": "Marie Manager",
        "created_at": CREATED,
        "closed_at": None,
    }
    return DocumentView(**(fields | overrides))


def member(role: Role) -> MemberView:
    return MemberView(
        id=1, account_id=1, telegram_user_id=1001, role=role, name="Marie", language="fr"
    )


def labels(markup: InlineKeyboardMarkup) -> list[str]:
    return [button.text for row in markup.inline_keyboard for button in row]


def payloads(markup: InlineKeyboardMarkup) -> list[str | object]:
    return [button.callback_data for row in markup.inline_keyboard for button in row]


def test_a_technicien_never_sees_close_or_cancel() -> None:
    shown = labels(document_keyboard("fr", document(), member(Role.TECHNICIEN)))
    assert shown == ["▶️ Passer en cours", "📂 Documents du client", "⬅️ Fiche client"]


def test_a_manager_sees_close_and_cancel_only_while_the_document_is_open() -> None:
    manager = member(Role.MANAGER)
    draft = labels(document_keyboard("fr", document(), manager))
    assert {"✅ Clôturer", "✖️ Annuler le document", "▶️ Passer en cours"} <= set(draft)
    running = labels(document_keyboard("fr", document(status=DocumentStatus.EN_COURS), manager))
    assert "✅ Clôturer" in running and "▶️ Passer en cours" not in running
    closed = labels(document_keyboard("fr", document(status=DocumentStatus.CLOTURE), manager))
    assert closed == ["📂 Documents du client", "⬅️ Fiche client"]


def test_the_document_shows_its_dates_in_french_time() -> None:
    closed = document(
        status=DocumentStatus.ANNULE, closed_at=datetime(2026, 7, 1, 8, 30, tzinfo=UTC)
    )
    text = document_text("fr", closed, client())
    assert "Créé par Marie Manager le 15/01/2026 à 14:05" in text
    # A facture agrees in gender (the "Facture — annulée").
    assert "Annulée le 01/07/2026 à 10:30" in text
    assert "Facture — annulée" in text


def test_user_text_is_escaped_in_document_messages() -> None:
    tricky = client(name="<b>Dupont</b> & Fils")
    text = created_text("fr", document(), tricky)
    assert "&lt;b&gt;Dupont&lt;/b&gt; &amp; Fils" in text
    shown = document_text("fr", document(created_by_name="<i>Eve</i>"), tricky)
    assert "&lt;i&gt;Eve&lt;/i&gt;" in shown


def test_a_long_list_keeps_the_newest_and_says_how_many_more() -> None:
    documents = [document(seq) for seq in range(MAX_LISTED + 5, 0, -1)]
    markup = list_keyboard("fr", 7, documents)
    assert len(labels(markup)) == MAX_LISTED + 1
    assert labels(markup)[0] == f"FA-2026-{MAX_LISTED + 5:04d} — Facture — brouillon"
    assert "… et 5 de plus" in list_text("fr", client(), documents)


def test_every_button_payload_fits_telegrams_64_bytes() -> None:
    big = 10**17
    markups = [
        confirm(
            "fr",
            DocumentStart(DocumentFamily.INTERVENTION, big).confirmed("f" * 16),
            Card(big),
        ),
        kind_choice_keyboard(
            "fr",
            (DocumentKind.LOCATION_DEVIS, DocumentKind.LOCATION_CONTRAT),
            big,
            "f" * 16,
        ),
        document_keyboard("fr", document(id=big, client_id=big), member(Role.MANAGER)),
    ]
    for markup in markups:
        for data in payloads(markup):
            assert isinstance(data, str) and len(data.encode()) <= 64
