"""Members talking to an application at once: updates built as Telegram sends them, timed one
by one around `Application.process_update` (building the update is Telegram's work, not ours)."""

from __future__ import annotations

import itertools
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from telegram import Update
from telegram.ext import Application, CallbackContext

from benchmarks.mix import Journey, Outcome, Step, World, next_journey
from benchmarks.references import send_card
from benchmarks.seed import Member
from benchmarks.transport import BenchTransport
from bot.i18n import t

AnyApplication = Application[Any, Any, Any, Any, Any, Any]
TOO_OLD = t("fr", "errors.too_old")

_update_ids = itertools.count(1)


@dataclass
class Samples:
    """Durations in nanoseconds, per step label; what was not handled and what failed."""

    durations: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    unhandled: Counter[str] = field(default_factory=Counter)
    journeys: Counter[str] = field(default_factory=Counter)

    def add(self, label: str, nanoseconds: int) -> None:
        self.durations[label].append(nanoseconds)

    def all(self) -> list[int]:
        return [d for values in self.durations.values() for d in values]


class ErrorLog:
    """Exceptions the application's handlers raised: each one is a bug to report."""

    def __init__(self) -> None:
        self.count = 0
        self.first: list[str] = []

    async def __call__(self, update: object, context: CallbackContext[Any, Any, Any, Any]) -> None:
        self.count += 1
        if len(self.first) < 5:
            self.first.append(repr(context.error)[:300])


class SimulatedUser:
    """One member in their private chat with the bot."""

    def __init__(self, member: Member, app: AnyApplication, transport: BenchTransport) -> None:
        self.member = member
        self.app = app
        self.transport = transport
        self.chat_id = member.telegram_id
        self.user: dict[str, Any] = {
            "id": member.telegram_id,
            "is_bot": False,
            "first_name": member.name.split()[0],
            "language_code": "fr",
        }
        self.chat = {
            "id": member.telegram_id,
            "type": "private",
            "first_name": self.user["first_name"],
        }

    def text(self, text: str) -> Update:
        entities = None
        if text.startswith("/"):
            entities = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
        message: dict[str, Any] = {
            "message_id": self.transport.next_message_id(self.chat_id),
            "date": int(time.time()),
            "chat": self.chat,
            "from": self.user,
            "text": text,
        }
        if entities:
            message["entities"] = entities
        return self._update(message=message)

    def press(self, data: str, message: dict[str, Any]) -> Update:
        query = {
            "id": f"q{next(_update_ids)}",
            "from": self.user,
            "message": dict(message),
            "chat_instance": f"i{self.chat_id}",
            "data": data,
        }
        return self._update(callback_query=query)

    def latest(self) -> dict[str, Any] | None:
        return self.transport.latest(self.chat_id)

    def buttons(self) -> list[str]:
        message = self.latest() or {}
        rows = (message.get("reply_markup") or {}).get("inline_keyboard") or []
        return [b["callback_data"] for row in rows for b in row if "callback_data" in b]

    def _update(self, **payload: Any) -> Update:
        update = Update.de_json({"update_id": next(_update_ids), **payload}, self.app.bot)
        assert update is not None
        return update


async def timed(app: AnyApplication, update: Update) -> int:
    started = time.perf_counter_ns()
    await app.process_update(update)
    return time.perf_counter_ns() - started


class Replay:
    """Members taking turns, each on their own journey through the mix."""

    def __init__(
        self,
        app: AnyApplication,
        transport: BenchTransport,
        world: World,
        members: list[Member],
        forget: Callable[[int], None] | None = None,
    ) -> None:
        self.app = app
        self.transport = transport
        self.world = world
        # Called with a member's Telegram id as they start a journey: members act minutes
        # apart, so what the bot remembers of them (bot.members) has gone cold by then.
        self._forget = forget
        self.users = [SimulatedUser(m, app, transport) for m in members]
        self._journeys: dict[int, Journey | None] = {u.member.telegram_id: None for u in self.users}
        self._outcomes: dict[int, Outcome | None] = {}
        self._turns = itertools.cycle(self.users)

    async def run(self, count: int, samples: Samples | None = None) -> None:
        """Process `count` updates, timing each into `samples` (untimed warm-up without)."""
        for _ in range(count):
            user = next(self._turns)
            step, update = self._next_update(user, samples)
            calls_before = self.transport.calls
            duration = await timed(self.app, update)
            outcome = self._observe(user, step, update, calls_before)
            if samples is not None:
                samples.add(step.label, duration)
                if outcome.alert == TOO_OLD or self.transport.calls == calls_before:
                    samples.unhandled[step.label] += 1

    def _next_update(self, user: SimulatedUser, samples: Samples | None) -> tuple[Step, Update]:
        key = user.member.telegram_id
        while True:
            journey = self._journeys[key]
            if journey is None:
                name, journey = next_journey(self.world, user.member)
                self._journeys[key] = journey
                if self._forget is not None:
                    self._forget(key)
                self._outcomes[key] = None
                if samples is not None:
                    samples.journeys[name] += 1
            try:
                outcome = self._outcomes[key]
                step = next(journey) if outcome is None else journey.send(outcome)
            except StopIteration:
                self._journeys[key] = None
                continue
            update = self._update_for(user, step)
            if update is not None:
                return step, update
            # No such button on screen and nothing to fall back on: the member moves on.
            self._outcomes[key] = Outcome(buttons=user.buttons())

    def _update_for(self, user: SimulatedUser, step: Step) -> Update | None:
        if step.text is not None:
            return user.text(step.text)
        shown = [b for b in user.buttons() if step.pick and step.pick(b)]
        data = self.world.rng.choice(shown) if shown else step.fallback
        message = user.latest()
        if data is None or message is None:
            return None
        return user.press(data, message)

    def _observe(
        self, user: SimulatedUser, step: Step, update: Update, calls_before: int
    ) -> Outcome:
        query = update.callback_query
        alert = self.transport.callback_answers.pop(query.id, None) if query else None
        outcome = Outcome(
            pressed=query.data if query else None, buttons=user.buttons(), alert=alert
        )
        self._outcomes[user.member.telegram_id] = outcome
        return outcome


async def replay_floor(
    app: AnyApplication, transport: BenchTransport, members: list[Member], count: int
) -> list[int]:
    """/start from each member in turn, timed."""
    users = [SimulatedUser(m, app, transport) for m in members]
    durations = []
    for index in range(count):
        durations.append(await timed(app, users[index % len(users)].text("/start")))
    return durations


async def replay_presses(
    app: AnyApplication, transport: BenchTransport, members: list[Member], count: int
) -> list[int]:
    """Presses on a card each member's chat really holds (sent first, untimed), each timed.

    A press that was not answered and did not edit the message (two Bot API calls) means a
    broken reference, whose figures would only look cheap: it stops the benchmark.
    """
    users = [SimulatedUser(m, app, transport) for m in members]
    for user in users:
        if user.latest() is None:
            await send_card(app, user.chat_id)
    durations = []
    for index in range(count):
        user = users[index % len(users)]
        message = user.latest()
        buttons = user.buttons()
        if message is None or not buttons:
            raise RuntimeError(f"no card with buttons to press in chat {user.chat_id}")
        update = user.press(buttons[index // len(users) % len(buttons)], message)
        calls_before = transport.calls
        durations.append(await timed(app, update))
        query = update.callback_query
        answered = query is not None and transport.callback_answers.pop(query.id, None) is not None
        if not answered or transport.calls != calls_before + 2:
            raise RuntimeError(f"the reference did not answer and edit press {index}")
    return durations
