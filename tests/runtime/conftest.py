"""Running the bot for real: settings that point at a temporary place, and the fake Bot API."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.fake_bot_api import FakeBotApi, fake_bot_api

SETTING_NAMES = (
    "TELEGRAM_BOT_TOKEN",
    "TELEGRAM_API_BASE_URL",
    "DATABASE_URL",
    "DEFAULT_LANGUAGE",
    "LOG_LEVEL",
    "WEBHOOK_URL",
    "WEBHOOK_LISTEN",
    "WEBHOOK_PORT",
    "WEBHOOK_SECRET_TOKEN",
    "RATE_LIMIT",
    "METRICS_PORT",
    "METRICS_LISTEN",
    "LOG_FORMAT",
)


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty working directory (no .env) and no setting in the environment."""
    for name in SETTING_NAMES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture(autouse=True)
def restored_logging() -> Iterator[None]:
    """Commands configure logging for a whole process; a test is not one."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    quiet = {name: logging.getLogger(name).level for name in ("httpx", "httpcore")}
    yield
    root.handlers[:] = handlers
    root.setLevel(level)
    for name, old_level in quiet.items():
        logging.getLogger(name).setLevel(old_level)


@pytest.fixture(autouse=True)
def niceness(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """What commands run in the test's process added to its nice value: recorded, not done
    (the test run's own priority is left alone)."""
    added: list[int] = []

    def nice(increment: int) -> int:
        added.append(increment)
        return sum(added)

    monkeypatch.setattr(os, "nice", nice)
    return added


@pytest.fixture
def api() -> Iterator[FakeBotApi]:
    with fake_bot_api() as running:
        yield running
