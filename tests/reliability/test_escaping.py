"""What users type comes back exactly as typed: every message is HTML, so a name with HTML
in it is escaped wherever it is shown; and search treats SQL and LIKE characters as text."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from bot.payloads import Card, Locate
from lokisi.enums import DocumentFamily
from lokisi.schemas import ClientView, MemberView
from lokisi.services import Services
from tests.factories import private_person, professional
from tests.support.driver import TelegramUser

TRICKY = "<b>&amp;</b> *_[x]"
TRICKY_STREET = "12 <rue> & \"Cie\" 'bis'"


@pytest.fixture
async def tricky(services: Services, manager: MemberView) -> ClientView:
    return await services.clients.create(
        manager, professional(name=TRICKY, address_line1=TRICKY_STREET, notes="</i><i>")
    )


def labels(user: TelegramUser) -> list[str]:
    return [label for row in user.buttons() for label in row]


async def open_card(user: TelegramUser, client: ClientView) -> None:
    await user.send("/start")
    await user.press_data(Card(client.id).pack(), user.last_message.message_id)


async def test_the_card_and_localiser_show_the_name_and_address_as_typed(
    marie: TelegramUser, tricky: ClientView
) -> None:
    await open_card(marie, tricky)
    assert TRICKY in marie.last_text and TRICKY_STREET in marie.last_text
    assert "</i><i>" in marie.last_text
    maps = urlsplit(marie.url_buttons()["📍 Localiser"])
    assert parse_qs(maps.query)["query"] == [f"{TRICKY}, {TRICKY_STREET}, 75002 Paris, France"]
    await marie.press_data(Locate(tricky.id).pack(), marie.last_message.message_id)
    assert TRICKY in marie.last_text and TRICKY_STREET in marie.last_text


async def test_search_results_show_the_query_and_the_names_as_typed(
    marie: TelegramUser, tricky: ClientView
) -> None:
    await marie.send("<b>amp")
    assert "« <b>amp »" in marie.last_text
    assert any(label.startswith(TRICKY) for label in labels(marie))


async def test_documents_messages_show_the_name_as_typed(
    marie: TelegramUser, tricky: ClientView
) -> None:
    await open_card(marie, tricky)
    await marie.press("Créer une vente")
    assert TRICKY in marie.last_text
    await marie.press("Oui")
    assert TRICKY in marie.last_text
    await marie.press("Ouvrir le document")
    assert TRICKY in marie.last_text
    await marie.press("Documents du client")
    assert TRICKY in marie.last_text


async def test_deletion_refusal_confirmation_and_summary_show_the_name_as_typed(
    marie: TelegramUser, tricky: ClientView, services: Services, manager: MemberView
) -> None:
    document = await services.documents.create(manager, tricky.id, DocumentFamily.VENTE)
    await open_card(marie, tricky)
    await marie.press("Supprimer")
    assert TRICKY in marie.last_text
    await marie.press("Oui")
    assert TRICKY in marie.last_text and document.number in marie.last_text
    await services.documents.close(manager, document.id)
    await open_card(marie, tricky)
    await marie.press("Supprimer")
    await marie.press("Oui")
    assert TRICKY in marie.last_text
    await marie.send("/start")
    await marie.press("Corbeille")
    await marie.press(TRICKY[:20])
    assert TRICKY in marie.last_text
    await marie.press("Oui")
    assert any(TRICKY in text for text in marie.texts)


async def test_bulk_deletion_shows_the_names_as_typed(
    marie: TelegramUser, tricky: ClientView, services: Services, manager: MemberView
) -> None:
    other = await services.clients.create(manager, private_person(name="Zoé <i>Zèbre</i>"))
    await services.documents.create(manager, other.id, DocumentFamily.FACTURE)
    await marie.send("/start")
    await marie.press("Sélection")
    await marie.press(f"○ {TRICKY}")
    await marie.press("○ Zoé <i>Zèbre</i>")
    await marie.press("Supprimer (2)")
    assert TRICKY in marie.last_text and "Zoé <i>Zèbre</i>" in marie.last_text
    await marie.press("Oui")
    assert TRICKY in marie.last_text and "Zoé <i>Zèbre</i>" in marie.last_text


async def test_invisible_control_characters_typed_in_a_form_are_dropped(
    marie: TelegramUser, services: Services, manager: MemberView
) -> None:
    await marie.send("/start")
    await marie.press("+ Nouveau client")
    await marie.press("Oui")
    await marie.send("Boulangerie\x00 Du\x1bpont")
    await marie.press("Notes")
    await marie.send("Portail\x00 : 1234\x07\nSonner deux fois")
    await marie.press("Enregistrer")
    assert "FICHE CLIENT" in marie.last_text
    [summary] = (await services.clients.list_page(manager)).items
    client = await services.clients.get(manager, summary.id)
    assert (client.name, client.notes) == ("Boulangerie Dupont", "Portail : 1234\nSonner deux fois")


SEARCHABLE = ["Bio Nature", "Chez O'Brien", "Under_score SARL", "Back\\slash Bar", "100% Local"]


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("Na%re", []),
        ("N_ture", []),
        ("%", None),
        ("_", None),
        ("'", None),
        ("\\", None),
        ("' OR ''='", []),
        ("%' OR 1=1 --", []),
        ("o'brien", ["Chez O'Brien"]),
        ("under_score", ["Under_score SARL"]),
        ("back\\slash", ["Back\\slash Bar"]),
        ("100%", ["100% Local"]),
    ],
)
async def test_search_takes_sql_and_wildcard_characters_literally(
    marie: TelegramUser,
    services: Services,
    manager: MemberView,
    query: str,
    found: list[str] | None,
) -> None:
    for name in SEARCHABLE:
        await services.clients.create(manager, private_person(name=name))
    await marie.send(query)
    shown = [label.split(" · ")[0] for label in labels(marie) if " · CLI-" in label]
    if found is None:
        assert "Tapez" in marie.last_text and shown == []
    else:
        assert shown == found
