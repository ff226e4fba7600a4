"""Several processes: on PostgreSQL one leads and the others stand by, taking over when it
dies or loses its database; on SQLite a second process is refused. Real `lokisi-bot run`
processes against the fake Bot API, and the real database."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import time
from pathlib import Path
from typing import Any, cast

import asyncpg
import httpx
import pytest
from sqlalchemy.engine import make_url

from bot.cli.failures import SHARED_SECRET_NEEDED
from bot.leadership import (
    CHECK_INTERVAL,
    HEARTBEAT_TIMEOUT,
    IDLE_SESSION_TIMEOUT,
    TAKEOVER_WITHIN,
    AlreadyRunning,
    PostgresLeadership,
    SoleProcess,
    lock_key,
)
from bot.metrics import Metrics
from bot.standby import lead_or_stand_by
from lokisi.schemas import MemberView
from tests.runtime.test_serving import SECRET, free_port
from tests.support import builders
from tests.support.bot_lives import DEATH_WITHIN, BotLives
from tests.support.fake_bot_api import TOKEN, FakeBotApi
from tests.support.kill_switch import MARK
from tests.support.processes import (
    LOKISI_BOT,
    handled_updates,
    health,
    kill,
    new_client_half_filled,
    start,
    tap,
    terminate,
    wait_for_role,
)

BOT_ID = int(TOKEN.partition(":")[0])
postgres_only = pytest.mark.postgres_only


def bot_env(api: FakeBotApi, database_url: str, **more: str) -> dict[str, str]:
    return {
        "PATH": "/usr/bin:/bin",
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_API_BASE_URL": api.base_url,
        "DATABASE_URL": database_url,
        # python-telegram-bot logs each update it hands to the handlers at DEBUG.
        "LOG_LEVEL": "DEBUG",
        **more,
    }


def test_a_leader_steps_down_before_its_lock_can_be_taken_and_a_standby_takes_over_in_10_s() -> (
    None
):
    # A leader whose heartbeat fails knows it before PostgreSQL ends its silent session.
    assert CHECK_INTERVAL + HEARTBEAT_TIMEOUT < IDLE_SESSION_TIMEOUT
    assert TAKEOVER_WITHIN <= 10


@postgres_only
def test_a_standby_takes_over_a_killed_leader_and_the_form_goes_on_with_no_update_lost_or_twice(
    tmp_path: Path, api: FakeBotApi, database_url: str, manager: MemberView
) -> None:
    first_port, second_port = free_port(), free_port()
    logs = [tmp_path / "first.log", tmp_path / "second.log", tmp_path / "third.log"]
    first = start(
        ["run"], bot_env(api, database_url, METRICS_PORT=str(first_port)), tmp_path, logs[0]
    )
    wait_for_role(first_port, "leader", first, logs[0])
    second = start(
        ["run"], bot_env(api, database_url, METRICS_PORT=str(second_port)), tmp_path, logs[1]
    )
    try:
        wait_for_role(second_port, "standby", second, logs[1])
        marie = api.user(manager.telegram_user_id)
        new_client_half_filled(marie, "Hôtel du Nord", database_url)
        api.wait_until_confirmed()
        kill(first)
        killed_at = time.monotonic()
        # Sent while no process polls: the standby must take over and handle it.
        marie.send("06 12 34 56 78")
        # (The form then asks for the address: the mobile was taken.)
        marie.wait_for_text("Hôtel du Nord", "Tapez « Adresse »")
        print(f"\ntaken over and answered in {time.monotonic() - killed_at:.1f} s")
        assert (health(second_port) or {}).get("role") == "leader"
        tap(marie, "Enregistrer")
        marie.wait_for_text("FICHE CLIENT", "Hôtel du Nord", "CLI-000001")
        api.wait_until_confirmed()

        # The killed process, started again, stands by; the leader stopped cleanly hands over.
        third = start(
            ["run"], bot_env(api, database_url, METRICS_PORT=str(first_port)), tmp_path, logs[2]
        )
        try:
            wait_for_role(first_port, "standby", third, logs[2])
            assert terminate(second) == 0, logs[1].read_text()
            marie.send("Hôtel")
            marie.wait_for_text("« Hôtel »")
            assert (health(first_port) or {}).get("role") == "leader"
        finally:
            assert terminate(third) == 0, logs[2].read_text()
    finally:
        second.kill()
    counted = handled_updates(*logs)
    assert counted == {update: 1 for update in range(1, api.telegram.last_update_id + 1)}
    api.telegram.assert_no_violations()
    for log in logs:
        assert "update failed" not in log.read_text()
    assert "is running" in logs[1].read_text() and "standby" in logs[1].read_text()


@postgres_only
def test_a_standby_taking_over_handles_the_update_its_killed_leader_had_stored(
    tmp_path: Path, api: FakeBotApi, database_url: str, manager: MemberView
) -> None:
    first_port, second_port = free_port(), free_port()
    # The leader is the test build, to die once an update is stored and before it is handled.
    leader = BotLives(tmp_path, api, database_url)
    leader.env.update(bot_env(api, database_url, METRICS_PORT=str(first_port)))
    leader.start()
    assert leader.process is not None
    wait_for_role(first_port, "leader", leader.process, leader.log)
    second_log = tmp_path / "second.log"
    second = start(
        ["run"], bot_env(api, database_url, METRICS_PORT=str(second_port)), tmp_path, second_log
    )
    try:
        wait_for_role(second_port, "standby", second, second_log)
        marie = api.user(manager.telegram_user_id)
        marie.send("/start")
        marie.wait_for_text("fiches clients")
        leader.wait_until_handled()
        leader.arm("stored")
        marie.send("/menu")
        assert leader.process.wait(timeout=DEATH_WITHIN) == -signal.SIGKILL
        assert f"{MARK}stored" in leader.log.read_text()
        api.wait_until(
            lambda: sum("fiches clients" in m.text for m in marie.messages) == 2,
            lambda: f"the menu a second time: {marie.describe()}",
        )
        leader.wait_until_handled()
        assert "1 update(s) stored before a stop are handled now" in second_log.read_text()
    finally:
        assert terminate(second) == 0, second_log.read_text()
    counted = handled_updates(leader.log, second_log)
    assert counted == {update: 1 for update in range(1, api.telegram.last_update_id + 1)}
    api.telegram.assert_no_violations()


@postgres_only
async def test_a_leader_that_loses_its_connection_steps_down_and_a_standby_takes_over(
    database_url: str,
) -> None:
    key = lock_key(BOT_ID)
    leader = PostgresLeadership(database_url, key, check_interval=0.1)
    standby = PostgresLeadership(database_url, key, check_interval=0.1)
    never = asyncio.Event()
    assert await leader.acquire(never)
    waiting = asyncio.create_task(standby.acquire(never))
    await asyncio.sleep(0.5)
    assert not waiting.done()
    # The database ends the leader's session, as a restart or a network cut would.
    await terminate_leadership_sessions(database_url, key)
    async with asyncio.timeout(10):
        await leader.lost.wait()
        assert await waiting
    assert not standby.lost.is_set()
    await standby.release()
    await leader.release()


@postgres_only
async def test_a_leader_whose_heartbeat_fails_of_anything_steps_down(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    leader = PostgresLeadership(database_url, lock_key(BOT_ID), check_interval=0.05)
    assert await leader.acquire(asyncio.Event())

    async def broken(*_args: object) -> None:
        raise RuntimeError("not a connection error")

    # asyncpg's connections have slots: the heartbeat's query is broken on the class.
    monkeypatch.setattr(asyncpg.Connection, "fetchval", broken)
    async with asyncio.timeout(10):
        await leader.lost.wait()
    await leader.release()


async def terminate_leadership_sessions(database_url: str, key: int) -> None:
    """End the session holding the advisory lock `key` in this database, from another
    connection (other databases of the server may have leaders of their own)."""
    dsn = make_url(database_url).set(drivername="postgresql").render_as_string(hide_password=False)
    admin = await asyncpg.connect(dsn)
    try:
        ended = await admin.fetch(
            "SELECT pg_terminate_backend(pid) FROM pg_locks "
            "WHERE locktype = 'advisory' AND granted AND pid <> pg_backend_pid() "
            "AND database = (SELECT oid FROM pg_database WHERE datname = current_database()) "
            "AND classid::text::bigint = $1 AND objid::text::bigint = $2",
            key >> 32,
            key & 0xFFFFFFFF,
        )
    finally:
        await admin.close()
    assert len(ended) == 1


@postgres_only
def test_a_second_process_in_webhook_mode_needs_a_shared_secret_token(
    tmp_path: Path, api: FakeBotApi, database_url: str, engine: object
) -> None:
    async def refused() -> subprocess.CompletedProcess[str]:
        leader = PostgresLeadership(database_url, lock_key(BOT_ID))
        assert await leader.acquire(asyncio.Event())
        try:
            command = [
                "run",
                "--webhook-url",
                "https://bot.example.org/hook",
                "--listen",
                "127.0.0.1",
                "--port",
                str(free_port()),
            ]
            return await asyncio.to_thread(
                subprocess.run,
                [LOKISI_BOT, *command],
                env=bot_env(api, database_url, LOG_LEVEL="WARNING"),
                cwd=tmp_path,
                capture_output=True,
                text=True,
                timeout=60,
            )
        finally:
            await leader.release()

    done = asyncio.run(refused())
    assert done.returncode == 2, done.stderr
    assert done.stderr.splitlines()[-1] == f"lokisi-bot: {SHARED_SECRET_NEEDED}"
    assert not api.calls_to("setWebhook")


def test_a_second_process_on_sqlite_is_refused_with_a_clear_message(
    tmp_path: Path, api: FakeBotApi
) -> None:
    database = tmp_path / "one.sqlite3"
    first = SoleProcess(database)
    assert asyncio.run(first.acquire(asyncio.Event()))
    with pytest.raises(AlreadyRunning, match="SQLite serves one process"):
        asyncio.run(SoleProcess(database).acquire(asyncio.Event()))
    done = subprocess.run(
        [LOKISI_BOT, "run"],
        env=bot_env(api, f"sqlite+aiosqlite:///{database}", LOG_LEVEL="WARNING"),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert done.stderr.splitlines()[-1].startswith(
        f"lokisi-bot: another lokisi-bot (pid {os.getpid()}) already runs on {database}"
    )
    assert not api.calls_to("getUpdates")
    # Refused before it migrated anything.
    assert not database.exists()
    asyncio.run(first.release())


class ScriptedLeadership:
    """Leads at each acquire, and loses it when the test says; stops after `terms`."""

    def __init__(self, terms: int) -> None:
        self.terms = terms
        self.lost = asyncio.Event()
        self.released = 0

    async def acquire(self, stop: asyncio.Event) -> bool:
        if self.terms == 0:
            return False
        self.terms -= 1
        self.lost.clear()
        return True

    async def release(self) -> None:
        self.released += 1


async def test_each_term_as_leader_serves_a_new_application_until_leadership_is_lost() -> None:
    leadership = ScriptedLeadership(terms=2)
    built: list[object] = []
    served: list[object] = []
    metrics = Metrics()

    def new_application() -> Any:
        built.append(object())
        return built[-1]

    async def serve(application: Any, term: asyncio.Event) -> None:
        served.append(application)
        assert metrics.registry.get_sample_value("lokisi_leader") == 1
        leadership.lost.set()
        await term.wait()
        if len(served) == 2:
            raise OSError("the database went with the leadership")

    await lead_or_stand_by(leadership, new_application, serve, asyncio.Event(), metrics)
    assert served == built and len(built) == 2
    assert leadership.released == 2
    assert metrics.registry.get_sample_value("lokisi_leader") == 0
    assert metrics.registry.get_sample_value("lokisi_leadership_terms_total") == 2


async def test_a_failure_while_leading_is_not_taken_for_a_lost_leadership() -> None:
    leadership = ScriptedLeadership(terms=5)

    async def serve(application: Any, term: asyncio.Event) -> None:
        raise OSError("cannot listen")

    with pytest.raises(OSError, match="cannot listen"):
        await lead_or_stand_by(leadership, cast(Any, object), serve, asyncio.Event(), Metrics())
    assert (leadership.terms, leadership.released) == (4, 1)


@postgres_only
def test_in_webhook_mode_a_standby_answers_503_until_it_takes_over_then_registers_the_webhook(
    tmp_path: Path, api: FakeBotApi, manager: MemberView, database_url: str
) -> None:
    ports = free_port(), free_port()
    logs = tmp_path / "first.log", tmp_path / "second.log"

    def webhook_env(port: int) -> dict[str, str]:
        return bot_env(
            api,
            database_url,
            WEBHOOK_URL="https://bot.example.org/hook",
            WEBHOOK_LISTEN="127.0.0.1",
            WEBHOOK_PORT=str(port),
            WEBHOOK_SECRET_TOKEN=SECRET,
        )

    marie = api.user(manager.telegram_user_id)
    update_ids = iter(range(1, 100))

    def post(port: int, text: str) -> int:
        """What Telegram (or the proxy) gets back for one update posted to this process."""
        message = builders.message_dict(
            next(update_ids),
            marie.user,
            marie.chat,
            text=text,
            entities=builders.command_entities(text),
        )
        answer = httpx.post(
            f"http://127.0.0.1:{port}/hook",
            json={"update_id": message["message_id"], "message": message},
            headers={"X-Telegram-Bot-Api-Secret-Token": SECRET},
        )
        return answer.status_code

    first = start(["run"], webhook_env(ports[0]), tmp_path, logs[0])
    wait_for_role(ports[0], "leader", first, logs[0])
    second = start(["run"], webhook_env(ports[1]), tmp_path, logs[1])
    try:
        wait_for_role(ports[1], "standby", second, logs[1])
        assert post(ports[1], "/start") == 503
        assert post(ports[0], "/start") == 200
        marie.wait_for_text("Dupont Chauffage")
        kill(first)
        # Telegram retries an update until it gets a 200: so does this loop, as a proxy would.
        deadline = time.monotonic() + 30
        while post(ports[1], "/menu") != 200:
            assert time.monotonic() < deadline, logs[1].read_text()
            time.sleep(0.2)
        api.wait_until(
            lambda: sum("Dupont Chauffage" in m.text for m in marie.messages) == 2,
            lambda: f"the menu a second time: {marie.describe()}",
        )
        registered = [call.params for call in api.calls_to("setWebhook")]
        assert [(p["url"], p["secret_token"]) for p in registered] == [
            ("https://bot.example.org/hook", SECRET)
        ] * 2
    finally:
        assert terminate(second) == 0, logs[1].read_text()
