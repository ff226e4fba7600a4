"""What an operator sees: /healthz (database reachable, leader or standby) and Prometheus'
/metrics (updates by handler, latency, errors, leadership, the pool), beside the webhook or
on a port of their own."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy.ext.asyncio import AsyncEngine

from bot import runtime
from bot.app import build_application
from bot.http_endpoints import Endpoints, Serving
from bot.metrics import Metrics
from lokisi.schemas import MemberView
from lokisi.services import Services
from tests.bot.conftest import offline_settings
from tests.factories import professional
from tests.runtime.test_serving import SECRET, free_port, settings_for
from tests.support import builders
from tests.support.driver import TelegramUser
from tests.support.fake_bot_api import TOKEN, FakeBotApi
from tests.support.processes import start, terminate, wait_for_role
from tests.support.recording_request import RecordingRequest

# A sample's name and labels.
Sample = tuple[str, tuple[tuple[str, str], ...]]


def samples(text: str) -> dict[Sample, float]:
    """Prometheus' text format, as {(sample name, labels): value}."""
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


async def ping(engine: AsyncEngine) -> None:
    async with engine.connect():
        pass


@asynccontextmanager
async def webhook_with_operations(
    api: FakeBotApi, services: Services, engine: AsyncEngine
) -> AsyncIterator[tuple[str, Callable[[], Awaitable[None]]]]:
    """The bot on its webhook, with /healthz and /metrics on the same port; yields the base
    URL, and what stops the bot (the endpoints stay)."""
    port = free_port()
    webhook = runtime.Webhook(
        url="https://bot.example.org/hook", listen="127.0.0.1", port=port, secret_token=SECRET
    )
    metrics = Metrics()
    metrics.watch_pool(engine)
    serving = Serving(metrics, probe=lambda: ping(engine))
    endpoints = Endpoints(serving, webhook_path=webhook.path)
    endpoints.listen("127.0.0.1", port)
    application = build_application(settings_for(api), services, metrics=metrics)
    stop = asyncio.Event()
    task = asyncio.create_task(runtime.serve(application, stop, webhook, serving))

    async def stop_the_bot() -> None:
        stop.set()
        await asyncio.wait_for(task, timeout=30)

    try:
        async with asyncio.timeout(30):
            while serving.application is None:
                assert not task.done(), task.exception()
                await asyncio.sleep(0.01)
        yield f"http://127.0.0.1:{port}", stop_the_bot
    finally:
        stop.set()
        await asyncio.wait_for(task, timeout=30)
        await endpoints.close()


async def test_health_and_metrics_are_served_beside_the_webhook(
    api: FakeBotApi, services: Services, engine: AsyncEngine, manager: MemberView
) -> None:
    marie = api.user(manager.telegram_user_id)
    start_command = {
        "update_id": 1,
        "message": builders.message_dict(
            1, marie.user, marie.chat, text="/start", entities=builders.command_entities("/start")
        ),
    }
    secret = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
    async with (
        webhook_with_operations(api, services, engine) as (base, stop_the_bot),
        httpx.AsyncClient(base_url=base) as http,
    ):
        healthy = await http.get("/healthz")
        assert (await http.post("/hook", json=start_command, headers=secret)).status_code == 200
        await asyncio.to_thread(marie.wait_for_text, "Dupont Chauffage")
        # Stopped, the bot has finished its update; the endpoints answer as a standby's.
        await stop_the_bot()
        scraped = await http.get("/metrics")
        standing_by = await http.get("/healthz")
        refused = await http.post("/hook", json=start_command, headers=secret)
    assert healthy.status_code == 200
    assert healthy.json() == {"status": "ok", "role": "leader", "database": "reachable"}
    assert scraped.headers["content-type"].startswith("text/plain; version=")
    figures = samples(scraped.text)
    assert figures["lokisi_updates_total", (("handler", "start"),)] == 1
    assert figures["lokisi_update_duration_seconds_count", ()] == 1
    assert figures["lokisi_update_duration_seconds_sum", ()] > 0
    assert ("lokisi_database_connections", (("state", "in_use"),)) in figures
    assert standing_by.json()["role"] == "standby"
    # A standby takes no update: the proxy, or Telegram's retry, reaches the leader.
    assert (refused.status_code, refused.headers["retry-after"]) == (503, "1")


async def test_health_says_failing_while_the_database_does_not_answer() -> None:
    async def unreachable() -> None:
        raise OSError("connection refused")

    port = free_port()
    endpoints = Endpoints(Serving(Metrics(), probe=unreachable))
    endpoints.listen("127.0.0.1", port)
    try:
        async with httpx.AsyncClient() as http:
            answer = await http.get(f"http://127.0.0.1:{port}/healthz")
    finally:
        await endpoints.close()
    assert answer.status_code == 503
    assert answer.json() == {"status": "failing", "role": "standby", "database": "unreachable"}


async def test_failures_are_counted_under_the_handler_that_failed(
    services: Services, manager: MemberView, technicien: MemberView
) -> None:
    client = await services.clients.create(manager, professional(mobile="06 12 34 56 78"))
    recorder = RecordingRequest()
    metrics = Metrics()
    application = build_application(
        offline_settings(), services, request=recorder, with_updater=False, metrics=metrics
    )
    async with application:
        theo = TelegramUser(application, recorder, technicien.telegram_user_id, raise_errors=False)
        await theo.send("/start")
        recorder.fail_next("sendContact", 500, "Internal Server Error")
        await theo.press_data(f"ca:{client.id}", theo.last_message.message_id)
        await theo.press_data(f"ca:{client.id}", theo.last_message.message_id)
    value = metrics.registry.get_sample_value
    assert value("lokisi_errors_total", {"handler": "call"}) == 1
    assert value("lokisi_updates_total", {"handler": "call"}) == 2
    assert value("lokisi_updates_total", {"handler": "start"}) == 1


def scraped_until(port: int, key: Sample) -> dict[Sample, float]:
    """The bot's metrics once they hold `key` (or after a guard of 10 s)."""
    deadline = time.monotonic() + 10
    while True:
        figures = samples(httpx.get(f"http://127.0.0.1:{port}/metrics").text)
        if key in figures or time.monotonic() > deadline:
            return figures
        time.sleep(0.05)


def test_the_real_bot_serves_health_and_metrics_on_their_own_port(
    tmp_path: Path, api: FakeBotApi, manager: MemberView, database_url: str
) -> None:
    port = free_port()
    env = {
        "PATH": "/usr/bin:/bin",
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_API_BASE_URL": api.base_url,
        "DATABASE_URL": database_url,
        "METRICS_PORT": str(port),
        "LOG_FORMAT": "json",
    }
    log = tmp_path / "bot.log"
    bot = start(["run"], env, tmp_path, log)
    try:
        wait_for_role(port, "leader", bot, log)
        marie = api.user(manager.telegram_user_id)
        marie.send("/start")
        marie.wait_for_text("Dupont Chauffage")
        # The update is counted when its handler returns, just after the answer was sent.
        figures = scraped_until(port, ("lokisi_updates_total", (("handler", "start"),)))
    finally:
        assert terminate(bot) == 0, log.read_text()
    assert figures["lokisi_leader", ()] == 1
    assert figures["lokisi_leadership_terms_total", ()] == 1
    assert figures["lokisi_updates_total", (("handler", "start"),)] == 1
    lines = log.read_text().splitlines()
    assert lines and all(line.startswith('{"time": ') for line in lines), lines[:3]
