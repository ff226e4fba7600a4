"""Users side by side in the running application: one manager's long export does not hold
the others' answers (bot.update_processor, bot.handlers.export)."""

from __future__ import annotations

import asyncio
import threading
from typing import Any

import pytest
from telegram import Update

from bot.app import build_application
from lokisi.exporting import ClientExport
from lokisi.schemas import MemberView
from lokisi.services import Services
from tests.bot.conftest import offline_settings
from tests.factories import private_person
from tests.support import builders
from tests.support.recording_request import RecordingRequest

# Only a guard against a test that would otherwise hang: the export waits for Théo's answer,
# which never comes while the export holds the event loop.
GUARD_SECONDS = 30


class WatchingRequest(RecordingRequest):
    """Says (to another thread) when a message reaches one chat."""

    def __init__(self, chat_id: int) -> None:
        super().__init__()
        self.watched = chat_id
        self.reached = threading.Event()

    async def do_request(self, url: str, method: str, *args: Any, **kwargs: Any) -> Any:
        answer = await super().do_request(url, method, *args, **kwargs)
        last = self.calls[-1]
        if last.method == "sendMessage" and last.params.get("chat_id") == self.watched:
            self.reached.set()
        return answer


def text_from(app: Any, member: MemberView, text: str) -> Update:
    user = builders.user_dict(member.telegram_user_id, member.name.split()[0])
    return builders.text_message(app.bot, user, builders.private_chat(user), 1, text)


async def test_a_technicians_search_is_answered_while_a_manager_export_is_being_written(
    services: Services,
    manager: MemberView,
    technicien: MemberView,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for number in range(3):
        await services.clients.create(manager, private_person(name=f"Dupont {number}"))
    request = WatchingRequest(technicien.telegram_user_id)
    writing, started = ClientExport.add, asyncio.Event()
    loop = asyncio.get_running_loop()
    waited: list[bool] = []

    def add_after_the_technicians_answer(files: ClientExport, *args: Any) -> None:
        # Théo's search is sent once the export writes its rows, and they wait for its answer.
        loop.call_soon_threadsafe(started.set)
        waited.append(request.reached.wait(GUARD_SECONDS))
        writing(files, *args)

    monkeypatch.setattr(ClientExport, "add", add_after_the_technicians_answer)
    app = build_application(offline_settings(), services, request=request, with_updater=False)
    async with app:
        await app.start()
        await app.update_queue.put(text_from(app, manager, "/export"))
        await started.wait()
        await app.update_queue.put(text_from(app, technicien, "dupont"))
        await app.update_queue.join()
        await app.stop()
    assert waited == [True]
    methods = [(call.method, call.params.get("chat_id")) for call in request.calls]
    answer = methods.index(("sendMessage", technicien.telegram_user_id))
    assert answer < methods.index(("sendDocument", manager.telegram_user_id))
    found = request.calls[answer].params["text"]
    assert "Clients trouvés pour « dupont »" in found
    request.assert_no_violations()
