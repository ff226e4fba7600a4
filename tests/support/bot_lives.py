"""The real bot as a process that dies and is started again: the test build of `lokisi-bot
run` (tests.support.kill_switch) against the fake Bot API, over one database, killed with
SIGKILL at the points a test arms, or whenever a test decides."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from types import TracebackType
from typing import TypeVar

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from lokisi.db import create_engine, session_factory
from lokisi.models import InboxUpdate
from lokisi.services import Services
from tests.support.fake_bot_api import TOKEN, FakeBotApi
from tests.support.kill_switch import KILL_FILE, MARK

ROOT = Path(__file__).resolve().parents[2]
T = TypeVar("T")
# Generous: a loaded CI machine takes seconds to start Python and import the bot.
DEATH_WITHIN = 30.0
STOP_WITHIN = 20.0
HANDLED_WITHIN = 20.0


def on_engine(url: str, work: Callable[[AsyncEngine], Awaitable[T]]) -> T:
    """Run `work` with an engine over the database at `url`, from a test's thread."""

    async def run() -> T:
        engine = create_engine(url)
        try:
            return await work(engine)
        finally:
            await engine.dispose()

    return asyncio.run(run())


def on_database(url: str, work: Callable[[Services], Awaitable[T]]) -> T:
    """Run `work` with services over the database at `url`, from a test's thread."""
    return on_engine(url, lambda engine: work(Services.over(session_factory(engine))))


class BotLives:
    """One bot at a time, started again after each death; its output goes to `log`."""

    def __init__(self, workdir: Path, api: FakeBotApi, database_url: str, *extra_args: str) -> None:
        self.workdir = workdir
        self.log = workdir / "bot.log"
        self.switch = workdir / "kill-switch"
        self.args = ["run", *extra_args]
        self.env = {
            "PATH": "/usr/bin:/bin",
            "PYTHONPATH": str(ROOT),
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "TELEGRAM_API_BASE_URL": api.base_url,
            "DATABASE_URL": database_url,
            # The public registers stay off: tests never reach the internet.
            "COMPANY_LOOKUP_URL": "",
            "GEOCODER_URL": "",
            KILL_FILE: str(self.switch),
        }
        self.process: subprocess.Popen[bytes] | None = None
        self._life_log_starts = 0
        self.lives = 0
        self.deaths: list[str] = []

    def __enter__(self) -> BotLives:
        self.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if kind is None:
            self.stop()
        elif self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    def start(self) -> None:
        assert self.process is None or self.process.poll() is not None, "already running"
        with self.log.open("a") as output:
            output.write(f"--- life {self.lives + 1}\n")
            output.flush()
            self._life_log_starts = output.tell()
            self.process = subprocess.Popen(
                [sys.executable, "-m", "tests.support.kill_switch", *self.args],
                env=self.env,
                cwd=self.workdir,
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        self.lives += 1

    def wait_until_handled(self, *, reviving: bool = False) -> None:
        """Until every update that reached the bot is handled and marked so: what is done
        next is all that a death can interrupt. `reviving`: a bot that dies meanwhile is
        started again."""
        deadline = time.monotonic() + HANDLED_WITHIN
        while waiting_updates(self.env["DATABASE_URL"]):
            assert time.monotonic() < deadline, "updates still waiting in the inbox"
            if reviving:
                self.revive()
            time.sleep(0.05)

    def arm(self, point: str) -> None:
        """Die at the next arrival at `point` (`committed`, `before:editMessageText#2`...)."""
        self.switch.write_text(point)

    def disarm(self) -> None:
        self.switch.unlink(missing_ok=True)

    def dies(self, point: str) -> None:
        """Wait for the death `arm(point)` asked for, then start the next life."""
        self._wait_for_death()
        life = self._this_life()
        assert f"{MARK}{point}\n" in life, f"died elsewhere than at {point}:\n{life[-4000:]}"
        self.deaths.append(point)
        self.start()

    def kill(self) -> None:
        """SIGKILL now, wherever the bot is (unless it is dead already), and wait for the
        death; the next life starts at `revive`. Not waiting let a death go unseen: the
        screen a test waits for was often shown already, the next `revive` found the process
        not yet reaped, and the final stop's SIGTERM met a process that was dying of this."""
        assert self.process is not None
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=DEATH_WITHIN)

    def revive(self) -> bool:
        """If the bot died (killed, or at an armed point), start the next life."""
        assert self.process is not None
        if self.process.poll() is None:
            return False
        self._wait_for_death()
        marks = [line for line in self._this_life().splitlines() if line.startswith(MARK)]
        self.deaths.append(marks[-1].removeprefix(MARK) if marks else "any time")
        self.start()
        return True

    def stop(self) -> None:
        """SIGTERM once the bot runs (a signal before it listens for signals kills it): it
        must stop cleanly."""
        assert self.process is not None
        deadline = time.monotonic() + DEATH_WITHIN
        while "is running" not in self._this_life():
            assert self.process.poll() is None, self._this_life()
            assert time.monotonic() < deadline, self._this_life()
            time.sleep(0.05)
        self.process.send_signal(signal.SIGTERM)
        try:
            code = self.process.wait(timeout=STOP_WITHIN)
        finally:
            self.process.kill()
        assert code == 0, f"exit code {code}:\n{self.log.read_text()[-4000:]}"

    def _this_life(self) -> str:
        """What the current life wrote."""
        with self.log.open() as output:
            output.seek(self._life_log_starts)
            return output.read()

    def _wait_for_death(self) -> None:
        assert self.process is not None
        try:
            code = self.process.wait(timeout=DEATH_WITHIN)
        except subprocess.TimeoutExpired:
            self.process.kill()
            raise AssertionError(f"still alive:\n{self.log.read_text()[-4000:]}") from None
        assert code == -signal.SIGKILL, self.log.read_text()[-4000:]
        self.switch.unlink(missing_ok=True)


def waiting_updates(url: str) -> int:
    """How many updates of the inbox are stored and not yet handled."""

    async def count(engine: AsyncEngine) -> int:
        async with engine.connect() as connection:
            waiting = select(func.count()).where(InboxUpdate.handled_at.is_(None))
            return int((await connection.execute(waiting)).scalar_one())

    return on_engine(url, count)
