"""A button's answer goes out with its screen, side by side (bot.replies.show): the user waits
for one round trip to Telegram, not two, and the button is still answered exactly once."""

from __future__ import annotations

import asyncio
from typing import Any

from telegram.request import RequestData

from bot.app import build_application
from lokisi.schemas import MemberView
from lokisi.services import Services
from tests.bot.conftest import offline_settings
from tests.factories import private_person
from tests.support.driver import TelegramUser, running_application
from tests.support.recording_request import RecordingRequest


class InFlightRequest(RecordingRequest):
    """Says when each call leaves and when its answer is back, with a few turns of the event
    loop in between, as over a network."""

    def __init__(self) -> None:
        super().__init__()
        self.timeline: list[str] = []

    async def do_request(
        self, url: str, method: str, request_data: RequestData | None = None, **kwargs: Any
    ) -> tuple[int, bytes]:
        name = url.rsplit("/", 1)[-1]
        self.timeline.append(f"{name} sent")
        for _ in range(3):
            await asyncio.sleep(0)
        answer = await super().do_request(url, method, request_data, **kwargs)
        self.timeline.append(f"{name} back")
        return answer


async def test_the_answer_and_the_edited_card_are_in_flight_together(
    services: Services, manager: MemberView
) -> None:
    client = await services.clients.create(manager, private_person(name="Jean Dupont"))
    request = InFlightRequest()
    app = build_application(offline_settings(), services, request=request, with_updater=False)
    async with running_application(app):
        marie = TelegramUser(app, request, manager.telegram_user_id, "Marie")
        await marie.send("dupont")
        request.timeline.clear()
        await marie.press("Jean Dupont")
        assert "FICHE CLIENT" in marie.last_text and client.name in marie.last_text
    timeline = request.timeline
    assert timeline.count("answerCallbackQuery sent") == 1
    assert timeline.index("editMessageText sent") < timeline.index("answerCallbackQuery back")
    request.assert_no_violations()
