"""Users side by side in the running application: one manager's long export, built in a
worker process, does not hold the others' answers (bot.update_processor,
bot.export_builder)."""

from __future__ import annotations

import asyncio
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from telegram import Update

from bot import export_builder
from bot.app import build_application
from bot.background import NICENESS
from bot.export_builder import ExportFiles
from lokisi.schemas import MemberView
from lokisi.services import Services
from tests.bot.conftest import offline_settings
from tests.factories import private_person
from tests.support import builders
from tests.support.recording_request import RecordingRequest

# Only guards against a test that would otherwise hang (the worker takes a second or two to
# start, more on a loaded machine).
GUARD_SECONDS = 60
# Where the worker says it started (its process id) and waits to be let go on.
GATE_VARIABLE = "LOKISI_TEST_EXPORT_GATE"


def build_when_let_go(
    database_url: str, member: MemberView, query: str | None, lang: str
) -> ExportFiles:
    """Runs in the export's worker: says it started, waits for the gate file, then builds."""
    gate = Path(os.environ[GATE_VARIABLE])
    gate.with_suffix(".started").write_text(f"{os.getpid()} {os.nice(0)}")
    deadline = time.monotonic() + GUARD_SECONDS
    while not gate.exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    return export_builder.build(database_url, member, query, lang)


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

    def sent_documents(self) -> list[Any]:
        return [call for call in self.calls if call.method == "sendDocument"]


def text_from(app: Any, member: MemberView, text: str) -> Update:
    user = builders.user_dict(member.telegram_user_id, member.name.split()[0])
    return builders.text_message(app.bot, user, builders.private_chat(user), 1, text)


async def test_a_technicians_search_is_answered_while_a_manager_export_is_being_built(
    services: Services,
    manager: MemberView,
    technicien: MemberView,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    for number in range(3):
        await services.clients.create(manager, private_person(name=f"Dupont {number}"))
    gate = tmp_path / "gate"
    monkeypatch.setenv(GATE_VARIABLE, str(gate))
    # The worker imports the function by name, from this module.
    monkeypatch.setattr(export_builder, "build", build_when_let_go)
    request = WatchingRequest(technicien.telegram_user_id)
    app = build_application(offline_settings(), services, request=request, with_updater=False)
    async with app:
        await app.start()
        await app.update_queue.put(text_from(app, manager, "/export"))
        started = gate.with_suffix(".started")
        await _until(started.exists)
        await app.update_queue.put(text_from(app, technicien, "dupont"))
        await _until(request.reached.is_set)
        gate.touch()
        # The recording Telegram refuses the second file: Marie never opened the chat.
        await _until(request.sent_documents)
        await app.stop()
    worker, niceness = map(int, started.read_text().split())
    # Another process, and one the system serves after the bot.
    assert worker != os.getpid()
    assert niceness == min(os.nice(0) + NICENESS, 19)
    methods = [(call.method, call.params.get("chat_id")) for call in request.calls]
    answer = methods.index(("sendMessage", technicien.telegram_user_id))
    documents = request.sent_documents()
    assert {call.params["chat_id"] for call in documents} == {manager.telegram_user_id}
    assert request.calls.index(documents[0]) > answer
    found = request.calls[answer].params["text"]
    assert "Clients trouvés pour « dupont »" in found
    # The worker's file, whole.
    lines = documents[0].params["document"].content.decode("utf-8-sig").splitlines()
    assert [line.split(";")[2] for line in lines[1:]] == ["Dupont 0", "Dupont 1", "Dupont 2"]
    request.assert_no_violations()


async def _until(condition: Callable[[], object]) -> None:
    deadline = time.monotonic() + GUARD_SECONDS
    while not condition():
        assert time.monotonic() < deadline, "the guard ran out"
        await asyncio.sleep(0.01)
