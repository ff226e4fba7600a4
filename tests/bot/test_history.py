"""🕘 Historique: the client's life from the audit trail, in plain words, in the member's
language, page by page, for members of its account only."""

from __future__ import annotations

import pytest

from bot.payloads import History
from lokisi.enums import DocumentFamily
from lokisi.schemas import ClientView, MemberView
from lokisi.services import Services
from tests.bot.conftest import UserFactory
from tests.factories import photo, professional
from tests.support.driver import TelegramUser


@pytest.fixture
async def client(services: Services, manager: MemberView) -> ClientView:
    return await services.clients.create(manager, professional(address_line1="3 rue des Lilas"))


async def a_life(
    services: Services, manager: MemberView, technicien: MemberView, client: ClientView
) -> str:
    """A few things happen to the client; returns its invoice's number."""
    moved = client.model_dump() | {"address_line1": "5 rue des Lilas"}
    updated = await services.clients.update(manager, client.id, moved, expected_version=1)
    several = updated.model_dump() | {"mobile": None, "city": "Lyon", "postal_code": "69001"}
    await services.clients.update(technicien, client.id, several, expected_version=2)
    invoice = await services.documents.create(manager, client.id, DocumentFamily.FACTURE)
    await services.documents.close(manager, invoice.id)
    await services.attachments.add(technicien, client.id, [photo(1), photo(2)], caption="Vanne")
    note = await services.notes.add(technicien, client.id, "Portail cassé")
    await services.notes.add(manager, client.id, "Rappeler lundi")
    await services.notes.remove(manager, note.id)
    return invoice.number


async def test_the_history_tells_who_changed_what_in_plain_words(
    theo: TelegramUser,
    services: Services,
    manager: MemberView,
    technicien: MemberView,
    client: ClientView,
) -> None:
    number = await a_life(services, manager, technicien, client)
    await theo.open_card(client.id)
    await theo.press("🕘 Historique")
    lines = [line.split(" — ", 1)[-1] for line in theo.last_text.split("\n")]
    assert lines[0] == "🕘 Historique de Boulangerie Dupont (CLI-000001)"
    assert lines[1:] == [
        "",
        "Marie Manager a retiré une note",
        "",
        "Marie Manager a ajouté une note : « Rappeler lundi »",
        "",
        "Théo Technicien a ajouté une note",
        "",
        "Théo Technicien a joint 2 photos : « Vanne »",
        "",
        f"Marie Manager a clôturé Facture {number}",
        "",
        f"Marie Manager a créé Facture {number}",
        "",
        "Théo Technicien a modifié la fiche :",
        "• Mobile : +33 6 12 34 56 78 → (vide)",
        "• Code postal : 75002 → 69001",
        "• Ville : Paris → Lyon",
        "",
        "Marie Manager a modifié « Adresse » : 3 rue des Lilas → 5 rue des Lilas",
        "",
        "Marie Manager a créé la fiche",
    ]
    # Each event starts with its day and time.
    assert theo.last_text.split("\n")[2][:11].count("/") == 1


async def test_the_history_speaks_english(
    as_user: UserFactory,
    services: Services,
    manager: MemberView,
    technicien: MemberView,
    client: ClientView,
) -> None:
    await a_life(services, manager, technicien, client)
    theo = as_user(technicien, language_code="en")
    await theo.open_card(client.id)
    await theo.press("🕘 History")
    text = theo.last_text
    assert text.startswith("🕘 History of Boulangerie Dupont (CLI-000001)")
    assert "Marie Manager changed “Address”: 3 rue des Lilas → 5 rue des Lilas" in text
    assert "Théo Technicien attached 2 photos: “Vanne”" in text
    assert "• Mobile: +33 6 12 34 56 78 → (empty)" in text


async def test_the_history_comes_page_by_page_and_every_event_is_on_one(
    marie: TelegramUser, services: Services, manager: MemberView, client: ClientView
) -> None:
    version = client.version
    for n in range(12):
        # Saves that change many fields with long values: a few fill a message.
        values = {
            field: f"{field} {n} " + "x" * 50
            for field in ("contact_name", "address_line1", "address_line2", "city")
        }
        saved = await services.clients.update(
            manager, client.id, client.model_dump() | values, expected_version=version
        )
        version = saved.version
    await marie.open_card(client.id)
    await marie.press("🕘 Historique")
    first = marie.last_text
    pages = [first]
    while "Plus ancien ▶️" in str(marie.buttons()):
        await marie.press("Plus ancien ▶️")
        pages.append(marie.last_text)
    assert len(pages) > 1 and all(len(page) <= 4096 for page in pages)
    events = [line for page in pages for line in page.split("\n") if " — Marie Manager " in line]
    assert len(events) == 13 and events[-1].endswith("Marie Manager a créé la fiche")
    await marie.press("⏮ Plus récent")
    assert marie.last_text == first


async def test_values_in_the_history_are_shown_as_typed(
    marie: TelegramUser, services: Services, manager: MemberView, client: ClientView
) -> None:
    tricky = client.model_dump() | {"contact_name": "<b>&amp;</b> Jean"}
    await services.clients.update(manager, client.id, tricky, expected_version=1)
    await marie.open_card(client.id)
    await marie.press("🕘 Historique")
    assert "a modifié « Contact » : Jean Dupont → <b>&amp;</b> Jean" in marie.last_text


async def test_another_accounts_history_cannot_be_read(
    marie: TelegramUser, services: Services, outsider_manager: MemberView
) -> None:
    secret = await services.clients.create(outsider_manager, professional(name="Secret SA"))
    await marie.send("/start")
    calls = await marie.press_data(History(secret.id).pack(), marie.last_message.message_id)
    assert marie.callback_answers == ["Ce client n'existe plus (il a peut-être été supprimé)."]
    assert "Secret SA" not in str([c.params for c in calls])
