"""The real bot, in this process, against the fake Bot API: long polling, the webhook and its
secret token, commands registered in every language, the Corbeille's daily purge, and a clean
stop."""

from __future__ import annotations

import asyncio
import logging
import re
from datetime import datetime, timedelta

import httpx
import pytest
from telegram.constants import BotCommandLimit, BotDescriptionLimit

from bot import runtime
from bot.app import build_application
from bot.languages import CODES
from bot.texts import CATALOGS
from lokisi.db import SessionFactory
from lokisi.models import Client, utcnow
from lokisi.schemas import ClientView, MemberView
from lokisi.services import Services
from tests.factories import professional
from tests.support import builders
from tests.support.fake_bot_api import FakeBotApi, free_port
from tests.support.serving import serving, settings_for

SECRET = "s3cret-Token_42"


async def test_the_bot_polls_for_updates_and_answers(
    api: FakeBotApi, services: Services, manager: MemberView
) -> None:
    marie = api.user(manager.telegram_user_id)
    async with serving(api, services):
        marie.send("/start")
        menu = await asyncio.to_thread(marie.wait_for_text, "Dupont Chauffage")
    assert any("+ Nouveau client" in b["text"] for row in menu.keyboard for b in row)
    assert api.calls_to("deleteWebhook"), "polling starts by removing any webhook"


async def test_commands_and_descriptions_are_registered_in_french_and_english(
    api: FakeBotApi, services: Services
) -> None:
    async with serving(api, services):
        await asyncio.to_thread(
            api.wait_until,
            lambda: len(api.telegram.calls_to("setMyShortDescription")) == 3,
            lambda: "the three short descriptions",
        )
    commands: dict[tuple[str | None, str], dict[str, str]] = {
        (call.params.get("language_code"), (call.params.get("scope") or {}).get("type", "")): {
            c["command"]: c["description"] for c in call.params["commands"]
        }
        for call in api.calls_to("setMyCommands")
    }
    assert commands["fr", ""]["start"] == "Menu principal"
    assert commands["en", ""]["start"] == "Main menu"
    # Users whose Telegram speaks neither language get the deployment's default, French.
    assert commands[None, ""] == commands["fr", ""]
    # In groups, privacy mode lets commands through: they are how a team starts there.
    assert commands["fr", "all_group_chats"]["client"].startswith("Chercher un client")
    assert "lier" in commands["en", "all_group_chats"]
    descriptions = {
        call.params.get("language_code"): call.params["description"]
        for call in api.calls_to("setMyDescription")
    }
    assert "fiches clients" in descriptions["fr"] and "client records" in descriptions["en"]


@pytest.mark.parametrize("language", CODES)
def test_every_language_s_commands_and_descriptions_fit_in_telegram_s_limits(
    language: str,
) -> None:
    texts = CATALOGS[language]
    for name in {*runtime.COMMANDS, *runtime.GROUP_COMMANDS}:
        assert re.fullmatch(r"[a-z0-9_]{1,32}", name), name
        description = texts[f"commands.{name}"]
        limits = (BotCommandLimit.MIN_DESCRIPTION, BotCommandLimit.MAX_DESCRIPTION)
        assert limits[0] <= len(description) <= limits[1], name
    assert 0 < len(texts["commands.description"]) <= BotDescriptionLimit.MAX_DESCRIPTION_LENGTH
    short = texts["commands.short_description"]
    assert 0 < len(short) <= BotDescriptionLimit.MAX_SHORT_DESCRIPTION_LENGTH


async def test_the_webhook_refuses_requests_without_the_secret_token(
    api: FakeBotApi, services: Services, manager: MemberView
) -> None:
    port = free_port()
    webhook = runtime.Webhook(
        url="https://bot.example.org/telegram/hook",
        listen="127.0.0.1",
        port=port,
        secret_token=SECRET,
    )
    marie = api.user(manager.telegram_user_id)
    update = {
        "update_id": 1,
        "message": builders.message_dict(
            1, marie.user, marie.chat, text="/start", entities=builders.command_entities("/start")
        ),
    }
    local = f"http://127.0.0.1:{port}/telegram/hook"
    async with serving(api, services, webhook):
        async with httpx.AsyncClient() as client:
            missing = await client.post(local, json=update)
            wrong = await client.post(
                local, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "guess"}
            )
            right = await client.post(
                local, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": SECRET}
            )
        await asyncio.to_thread(marie.wait_for_text, "Dupont Chauffage")
    assert (missing.status_code, wrong.status_code, right.status_code) == (403, 403, 200)
    registered = api.calls_to("setWebhook")[0].params
    assert registered["url"] == webhook.url
    assert registered["secret_token"] == SECRET
    assert len([m for m in marie.messages if "Dupont Chauffage" in m.text]) == 1


def test_the_webhook_path_comes_from_its_public_url() -> None:
    hook = runtime.Webhook(
        url="https://bot.example.org/tg/", listen="0.0.0.0", port=8443, secret_token="x"
    )
    assert hook.path == "tg"


async def test_the_running_bot_purges_clients_deleted_more_than_thirty_days_ago(
    api: FakeBotApi, services: Services, manager: MemberView, sessions: SessionFactory
) -> None:
    client = await deleted_long_ago(services, manager, sessions)
    async with serving(api, services) as application:
        erased = await purged(sessions, client.id)
        assert application.job_queue
        assert [job.name for job in application.job_queue.jobs()] == ["purge_trash"]
    assert (erased.name, erased.email) == (client.code, None)


async def test_a_failed_purge_is_logged_and_the_next_run_purges(
    api: FakeBotApi,
    services: Services,
    manager: MemberView,
    sessions: SessionFactory,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    client = await deleted_long_ago(services, manager, sessions)
    purge = services.trash.purge_expired
    runs = 0

    async def fails_the_first_time(now: datetime | None = None) -> int:
        nonlocal runs
        runs += 1
        if runs == 1:
            raise RuntimeError("database unreachable")
        return await purge(now)

    monkeypatch.setattr(services.trash, "purge_expired", fails_the_first_time)
    application = build_application(settings_for(api), services, with_updater=False)
    with caplog.at_level(logging.ERROR, logger="bot.errors"):
        async with application:
            await application.start()
            runtime.schedule_purge(application, interval=0.2)
            try:
                erased = await purged(sessions, client.id)
            finally:
                await application.stop()
    assert (erased.name, erased.email) == (client.code, None)
    assert runs >= 2
    [failure] = [record for record in caplog.records if record.name == "bot.errors"]
    assert failure.getMessage() == "job purge_trash failed"
    assert failure.exc_info is not None and str(failure.exc_info[1]) == "database unreachable"
    assert "fails_the_first_time" in caplog.text, "the traceback is logged"
    assert not api.calls_to("sendMessage"), "a job's failure is nobody's message"


async def test_an_application_that_only_processes_updates_schedules_no_purge(
    api: FakeBotApi, services: Services
) -> None:
    application = build_application(settings_for(api), services, with_updater=False)
    async with application:
        assert application.job_queue
        assert application.job_queue.jobs() == ()


async def deleted_long_ago(
    services: Services, manager: MemberView, sessions: SessionFactory
) -> ClientView:
    """A client deleted 31 days ago: the purge's to erase."""
    client = await services.clients.create(manager, professional())
    await services.clients.delete(manager, client.id)
    async with sessions.begin() as session:
        stored = await session.get_one(Client, client.id)
        stored.deleted_at = utcnow() - timedelta(days=31)
    return client


async def purged(sessions: SessionFactory, client_id: int) -> Client:
    """The client once the bot's purge has erased its personal data."""
    async with asyncio.timeout(10):
        # The purge happens in the bot's own job: nothing to await but the database.
        while (stored := await stored_client(sessions, client_id)).phone is not None:  # noqa: ASYNC110
            await asyncio.sleep(0.05)
    return stored


async def stored_client(sessions: SessionFactory, client_id: int) -> Client:
    async with sessions() as session:
        return await session.get_one(Client, client_id)
