"""Attaching from the chat: what is sent with a card open (private) or in reply to a card
(groups, privacy mode on) is offered to that client in one tap; albums arrive as several
updates and make one attachment."""

from __future__ import annotations

import pytest

from bot.app import build_application
from lokisi.enums import AttachmentKind
from lokisi.schemas import ClientView, MemberView
from lokisi.services import Services
from tests.bot.conftest import UserFactory, offline_settings
from tests.factories import professional, unnumbered
from tests.support import builders
from tests.support.driver import TelegramUser, running_application
from tests.support.recording_request import RecordingRequest

GROUP = -100123


@pytest.fixture
async def client(services: Services, manager: MemberView) -> ClientView:
    return await services.clients.create(manager, professional())


async def attached(services: Services, member: MemberView, client: ClientView) -> list[object]:
    page = await services.attachments.page(member, client.id)
    return [[(i.kind, i.file_id) for i in a.items] for a in page.items]


async def test_a_photo_sent_with_the_card_open_is_attached_in_one_tap_with_its_caption(
    theo: TelegramUser, services: Services, technicien: MemberView, client: ClientView
) -> None:
    await theo.open_card(client.id)
    await theo.send_photo(1, caption="Chaudière <b>HS</b>")
    assert theo.last_text == "📎 Joindre 1 photo à Boulangerie Dupont (CLI-000001) ?"
    assert theo.buttons() == [["Oui", "Non"]]
    assert await attached(services, technicien, client) == []
    await theo.press("Oui")
    assert theo.last_text == "✅ Joint à Boulangerie Dupont (CLI-000001) : 1 photo."
    [attachment] = (await services.attachments.page(technicien, client.id)).items
    # The largest size of the photo, its caption as typed, and who sent it.
    assert [(i.kind, i.file_id, i.file_size) for i in attachment.items] == [
        (AttachmentKind.PHOTO, "photo-1", 182_000)
    ]
    assert (attachment.caption, attachment.author_name) == (
        "Chaudière <b>HS</b>",
        "Théo Technicien",
    )


async def test_an_album_arriving_as_several_updates_is_one_question_and_one_attachment(
    theo: TelegramUser, services: Services, technicien: MemberView, client: ClientView
) -> None:
    await theo.open_card(client.id)
    calls = await theo.send_album(3, caption="Compteur")
    # One question, counted again as each photo arrives.
    assert [c.method for c in calls].count("sendMessage") == 1
    assert theo.last_text == "📎 Joindre 3 photos à Boulangerie Dupont (CLI-000001) ?"
    await theo.press("Oui")
    assert "3 photos" in theo.last_text
    [attachment] = (await services.attachments.page(technicien, client.id)).items
    assert [i.file_id for i in attachment.items] == ["photo-1", "photo-2", "photo-3"]
    assert attachment.caption == "Compteur"


async def test_yes_pressed_twice_attaches_once(
    theo: TelegramUser, services: Services, technicien: MemberView, client: ClientView
) -> None:
    await theo.open_card(client.id)
    await theo.send_photo()
    question = theo.last_message
    yes = question.keyboard[0][0]["callback_data"]
    await theo.press("Oui")
    await theo.press_data(yes, question.message_id)
    assert "Joint à Boulangerie Dupont" in theo.last_text
    assert len(await attached(services, technicien, client)) == 1


async def test_yes_delivered_again_after_a_crash_attaches_once(
    theo: TelegramUser, services: Services, technicien: MemberView, client: ClientView
) -> None:
    await theo.open_card(client.id)
    await theo.send_album(2)
    question = theo.last_message
    yes = question.keyboard[0][0]["callback_data"]
    waiting = [dict(p) for p in theo.app.user_data[theo.user["id"]]["attaching"]]
    await theo.press("Oui")
    # The crash lost what the user's data said after the attachment; Telegram delivers the
    # press again.
    theo.app.user_data[theo.user["id"]]["attaching"] = waiting
    await theo.press_data(yes, question.message_id)
    assert "Joint à Boulangerie Dupont (CLI-000001) : 2 photos." in theo.last_text
    assert len(await attached(services, technicien, client)) == 1


async def test_no_attaches_nothing_and_shows_the_card_again(
    theo: TelegramUser, services: Services, technicien: MemberView, client: ClientView
) -> None:
    await theo.open_card(client.id)
    await theo.send_photo()
    await theo.press("Non")
    assert "FICHE CLIENT" in theo.last_text and "📎 Pièces (0)" in str(theo.buttons())
    assert await attached(services, technicien, client) == []


@pytest.mark.parametrize(
    ("content", "said", "kind"),
    [
        (
            {
                "document": {
                    "file_id": "doc-1",
                    "file_unique_id": "u-doc-1",
                    "file_name": "devis.pdf",
                    "mime_type": "application/pdf",
                    "file_size": 48213,
                }
            },
            "1 document « devis.pdf »",
            AttachmentKind.DOCUMENT,
        ),
        (
            {
                "voice": {
                    "file_id": "voice-1",
                    "file_unique_id": "u-voice-1",
                    "duration": 42,
                    "mime_type": "audio/ogg",
                }
            },
            "1 note vocale",
            AttachmentKind.VOICE,
        ),
        (
            {
                "video": {
                    "file_id": "video-1",
                    "file_unique_id": "u-video-1",
                    "width": 640,
                    "height": 480,
                    "duration": 9,
                }
            },
            "1 vidéo",
            AttachmentKind.VIDEO,
        ),
    ],
    ids=["document", "voice", "video"],
)
async def test_documents_voice_notes_and_videos_are_attached_by_their_file_ids(
    theo: TelegramUser,
    services: Services,
    technicien: MemberView,
    client: ClientView,
    content: dict[str, object],
    said: str,
    kind: AttachmentKind,
) -> None:
    await theo.open_card(client.id)
    await theo.send_media(**content)
    assert theo.last_text == f"📎 Joindre {said} à Boulangerie Dupont (CLI-000001) ?"
    await theo.press("Oui")
    [[(stored_kind, file_id)]] = await attached(services, technicien, client)
    assert stored_kind is kind and file_id == next(iter(content.values()))["file_id"]  # type: ignore[index]


async def test_a_forwarded_message_is_attached_with_who_it_came_from(
    theo: TelegramUser, services: Services, technicien: MemberView, client: ClientView
) -> None:
    await theo.open_card(client.id)
    customer = builders.user_dict(4242, "Jean", last_name="Dupont")
    await theo.send_media(
        text="Le portail est au fond de la cour", forward_origin=builders.user_origin(customer)
    )
    assert "1 message transféré" in theo.last_text
    await theo.press("Oui")
    [attachment] = (await services.attachments.page(technicien, client.id)).items
    assert (attachment.items[0].text, attachment.origin) == (
        "Le portail est au fond de la cour",
        "Jean Dupont",
    )


async def test_a_location_replying_to_the_card_is_attached_and_one_alone_finds_clients(
    theo: TelegramUser, services: Services, technicien: MemberView, client: ClientView
) -> None:
    card = await theo.open_card(client.id)
    await theo.share_location(48.8686, 2.3314)
    assert "Joindre" not in theo.last_text
    await theo.send_media(
        location={"latitude": 48.8686, "longitude": 2.3314}, reply_to_message_id=card
    )
    assert theo.last_text == "📎 Joindre 1 position à Boulangerie Dupont (CLI-000001) ?"
    await theo.press("Oui")
    assert await attached(services, technicien, client) == [[(AttachmentKind.LOCATION, None)]]


async def test_a_photo_replying_to_a_card_goes_to_that_client_whatever_card_is_open(
    theo: TelegramUser, services: Services, technicien: MemberView, client: ClientView
) -> None:
    first = await theo.open_card(client.id)
    other = await services.clients.create(technicien, unnumbered(name="Hôtel du Nord"))
    await theo.open_card(other.id)
    await theo.send_photo(reply_to_message_id=first)
    assert "Boulangerie Dupont" in theo.last_text


async def test_without_a_card_open_the_bot_says_how_to_attach(
    theo: TelegramUser, technicien: MemberView
) -> None:
    await theo.send("/start")
    await theo.send_photo()
    assert theo.last_text.startswith("📎 Pour joindre ceci à un client, ouvrez d'abord sa fiche")


async def test_a_deleted_clients_card_is_no_longer_offered_anything(
    theo: TelegramUser, services: Services, manager: MemberView, client: ClientView
) -> None:
    await theo.open_card(client.id)
    await services.clients.delete(manager, client.id)
    await theo.send_photo()
    assert "ouvrez d'abord sa fiche" in theo.last_text


@pytest.mark.parametrize(
    "content",
    [
        {
            "sticker": {
                "file_id": "s",
                "file_unique_id": "us",
                "type": "regular",
                "width": 512,
                "height": 512,
                "is_animated": False,
                "is_video": False,
            }
        },
        {"audio": {"file_id": "a", "file_unique_id": "ua", "duration": 200}},
        {"video_note": {"file_id": "vn", "file_unique_id": "uvn", "length": 240, "duration": 5}},
        {
            "animation": {
                "file_id": "g",
                "file_unique_id": "ug",
                "width": 1,
                "height": 1,
                "duration": 1,
            },
            "document": {"file_id": "g", "file_unique_id": "ug"},
        },
        {"contact": {"phone_number": "+33612345678", "first_name": "Jean"}},
    ],
    ids=["sticker", "audio", "video note", "animation", "contact"],
)
async def test_what_the_bot_does_not_keep_gets_a_short_answer_naming_what_it_keeps(
    theo: TelegramUser,
    services: Services,
    technicien: MemberView,
    client: ClientView,
    content: dict[str, object],
) -> None:
    await theo.open_card(client.id)
    await theo.send_media(**content)
    assert theo.last_text == (
        "Je ne garde pas ce type de message. Je joins à la fiche d'un client les photos, "
        "documents, notes vocales, vidéos, positions et messages transférés."
    )
    assert await attached(services, technicien, client) == []


async def test_attaching_speaks_english(
    as_user: UserFactory, services: Services, technicien: MemberView, client: ClientView
) -> None:
    theo = as_user(technicien, language_code="en")
    await theo.open_card(client.id)
    await theo.send_album(2)
    assert theo.last_text == "📎 Attach 2 photos to Boulangerie Dupont (CLI-000001)?"
    await theo.press("Yes")
    assert theo.last_text == "✅ Attached to Boulangerie Dupont (CLI-000001): 2 photos."
    await theo.send_media(
        sticker={
            "file_id": "s",
            "file_unique_id": "us",
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
        }
    )
    assert theo.last_text.startswith("I don't keep this kind of message.")


# Groups: privacy mode lets only replies to the bot through.


def in_group(as_user: UserFactory, who: MemberView) -> TelegramUser:
    return as_user(who, chat_id=GROUP, chat_type="supergroup")


@pytest.fixture
async def group_card(
    as_user: UserFactory, services: Services, manager: MemberView, client: ClientView
) -> int:
    """The card of the client, opened in the linked group by its manager."""
    await services.groups.link(manager, GROUP, "Équipe Dupont")
    marie = in_group(as_user, manager)
    await marie.send("/client dupont")
    await marie.press("Boulangerie Dupont")
    return marie.last_message.message_id


async def test_in_a_group_an_album_replying_to_the_card_is_attached_by_whoever_sent_it(
    as_user: UserFactory,
    services: Services,
    manager: MemberView,
    technicien: MemberView,
    client: ClientView,
    group_card: int,
) -> None:
    theo = in_group(as_user, technicien)
    await theo.send_album(2, caption="Vanne", reply_to_message_id=group_card)
    question = theo.last_message
    assert question.text == "Théo : 📎 joindre 2 photos à Boulangerie Dupont (CLI-000001) ?"
    # Marie cannot answer Théo's question for him.
    marie = in_group(as_user, manager)
    await marie.press("Oui", question.message_id)
    assert marie.callback_answers == ["Ce bouton a déjà servi."]
    assert await attached(services, manager, client) == []
    await theo.press("Oui", question.message_id)
    [attachment] = (await services.attachments.page(manager, client.id)).items
    assert (len(attachment.items), attachment.author_name) == (2, "Théo Technicien")


async def test_in_a_group_a_photo_replying_to_no_card_is_left_alone(
    as_user: UserFactory, services: Services, technicien: MemberView, group_card: int
) -> None:
    theo = in_group(as_user, technicien)
    calls = await theo.send_photo()
    assert calls == []


async def test_after_a_restart_a_reply_to_the_card_still_attaches(
    theo: TelegramUser,
    recorder: RecordingRequest,
    services: Services,
    technicien: MemberView,
    client: ClientView,
) -> None:
    card = await theo.open_card(client.id)
    # The open card is remembered in memory only (opening a card writes nothing): a new
    # process has forgotten it, not the card's message.
    restarted = build_application(
        offline_settings(), services, request=recorder, with_updater=False
    )
    async with running_application(restarted):
        again = TelegramUser(restarted, recorder, technicien.telegram_user_id, "Théo")
        await again.send_photo()
        assert again.last_text.startswith("📎 Pour joindre ceci à un client, ouvrez d'abord")
        await again.send_photo(reply_to_message_id=card)
        await again.press("Oui")
    assert len(await attached(services, technicien, client)) == 1
