"""Members pressing the buttons a bot really sent, over the fake Bot API, and what it costs.

One driver thread plays every member: it enqueues an update (a search typed, or a press of a
client of the latest list), and the fake server's listener, called as each Bot API call is
answered, says when the screen it waits for is complete: for a text, the message with its
inline keyboard; for a press, the answer to its query and the edit of the pressed message.
Latency is from the update queued at the fake Telegram to the screen complete. Between two
actions a member pauses (or not); each member waits for its screen before acting again, as
a person does.

CPU is read from /proc for the bot's process (and the database server's backends on
PostgreSQL) around the measured window only, after a warm-up.
"""

from __future__ import annotations

import heapq
import json
import os
import queue
import random
import statistics
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.support.fake_bot_api import FakeBotApi, FakeUser
from tests.support.recording_request import RecordedCall

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
# A screen not complete after this long is a failure of the run, not a slow screen.
STUCK_SECONDS = 60.0


def cpu_seconds(pid: int) -> float:
    """User and system time of one process so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def cpu_of(pids: Sequence[int]) -> dict[int, float]:
    found = {}
    for pid in pids:
        try:
            found[pid] = cpu_seconds(pid)
        except (OSError, IndexError):
            continue  # a backend that ended meanwhile
    return found


def load_average() -> list[float]:
    return [round(value, 2) for value in os.getloadavg()]


def cpu_model() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return "unknown"


@dataclass
class Member:
    user: FakeUser
    queries: list[str]
    # What the member waits for: a text's message, or a press's answer and edit.
    waiting: set[str] = field(default_factory=set)
    query_id: str | None = None
    sent_at: float = 0.0
    kind: str = ""
    turn: int = 0


@dataclass
class Load:
    members: int
    pause: tuple[float, float] | None
    warmup_seconds: float
    seconds: float

    @property
    def name(self) -> str:
        paused = f", {self.pause[0]:g}–{self.pause[1]:g} s pauses" if self.pause else ""
        return f"{self.members} member{'s' if self.members > 1 else ''}{paused}"


class Players:
    """The members of one run against one fake server (one bot process)."""

    def __init__(self, api: FakeBotApi, user_ids: Sequence[int], rng: random.Random) -> None:
        self.api = api
        self.rng = rng
        self._events: queue.SimpleQueue[RecordedCall] = queue.SimpleQueue()
        api.telegram.listener = self._events.put
        self.members = {
            user_id: Member(api.user(user_id, f"Membre{n}"), [])
            for n, user_id in enumerate(user_ids)
        }
        # When each file (sendDocument) reached Telegram: the export's end.
        self.documents: list[float] = []

    def play(
        self,
        load: Load,
        queries: Sequence[str],
        pids: Sequence[int] = (),
        server_pids: Sequence[int] = (),
        only: Sequence[int] | None = None,
    ) -> dict[str, Any]:
        """Run `load` with its first members (or `only` these), and measure after warm-up."""
        self.drain()
        chosen = [self.members[i] for i in (only or list(self.members)[: load.members])]
        for member in chosen:
            member.queries = list(queries)
            self.rng.shuffle(member.queries)
        started = time.monotonic()
        measuring_from = started + load.warmup_seconds
        ending = measuring_from + load.seconds
        timers: list[tuple[float, int]] = []
        for n, member in enumerate(chosen):
            heapq.heappush(timers, (started + 0.001 * n, member.user.chat_id))
        latencies: dict[str, list[float]] = {"text": [], "press": []}
        before: dict[str, Any] = {}
        completed_in_window = 0
        by_chat = {member.user.chat_id: member for member in chosen}
        while True:
            now = time.monotonic()
            if not before and now >= measuring_from:
                before = {
                    "cpu": cpu_of(pids),
                    "server": cpu_of(server_pids),
                    "driver": cpu_seconds(os.getpid()),
                    "at": now,
                }
            if now >= ending:
                break
            while timers and timers[0][0] <= now:
                _, chat_id = heapq.heappop(timers)
                self._act(by_chat[chat_id])
            timeout = min([ending - now, *(t - now for t, _ in timers[:1])])
            try:
                call = self._events.get(timeout=max(timeout, 0.0005))
            except queue.Empty:
                self._check_stuck(chosen)
                continue
            if call.method == "sendDocument":
                self.documents.append(time.monotonic())
            owner = self._member_of(call, by_chat)
            if owner is None or not self._completes(owner, call):
                continue
            done = time.monotonic()
            if before and done < ending:
                latencies[owner.kind].append((done - owner.sent_at) * 1000)
                completed_in_window += 1
            pause = self.rng.uniform(*load.pause) if load.pause else 0.0
            heapq.heappush(timers, (done + pause, owner.user.chat_id))
        after = {
            "cpu": cpu_of(pids),
            "server": cpu_of(server_pids),
            "driver": cpu_seconds(os.getpid()),
            "at": time.monotonic(),
        }
        self._settle(chosen)
        return _figures(load, latencies, completed_in_window, before, after, pids)

    def drain(self) -> None:
        """Take the calls that came outside a load, noting the files among them."""
        while True:
            try:
                call = self._events.get_nowait()
            except queue.Empty:
                return
            if call.method == "sendDocument":
                self.documents.append(time.monotonic())

    def _act(self, member: Member) -> None:
        """The member's next update: a press of a client on the latest list, or a search."""
        member.turn += 1
        button = self._client_button(member) if member.turn % 2 == 0 else None
        member.sent_at = time.monotonic()
        if button is None:
            member.kind, member.query_id = "text", None
            member.waiting = {"list"}
            member.user.send(member.queries[member.turn % len(member.queries)])
        else:
            member.kind, member.waiting = "press", {"answer", "edit"}
            member.query_id = member.user.press(button)

    def _client_button(self, member: Member) -> str | None:
        with self.api.telegram.lock:
            latest = member.user.messages[-1:] or []
            labels = [
                button["text"]
                for message in latest
                for row in message.keyboard
                for button in row
                if "callback_data" in button and "CLI-" in button["text"]
            ]
        return self.rng.choice(labels) if labels else None

    @staticmethod
    def _member_of(call: RecordedCall, by_chat: dict[int, Member]) -> Member | None:
        if call.method == "answerCallbackQuery":
            wanted = call.params.get("callback_query_id")
            return next((m for m in by_chat.values() if m.query_id == wanted), None)
        chat_id = call.params.get("chat_id")
        try:
            return by_chat.get(int(str(chat_id)))
        except ValueError:
            return None

    @staticmethod
    def _completes(member: Member, call: RecordedCall) -> bool:
        """Whether this call completes the screen the member waits for."""
        if not member.waiting:
            return False
        if call.method == "answerCallbackQuery" and member.kind == "press":
            member.waiting.discard("answer")
        elif call.method == "sendMessage" and _has_inline_keyboard(call):
            member.waiting.discard("list" if member.kind == "text" else "edit")
        elif call.method == "editMessageText" and member.kind == "press":
            member.waiting.discard("edit")
        else:
            return False
        return not member.waiting

    def _check_stuck(self, members: Sequence[Member]) -> None:
        now = time.monotonic()
        for member in members:
            if member.waiting and now - member.sent_at > STUCK_SECONDS:
                raise RuntimeError(f"no screen after {STUCK_SECONDS} s: {member.user.describe()}")

    def _settle(self, members: Sequence[Member]) -> None:
        """Let the screens in flight complete, so the next load starts from a quiet bot."""
        deadline = time.monotonic() + STUCK_SECONDS
        while any(m.waiting for m in members) and time.monotonic() < deadline:
            try:
                call = self._events.get(timeout=0.05)
            except queue.Empty:
                continue
            member = self._member_of(call, {m.user.chat_id: m for m in members})
            if member is not None:
                self._completes(member, call)


def _has_inline_keyboard(call: RecordedCall) -> bool:
    markup = call.params.get("reply_markup")
    if isinstance(markup, str):
        markup = json.loads(markup)
    return isinstance(markup, dict) and bool(markup.get("inline_keyboard"))


def _figures(
    load: Load,
    latencies: dict[str, list[float]],
    completed: int,
    before: dict[str, Any],
    after: dict[str, Any],
    pids: Sequence[int],
) -> dict[str, Any]:
    everything = sorted(latencies["text"] + latencies["press"])
    seconds = after["at"] - before["at"]
    bot_cpu = sum(after["cpu"].get(p, 0.0) - before["cpu"].get(p, 0.0) for p in after["cpu"])
    server_cpu = sum(
        value - before["server"].get(pid, 0.0) for pid, value in after["server"].items()
    )
    per_update = completed or 1
    return {
        "load": load.name,
        "members": load.members,
        "pause": load.pause,
        "updates": completed,
        "seconds": round(seconds, 2),
        "updates_per_second": round(completed / seconds, 1),
        "median_ms": _rounded(statistics.median(everything)) if everything else None,
        "p99_ms": _rounded(percentile(everything, 0.99)) if everything else None,
        "median_text_ms": _rounded(statistics.median(latencies["text"] or [0])),
        "median_press_ms": _rounded(statistics.median(latencies["press"] or [0])),
        "cpu_ms_per_update": _rounded(bot_cpu * 1000 / per_update),
        "server_cpu_ms_per_update": _rounded(server_cpu * 1000 / per_update),
        "rss_mb": rss_mb(pids[0]) if pids else None,
        # This process (members and fake Telegrams, one GIL): near 1.0 it, not the bot, is
        # what caps the throughput.
        "driver_cpu_share": round((after["driver"] - before["driver"]) / seconds, 2),
        "load_average": load_average(),
    }


def percentile(ordered: Sequence[float], share: float) -> float:
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def _rounded(value: float) -> float:
    return round(value, 2)
