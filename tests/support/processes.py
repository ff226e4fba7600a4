"""The real `lokisi-bot` program in processes of its own, driven through the fake Bot API."""

from __future__ import annotations

import asyncio
import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path
from typing import Any

from lokisi.db import create_engine, session_factory
from lokisi.services import Services
from tests.support.fake_bot_api import FakeUser

LOKISI_BOT = str(Path(sys.executable).with_name("lokisi-bot"))
STORED_WITHIN = 20.0
STARTED_WITHIN = 30.0
# python-telegram-bot's DEBUG line for each update it hands to the handlers.
_PROCESSING = re.compile(r"Processing update Update\(.*update_id=(\d+)\)$", re.MULTILINE)


def tap(user: FakeUser, label: str) -> None:
    """Press a button once the bot shows it, and wait until the bot answered the press."""
    user.wait_for_button(label)
    user.wait_until_answered(user.press(label))


def new_client_half_filled(user: FakeUser, name: str, database_url: str) -> None:
    """From the menu, a new client's form with its name typed, shown and stored."""
    user.send("/start")
    tap(user, "+ Nouveau client")
    tap(user, "Oui")
    user.send(name)
    user.wait_for_text(name, "Tapez « Mobile »")
    stored_form_holds(database_url, name)


def start(command: list[str], env: dict[str, str], cwd: Path, log: Path) -> subprocess.Popen[bytes]:
    """`lokisi-bot COMMAND...` in the background, its output appended to `log`."""
    with log.open("a") as output:
        return subprocess.Popen(
            [LOKISI_BOT, *command], env=env, cwd=cwd, stdout=output, stderr=subprocess.STDOUT
        )


def kill(process: subprocess.Popen[bytes]) -> None:
    os.kill(process.pid, signal.SIGKILL)
    assert process.wait(timeout=15) == -signal.SIGKILL


def terminate(process: subprocess.Popen[bytes]) -> int:
    """SIGTERM, and the exit code (the process is killed if it does not stop)."""
    process.send_signal(signal.SIGTERM)
    try:
        return process.wait(timeout=15)
    finally:
        process.kill()


def health(port: int) -> dict[str, Any] | None:
    """What /healthz says, or None while nothing listens."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as answer:
            return dict(json.load(answer))
    except urllib.error.HTTPError as failing:
        return dict(json.load(failing))
    except OSError:
        return None


def wait_for_role(port: int, role: str, process: subprocess.Popen[bytes], log: Path) -> None:
    """Wait until the process on `port` says it is the leader, or a standby."""
    deadline = time.monotonic() + STARTED_WITHIN
    while (health(port) or {}).get("role") != role:
        assert process.poll() is None, log.read_text()
        assert time.monotonic() < deadline, f"never {role}: {health(port)}\n{log.read_text()}"
        time.sleep(0.1)


def stored_form_holds(url: str, text: str) -> None:
    """Wait until the user's stored data (the form) holds `text`, as the bot writes it after
    each update: a kill then lands on a form the user saw, whatever the machine's speed."""

    async def holds() -> bool:
        engine = create_engine(url)
        try:
            stored = await Services.over(session_factory(engine)).state.load("user_data")
        finally:
            await engine.dispose()
        return text in repr(stored)

    deadline = time.monotonic() + STORED_WITHIN
    while not asyncio.run(holds()):
        assert time.monotonic() < deadline, f"{text!r} never stored"
        time.sleep(0.05)


def handled_updates(*logs: Path) -> Counter[int]:
    """How many times each update id was handed to the handlers, in all these DEBUG logs."""
    return Counter(int(found) for log in logs for found in _PROCESSING.findall(log.read_text()))
