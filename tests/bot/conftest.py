"""Conversation tests: the real application, the recording transport, users who press buttons."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager

import pytest

from bot.app import BotApplication, build_application
from bot.settings import Settings
from lokisi.schemas import MemberView
from lokisi.services import Services
from tests.support.driver import TelegramUser, running_application
from tests.support.recording_request import RecordingRequest

OUTSIDER_ID = 3003

UserFactory = Callable[..., TelegramUser]


@pytest.fixture
def recorder() -> Iterator[RecordingRequest]:
    """Every Bot API call of the test; none may break the Bot API description."""
    request = RecordingRequest()
    yield request
    request.assert_no_violations()


def offline_settings() -> Settings:
    return Settings(_env_file=None, rate_limit=False)  # type: ignore[call-arg]


async def started_application(
    services: Services, request: RecordingRequest, *extra: object
) -> BotApplication:
    """A new application over the database, initialized, as after a restart (Telegram keeps
    its chats); `extra` handlers run before the bot's own."""
    application = build_application(
        offline_settings(), services, request=request, with_updater=False
    )
    for handler in extra:
        application.add_handler(handler, group=-1)  # type: ignore[arg-type]
    await application.initialize()
    return application


@pytest.fixture
async def bot_app(services: Services, recorder: RecordingRequest) -> AsyncIterator[BotApplication]:
    application = build_application(
        offline_settings(), services, request=recorder, with_updater=False
    )
    async with running_application(application):
        yield application


@asynccontextmanager
async def restarted(
    services: Services, recorder: RecordingRequest, member: MemberView
) -> AsyncIterator[TelegramUser]:
    """The member talking to a new application over the same database: after a restart."""
    application = build_application(
        offline_settings(), services, request=recorder, with_updater=False
    )
    async with running_application(application):
        yield TelegramUser(application, recorder, member.telegram_user_id, member.name.split()[0])


@pytest.fixture
def as_user(bot_app: BotApplication, recorder: RecordingRequest) -> UserFactory:
    """A Telegram user talking to the bot: as_user(member) or as_user(telegram_id, ...)."""

    def make(who: MemberView | int, language_code: str = "fr", **kwargs: object) -> TelegramUser:
        user_id = who.telegram_user_id if isinstance(who, MemberView) else who
        first_name = who.name.split()[0] if isinstance(who, MemberView) else "Inconnu"
        return TelegramUser(
            bot_app,
            recorder,
            user_id,
            first_name,
            language_code,
            **kwargs,  # type: ignore[arg-type]
        )

    return make


@pytest.fixture
def marie(as_user: UserFactory, manager: MemberView) -> TelegramUser:
    """The manager, in a private chat, in French."""
    return as_user(manager)


@pytest.fixture
def theo(as_user: UserFactory, technicien: MemberView) -> TelegramUser:
    """The field technician, in a private chat, in French."""
    return as_user(technicien)


@pytest.fixture
def stranger(as_user: UserFactory) -> TelegramUser:
    """Someone who found the bot but belongs to no account."""
    return as_user(OUTSIDER_ID)
