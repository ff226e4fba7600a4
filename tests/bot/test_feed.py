"""The activity feed: linked groups hear one short line per change, when the account wants it."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.app import BotApplication
from bot.feed import FEED_KEY, ActivityFeed
from lokisi.enums import DocumentFamily
from lokisi.schemas import MemberView
from lokisi.services import Services
from tests.factories import photo, professional, unnumbered
from tests.support.driver import TelegramUser
from tests.support.recording_request import RecordingRequest

GROUP = -100123
OTHER_GROUP = -100456


@pytest.fixture
async def feed(bot_app: BotApplication) -> AsyncIterator[ActivityFeed]:
    """The feed of a running bot (only a running bot posts)."""
    await bot_app.start()
    yield bot_app.bot_data[FEED_KEY]
    await bot_app.stop()


@pytest.fixture
async def linked(services: Services, manager: MemberView) -> None:
    """A group linked to the account, whose feed is on."""
    await services.groups.link(manager, GROUP, "Équipe Dupont")
    await services.accounts.configure(manager, activity_feed=True)


def feed_lines(recorder: RecordingRequest, chat_id: int = GROUP) -> list[str]:
    return [m.text for m in recorder.chat_messages(chat_id)]


@pytest.mark.usefixtures("linked")
async def test_each_change_is_one_line_naming_who_did_it(
    feed: ActivityFeed,
    recorder: RecordingRequest,
    services: Services,
    manager: MemberView,
    technicien: MemberView,
) -> None:
    client = await services.clients.create(technicien, professional())
    await services.clients.update(
        technicien, client.id, professional(city="Lyon", postal_code="69001"), expected_version=1
    )
    document = await services.documents.create(manager, client.id, DocumentFamily.VENTE)
    await services.documents.close(manager, document.id)
    await services.clients.delete(manager, client.id)
    await feed.settled()
    assert feed_lines(recorder) == [
        "➕ Théo Technicien a créé le client Boulangerie Dupont (CLI-000001)",
        "✏️ Théo Technicien a modifié le client Boulangerie Dupont (CLI-000001)",
        f"📄 Marie Manager a créé le document {document.number}",
        f"✅ Marie Manager a clôturé le document {document.number}",
        "🗑 Marie Manager a supprimé le client Boulangerie Dupont (CLI-000001)",
    ]
    posts = recorder.calls_to("sendMessage")
    assert all(call.params["disable_notification"] is True for call in posts)


@pytest.mark.usefixtures("linked")
async def test_names_typed_by_users_are_shown_as_typed(
    feed: ActivityFeed, recorder: RecordingRequest, services: Services, manager: MemberView
) -> None:
    await services.clients.create(manager, professional(name="<b>Tom & Jerry</b>"))
    await feed.settled()
    [post] = recorder.calls_to("sendMessage")
    assert "&lt;b&gt;Tom &amp; Jerry&lt;/b&gt;" in post.params["text"]
    assert feed_lines(recorder) == [
        "➕ Marie Manager a créé le client <b>Tom & Jerry</b> (CLI-000001)"
    ]


@pytest.mark.usefixtures("linked")
async def test_a_bulk_deletion_is_one_message(
    feed: ActivityFeed, recorder: RecordingRequest, services: Services, manager: MemberView
) -> None:
    ids = [
        (await services.clients.create(manager, unnumbered(name=f"Client {n}"))).id
        for n in range(12)
    ]
    await feed.settled()
    created = len(recorder.chat_messages(GROUP))
    await services.clients.delete_many(manager, ids)
    await feed.settled()
    *_, summary = feed_lines(recorder)
    assert len(recorder.chat_messages(GROUP)) == created + 1
    assert summary.count("a supprimé le client") == 10
    assert summary.endswith("… et 2 de plus")


async def test_nothing_is_posted_while_the_feed_is_off(
    feed: ActivityFeed, recorder: RecordingRequest, services: Services, manager: MemberView
) -> None:
    await services.groups.link(manager, GROUP, "Équipe Dupont")
    await services.clients.create(manager, professional())
    await feed.settled()
    assert recorder.calls_to("sendMessage") == []


@pytest.mark.usefixtures("linked")
async def test_another_accounts_changes_stay_out_of_the_group(
    feed: ActivityFeed,
    recorder: RecordingRequest,
    services: Services,
    outsider_manager: MemberView,
) -> None:
    await services.groups.link(outsider_manager, OTHER_GROUP, "Autre équipe")
    await services.clients.create(outsider_manager, professional(name="Secret SA"))
    await feed.settled()
    assert recorder.calls_to("sendMessage") == []


@pytest.mark.usefixtures("linked")
async def test_a_group_that_removed_the_bot_does_not_silence_the_others(
    feed: ActivityFeed, recorder: RecordingRequest, services: Services, manager: MemberView
) -> None:
    await services.groups.link(manager, OTHER_GROUP, "Équipe du soir")
    recorder.fail_next("sendMessage", 403, "Forbidden: bot was kicked from the supergroup chat")
    await services.clients.create(manager, professional())
    await feed.settled()
    assert len(recorder.calls_to("sendMessage")) == 2
    delivered = feed_lines(recorder, GROUP) + feed_lines(recorder, OTHER_GROUP)
    assert delivered == ["➕ Marie Manager a créé le client Boulangerie Dupont (CLI-000001)"]


@pytest.mark.usefixtures("linked")
async def test_a_change_made_from_the_bot_reaches_the_group(
    feed: ActivityFeed,
    recorder: RecordingRequest,
    marie: TelegramUser,
    services: Services,
    manager: MemberView,
) -> None:
    client = await services.clients.create(manager, professional())
    await marie.send(f"/start c_{client.id}")
    await marie.press("Supprimer")
    await marie.press("Oui")
    await feed.settled()
    assert feed_lines(recorder)[-1] == (
        "🗑 Marie Manager a supprimé le client Boulangerie Dupont (CLI-000001)"
    )


@pytest.mark.usefixtures("linked")
async def test_each_attachment_is_one_line_naming_its_client(
    feed: ActivityFeed, recorder: RecordingRequest, services: Services, technicien: MemberView
) -> None:
    client = await services.clients.create(technicien, professional())
    await services.attachments.add(technicien, client.id, [photo(1), photo(2)])
    await services.notes.add(technicien, client.id, "Pas dans le fil")
    await feed.settled()
    assert feed_lines(recorder)[1:] == [
        "📎 Théo Technicien a joint une pièce à Boulangerie Dupont (CLI-000001)"
    ]
