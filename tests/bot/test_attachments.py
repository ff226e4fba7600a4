"""📎 Pièces: a client's attachments listed newest first, sent back as they were sent (an
album with sendMediaGroup, a document as a document), removed by their author or a manager."""

from __future__ import annotations

import json

import pytest

from bot.payloads import AttachmentRemove
from lokisi.schemas import ClientView, MemberView
from lokisi.services import Services
from lokisi.services.attachments import PAGE_SIZE
from tests.bot.conftest import UserFactory
from tests.factories import document, photo, professional
from tests.support.driver import TelegramUser

GROUP = -100123


@pytest.fixture
async def client(services: Services, manager: MemberView) -> ClientView:
    return await services.clients.create(manager, professional())


async def test_the_card_counts_the_attachments_and_lists_them_newest_first(
    theo: TelegramUser,
    services: Services,
    manager: MemberView,
    technicien: MemberView,
    client: ClientView,
) -> None:
    await services.attachments.add(manager, client.id, [document("devis.pdf")])
    await services.attachments.add(technicien, client.id, [photo(1), photo(2)], caption="Vanne")
    await theo.open_card(client.id)
    await theo.press("📎 Pièces (2)")
    assert theo.last_text.startswith("📎 Pièces de Boulangerie Dupont (CLI-000001)")
    entries = [row[0] for row in theo.buttons()[:2]]
    assert entries[0].startswith("2 photos — Théo Technicien, ") and entries[0].endswith("Vanne")
    assert entries[1].startswith("1 document « devis.pdf » — Marie Manager, ")


async def test_an_album_comes_back_as_one_album_with_its_caption_then_its_details(
    theo: TelegramUser,
    recorder: object,
    services: Services,
    technicien: MemberView,
    client: ClientView,
) -> None:
    await services.attachments.add(
        technicien, client.id, [photo(1), photo(2), photo(3)], caption="Compteur <gaz>"
    )
    await theo.open_card(client.id)
    await theo.press("📎 Pièces (1)")
    calls = await theo.press("3 photos")
    [album] = [c for c in calls if c.method == "sendMediaGroup"]
    media = album.params["media"]
    media = json.loads(media) if isinstance(media, str) else media
    assert [(m["type"], m["media"]) for m in media] == [
        ("photo", photo(n)["file_id"]) for n in (1, 2, 3)
    ]
    assert media[0]["caption"] == "Compteur &lt;gaz&gt;" and "caption" not in media[1]
    details = theo.last_text
    assert details.startswith("📎 3 photos pour Boulangerie Dupont (CLI-000001)")
    assert "Joint par Théo Technicien" in details and "Légende : Compteur <gaz>" in details
    assert ["🗑 Retirer"] in theo.buttons()


async def test_a_document_comes_back_as_a_document_and_a_lone_photo_as_a_photo(
    marie: TelegramUser, services: Services, manager: MemberView, client: ClientView
) -> None:
    await services.attachments.add(manager, client.id, [document("devis.pdf")])
    await services.attachments.add(manager, client.id, [photo(7)])
    await marie.open_card(client.id)
    await marie.press("📎 Pièces (2)")
    calls = await marie.press("1 document")
    [sent] = [c for c in calls if c.method == "sendDocument"]
    assert sent.params["document"] == document("devis.pdf")["file_id"]
    await marie.press("⬅️ Pièces")
    calls = await marie.press("1 photo")
    assert [c.params["photo"] for c in calls if c.method == "sendPhoto"] == [photo(7)["file_id"]]


async def test_a_position_and_a_forwarded_message_come_back_as_they_were(
    marie: TelegramUser, services: Services, manager: MemberView, client: ClientView
) -> None:
    await services.attachments.add(
        manager, client.id, [{"kind": "location", "latitude": 45.76, "longitude": 4.83}]
    )
    await services.attachments.add(
        manager, client.id, [{"kind": "message", "text": "Code <1234>"}], origin="Jean Dupont"
    )
    await marie.open_card(client.id)
    await marie.press("📎 Pièces (2)")
    calls = await marie.press("1 message transféré")
    [text] = [c for c in calls if c.method == "sendMessage"][:1]
    assert text.params["text"] == "↪️ Jean Dupont :\nCode &lt;1234&gt;"
    await marie.press("⬅️ Pièces")
    calls = await marie.press("1 position")
    [(latitude, longitude)] = [
        (c.params["latitude"], c.params["longitude"]) for c in calls if c.method == "sendLocation"
    ]
    assert (latitude, longitude) == (45.76, 4.83)


async def test_attachments_come_page_by_page(
    marie: TelegramUser, services: Services, manager: MemberView, client: ClientView
) -> None:
    for n in range(PAGE_SIZE + 1):
        await services.attachments.add(manager, client.id, [document(f"f{n}.pdf")])
    await marie.open_card(client.id)
    await marie.press(f"📎 Pièces ({PAGE_SIZE + 1})")
    assert "« f0.pdf »" not in str(marie.buttons())
    await marie.press("Plus anciennes ▶️")
    assert "« f0.pdf »" in str(marie.buttons()) and "⏮ Plus récentes" in str(marie.buttons())


async def test_its_author_removes_an_attachment_after_yes_and_no_changes_nothing(
    theo: TelegramUser, services: Services, technicien: MemberView, client: ClientView
) -> None:
    await services.attachments.add(technicien, client.id, [photo(1)])
    await theo.open_card(client.id)
    await theo.press("📎 Pièces (1)")
    await theo.press("1 photo")
    await theo.press("🗑 Retirer")
    assert theo.last_text == "Retirer 1 photo de Boulangerie Dupont (CLI-000001) ?"
    await theo.press("Non")
    assert len((await services.attachments.page(technicien, client.id)).items) == 1
    await theo.press("1 photo")
    await theo.press("🗑 Retirer")
    await theo.press("Oui")
    assert theo.callback_answers == ["Pièce retirée."]
    assert "Aucune pièce jointe pour l'instant." in theo.last_text
    assert (await services.attachments.page(technicien, client.id)).items == ()


async def test_a_technicien_cannot_remove_someone_elses_attachment(
    theo: TelegramUser, services: Services, manager: MemberView, client: ClientView
) -> None:
    by_marie = await services.attachments.add(manager, client.id, [photo(1)])
    await theo.open_card(client.id)
    await theo.press("📎 Pièces (1)")
    await theo.press("1 photo")
    assert ["🗑 Retirer"] not in theo.buttons()
    await theo.press_data(AttachmentRemove(by_marie.id).pack(), theo.last_message.message_id)
    assert theo.callback_answers == ["Seuls son auteur et les managers peuvent la retirer."]
    token = theo.confirmation_token()
    forged = AttachmentRemove(by_marie.id, token).pack()
    await theo.press_data(forged, theo.last_message.message_id)
    assert theo.callback_answers == ["Seuls son auteur et les managers peuvent la retirer."]
    assert len((await services.attachments.page(manager, client.id)).items) == 1


async def test_attachments_speak_english(
    as_user: UserFactory, services: Services, technicien: MemberView, client: ClientView
) -> None:
    theo = as_user(technicien, language_code="en")
    await services.attachments.add(technicien, client.id, [photo(1)], caption="Valve")
    await theo.open_card(client.id)
    await theo.press("📎 Files (1)")
    assert theo.last_text.startswith("📎 Files of Boulangerie Dupont (CLI-000001)")
    await theo.press("1 photo")
    assert theo.last_text.startswith("📎 1 photo for Boulangerie Dupont (CLI-000001)")
    assert "Caption: Valve" in theo.last_text
    await theo.press("🗑 Remove")
    assert theo.last_text == "Remove 1 photo from Boulangerie Dupont (CLI-000001)?"


async def test_in_a_group_a_card_sends_its_attachments_back_into_the_group(
    as_user: UserFactory, services: Services, manager: MemberView, client: ClientView
) -> None:
    await services.groups.link(manager, GROUP, "Équipe Dupont")
    await services.attachments.add(manager, client.id, [photo(1), photo(2)])
    marie = as_user(manager, chat_id=GROUP, chat_type="supergroup")
    await marie.send("/client dupont")
    await marie.press("Boulangerie Dupont")
    await marie.press("📎 Pièces (1)")
    calls = await marie.press("2 photos")
    assert [int(c.params["chat_id"]) for c in calls if c.method == "sendMediaGroup"] == [GROUP]


async def test_attachments_follow_the_client_into_the_corbeille_and_back(
    marie: TelegramUser, services: Services, manager: MemberView, client: ClientView
) -> None:
    await services.attachments.add(manager, client.id, [photo(1)])
    await services.notes.add(manager, client.id, "Chien méchant")
    await marie.open_card(client.id)
    await marie.press("🗑 Supprimer")
    await marie.press("Oui")
    await marie.press("Corbeille")
    await marie.press("Boulangerie Dupont")
    await marie.press("Oui")
    buttons = str(marie.buttons())
    assert "📎 Pièces (1)" in buttons and "📝 Notes (1)" in buttons
    assert "Chien méchant" in marie.last_text
