"""The real bot serving in this process against the fake Bot API: long polling, or its
webhook server listening, as `lokisi-bot run` does."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from pydantic import SecretStr

from bot import runtime
from bot.app import BotApplication, build_application
from bot.settings import Settings
from lokisi.services import Services
from tests.support.fake_bot_api import TOKEN, FakeBotApi


def settings_for(api: FakeBotApi) -> Settings:
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        telegram_bot_token=SecretStr(TOKEN),
        telegram_api_base_url=api.base_url,
    )


@asynccontextmanager
async def serving(
    api: FakeBotApi, services: Services, webhook: runtime.Webhook | None = None
) -> AsyncIterator[BotApplication]:
    """The bot serving until the block ends; it must then stop cleanly."""
    application = build_application(settings_for(api), services)
    stop = asyncio.Event()
    task = asyncio.create_task(runtime.serve(application, stop, webhook))
    try:
        async with asyncio.timeout(30):
            while not application.running:
                assert not task.done(), task.exception()
                await asyncio.sleep(0.01)
        yield application
    finally:
        stop.set()
        await asyncio.wait_for(task, timeout=30)
    assert not application.running
