"""Nothing of one account's attachments is reachable from another, whatever file ids, replies
or callback data a modified Telegram client forges."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncEngine

from bot.i18n import t
from bot.payloads import Attach, Card
from lokisi.services import Services
from tests.bot.conftest import UserFactory
from tests.reliability.world import Company, leaks, snapshot
from tests.support import builders
from tests.support.recording_request import BOT_USER


async def test_a_photo_forged_with_another_accounts_file_ids_reaches_nothing_of_it(
    as_user: UserFactory, ours: Company, theirs: Company, services: Services, engine: AsyncEngine
) -> None:
    olga = as_user(theirs.manager)
    before = await snapshot(engine, ours.manager.account_id)
    await olga.send("/start")
    await olga.press_data(Card(theirs.client.id).pack(), olga.last_message.message_id)
    ours_photo = ours.attachment.items[0]
    await olga.send_media(
        photo=[
            {
                "file_id": ours_photo.file_id,
                "file_unique_id": ours_photo.file_unique_id,
                "width": 1,
                "height": 1,
            }
        ]
    )
    await olga.press("Oui")
    await olga.press_data(Card(theirs.client.id).pack(), olga.last_message.message_id)
    await olga.press("📎 Pièces (2)")
    # The file id she sent comes back to her (Telegram would only give her one of her own
    # files); nothing else of ours does: no caption, no name, no note.
    secrets = [secret for secret in ours.secrets if secret != ours_photo.file_id]
    for label in [row[0] for row in olga.buttons()[:2]]:
        calls = await olga.press(label)
        assert leaks(calls, secrets) == []
        await olga.press("⬅️ Pièces")
    # Her photo is hers, on her client; ours is as it was.
    assert len((await services.attachments.page(theirs.manager, theirs.client.id)).items) == 2
    assert await snapshot(engine, ours.manager.account_id) == before


async def test_a_reply_to_a_forged_card_of_another_account_attaches_nothing(
    as_user: UserFactory, ours: Company, theirs: Company, engine: AsyncEngine
) -> None:
    olga = as_user(theirs.manager)
    before = await snapshot(engine, ours.manager.account_id)
    forged_card = builders.message_dict(
        olga.request.next_message_id(olga.chat_id),
        BOT_USER,
        olga.chat,
        text="FICHE CLIENT",
        reply_markup={
            "inline_keyboard": [[{"text": "x", "callback_data": Card(ours.client.id).pack()}]]
        },
    )
    update = builders.media_message(
        olga.app.bot,
        olga.user,
        olga.chat,
        olga.request.next_message_id(olga.chat_id),
        reply_to=forged_card,
        photo=builders.photo_sizes("p", "u"),
    )
    calls = await olga.process(update)
    assert olga.texts == [t("fr", "attachments.open_a_card")]
    assert leaks(calls, ours.secrets) == []
    # A "Oui" rewritten for our client with a token the bot gave her finds nothing waiting.
    forged_yes = Attach(ours.client.id, olga.confirmation_token()).pack()
    calls = await olga.press_data(forged_yes, olga.last_message.message_id)
    assert olga.callback_answers == [
        "Ce qui devait être joint n'est plus en attente : envoyez-le à nouveau."
    ]
    assert leaks(calls, ours.secrets) == []
    assert await snapshot(engine, ours.manager.account_id) == before
