"""Restart-safe state: a new application over the same database resumes a conversation
exactly where the user was, even if the old one never shut down cleanly."""

from __future__ import annotations

from enum import StrEnum

import pytest
from telegram import Update
from telegram.ext import CommandHandler, ConversationHandler, MessageHandler, filters

from bot.context import BotContext
from lokisi.schemas import MemberView
from lokisi.services import Services
from lokisi.services.state import StateStore
from tests.bot.conftest import started_application
from tests.support.driver import TelegramUser
from tests.support.recording_request import RecordingRequest


class Step(StrEnum):
    NAME = "name"
    CITY = "city"


async def begin(update: Update, context: BotContext) -> Step:
    """Start a two-question form."""
    assert update.effective_message is not None and context.user_data is not None
    context.user_data["draft"] = {}
    await update.effective_message.reply_text("Nom ?")
    return Step.NAME


async def take_name(update: Update, context: BotContext) -> Step:
    """Keep the name, ask the town."""
    assert update.effective_message is not None and context.user_data is not None
    context.user_data["draft"]["name"] = update.effective_message.text
    await update.effective_message.reply_text("Ville ?")
    return Step.CITY


async def take_city(update: Update, context: BotContext) -> int:
    """Say what was typed, across however many restarts."""
    assert update.effective_message is not None and context.user_data is not None
    draft = context.user_data.pop("draft")
    await update.effective_message.reply_text(f"{draft['name']} à {update.effective_message.text}")
    return ConversationHandler.END


def tiny_form() -> ConversationHandler[BotContext]:
    text = filters.TEXT & ~filters.COMMAND
    return ConversationHandler(
        entry_points=[CommandHandler("begin", begin)],
        states={
            Step.NAME: [MessageHandler(text, take_name)],
            Step.CITY: [MessageHandler(text, take_city)],
        },
        fallbacks=[],
        name="tiny_form",
        persistent=True,
    )


async def restarted_marie_answers_lyon(
    services: Services, telegram: RecordingRequest, manager: MemberView
) -> TelegramUser:
    """A new application over the same database; Marie answers the form's last question."""
    after = await started_application(services, telegram, tiny_form())
    marie = TelegramUser(after, telegram, manager.telegram_user_id, "Marie")
    await marie.send("Lyon")
    await after.shutdown()
    return marie


async def test_a_new_application_resumes_a_conversation_and_its_data(
    services: Services, manager: MemberView
) -> None:
    telegram = RecordingRequest()
    before = await started_application(services, telegram, tiny_form())
    marie = TelegramUser(before, telegram, manager.telegram_user_id, "Marie")
    await marie.send("/begin")
    await marie.send("Boulangerie Dupont")
    # (The bot's search answers the same text in its own group; only the form matters here.)
    assert "Ville ?" in marie.texts
    # The old application is dropped without shutdown, as if the process had been killed.
    marie = await restarted_marie_answers_lyon(services, telegram, manager)
    assert "Boulangerie Dupont à Lyon" in marie.texts
    telegram.assert_no_violations()


async def test_a_new_application_resumes_the_client_form_where_the_user_was(
    services: Services, manager: MemberView
) -> None:
    telegram = RecordingRequest()
    before = await started_application(services, telegram)
    marie = TelegramUser(before, telegram, manager.telegram_user_id, "Marie")
    await marie.send("/start")
    await marie.press("+ Nouveau client")
    await marie.press("Oui")
    await marie.send("Boulangerie Dupont")
    assert "Tapez « Mobile »" in marie.last_text
    after = await started_application(services, telegram)
    marie = TelegramUser(after, telegram, manager.telegram_user_id, "Marie")
    await marie.send("06 12 34 56 78")
    await marie.press("Enregistrer")
    await after.shutdown()
    [client] = (await services.clients.search(manager, "Boulangerie")).items
    saved = await services.clients.get(manager, client.id)
    assert (saved.name, saved.mobile) == ("Boulangerie Dupont", "+33612345678")
    telegram.assert_no_violations()


async def test_what_a_user_typed_is_stored_before_anyone_else_is_answered(
    services: Services, manager: MemberView, technicien: MemberView
) -> None:
    telegram = RecordingRequest()
    before = await started_application(services, telegram, tiny_form())
    marie = TelegramUser(before, telegram, manager.telegram_user_id, "Marie")
    paul = TelegramUser(before, telegram, technicien.telegram_user_id, "Paul")
    await marie.send("/begin")
    await paul.send("/start")
    await marie.send("Boulangerie Dupont")
    # Killed right after Marie's answer, with no other update to carry her data along.
    marie = await restarted_marie_answers_lyon(services, telegram, manager)
    assert "Boulangerie Dupont à Lyon" in marie.texts
    telegram.assert_no_violations()


async def test_a_failed_write_is_made_with_the_next_update(
    services: Services,
    manager: MemberView,
    technicien: MemberView,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    telegram = RecordingRequest()
    before = await started_application(services, telegram, tiny_form())
    # The failed write reaches the error handler (logged, the user is told); not a test failure.
    marie = TelegramUser(before, telegram, manager.telegram_user_id, "Marie", raise_errors=False)
    paul = TelegramUser(before, telegram, technicien.telegram_user_id, "Paul")
    await marie.send("/begin")
    with monkeypatch.context() as outage:
        outage.setattr(StateStore, "write", database_down)
        await marie.send("Boulangerie Dupont")
    assert "Ville ?" in marie.texts
    await paul.send("/start")
    # Killed after Paul's update: Marie's answer went to the database with it.
    marie = await restarted_marie_answers_lyon(services, telegram, manager)
    assert "Boulangerie Dupont à Lyon" in marie.texts


async def database_down(*_: object, **__: object) -> None:
    raise OSError("database unreachable")
