"""The processes of the HTTP benchmark: the real `lokisi-bot run`, the stock floor, an import
beside them; the team they serve; the database server's backends whose CPU counts too."""

from __future__ import annotations

import asyncio
import csv
import itertools
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from sqlalchemy import text
from sqlalchemy.engine import make_url

from benchmarks import data
from benchmarks.seed import MANAGER_TELEGRAM_ID, Manifest
from lokisi.db import create_engine, is_sqlite, session_factory
from lokisi.enums import Role
from lokisi.fields import CLIENT_FIELDS
from lokisi.services import Services
from tests.support.fake_bot_api import FakeBotApi

ROOT = Path(__file__).resolve().parent.parent
LOKISI_BOT = str(Path(sys.executable).with_name("lokisi-bot"))
READY_WITHIN = 120.0
# Technicians' Telegram ids after the seeded team's.
EXTRA_FROM = MANAGER_TELEGRAM_ID + 100
# A program and its environment.
Command = tuple[list[str], dict[str, str]]
# Each fake Telegram's first update id: a bot's ids only grow, and the bot's inbox takes an id
# it handled before (in an earlier process on the same database) for one delivered again.
_FIRST_UPDATE_IDS = itertools.count(1, 10_000_000)


def telegram() -> FakeBotApi:
    """A fake Bot API, started, whose update ids follow those of the run's earlier ones."""
    return FakeBotApi(first_update_id=next(_FIRST_UPDATE_IDS)).start()


async def _add_technicians(manifest: Manifest, count: int) -> list[int]:
    engine = create_engine(manifest.url)
    try:
        services = Services.over(session_factory(engine))
        manager = await services.accounts.member_for(MANAGER_TELEGRAM_ID)
        assert manager is not None
        ids = []
        for n in range(count):
            invitation = await services.accounts.invite(manager, Role.TECHNICIEN)
            joined = await services.accounts.redeem(
                invitation.token, telegram_user_id=EXTRA_FROM + n, name=f"Technicien {n}"
            )
            ids.append(joined.telegram_user_id)
        return ids
    finally:
        await engine.dispose()


def team(manifest: Manifest, wanted: int) -> list[int]:
    """`wanted` members' Telegram ids: the seeded team's, then technicians made for the run.
    The two managers come last, kept for the export and the import."""
    seeded = [m.telegram_id for m in manifest.members if m.role != Role.MANAGER.value]
    managers = [m.telegram_id for m in manifest.members if m.role == Role.MANAGER.value]
    extra = asyncio.run(_add_technicians(manifest, max(0, wanted - len(seeded))))
    return [*seeded, *extra][:wanted] + managers


def _environment(api: FakeBotApi, database_url: str, rate_limit: bool) -> dict[str, str]:
    keep = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG", "TZ")}
    return keep | {
        "TELEGRAM_BOT_TOKEN": api.token,
        "TELEGRAM_API_BASE_URL": api.base_url,
        "DATABASE_URL": database_url,
        "RATE_LIMIT": "true" if rate_limit else "false",
        "LOG_LEVEL": "WARNING",
        "COMPANY_LOOKUP_URL": "",
        "GEOCODER_URL": "",
        "PYTHONPATH": str(ROOT),
    }


@contextmanager
def running(command: Command, api: FakeBotApi) -> Iterator[int]:
    """A process polling `api`, once it answers a first text; its pid. Stopped with SIGTERM."""
    arguments, env = command
    with tempfile.TemporaryDirectory() as workdir, (Path(workdir) / "log").open("w+") as log:
        process = subprocess.Popen(
            arguments, env=env, cwd=workdir, stdout=log, stderr=log, text=True
        )
        try:
            _wait_until_ready(api, process, log)
            yield process.pid
        finally:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _wait_until_ready(api: FakeBotApi, process: subprocess.Popen[str], log: IO[str]) -> None:
    """Once it answers someone's text, it polls: startup (migrations, commands) is done."""
    probe = api.user(1, "Probe")
    probe.send("/start")
    deadline = time.monotonic() + READY_WITHIN
    while not probe.messages:
        if process.poll() is not None or time.monotonic() > deadline:
            log.seek(0)
            raise RuntimeError(f"the process never answered:\n{log.read()}")
        time.sleep(0.05)


def bot(api: FakeBotApi, database_url: str, rate_limit: bool) -> Command:
    return [LOKISI_BOT, "run", "--polling"], _environment(api, database_url, rate_limit)


def floor(api: FakeBotApi, transport: str = "stock", concurrent: bool = False) -> Command:
    command = [sys.executable, "-m", "benchmarks.http_floor", api.base_url, api.token]
    options = ["--transport", transport, *(["--concurrent"] if concurrent else [])]
    return [*command, *options], _environment(api, "", rate_limit=False)


def import_process(manifest: Manifest, source: Path) -> subprocess.Popen[bytes]:
    """`lokisi-bot import` of `source` into the seeded account, beside the bot."""
    env = {
        "PATH": os.environ.get("PATH", ""),
        "DATABASE_URL": manifest.url,
        "GEOCODER_URL": "",
        "COMPANY_LOOKUP_URL": "",
    }
    command = [LOKISI_BOT, "import", str(source), "--account", str(manifest.account_id)]
    return subprocess.Popen(
        [*command, "--no-geocode"],
        env=env,
        cwd=source.parent,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def import_file(path: Path, count: int, rng: random.Random) -> Path:
    """A CSV of `count` new clients, under the import's own column names."""
    rows = [data.client_fields(rng) for _ in range(count)]
    columns = [f for f in CLIENT_FIELDS if f.aliases and f.name in rows[0]]
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow([f.aliases[0] for f in columns])
        for row in rows:
            writer.writerow(["" if row[f.name] is None else _cell(row[f.name]) for f in columns])
    return path


def _cell(value: object) -> str:
    return str(getattr(value, "value", value))


async def _backends(url: str) -> list[int]:
    engine = create_engine(url)
    try:
        async with engine.connect() as connection:
            found = await connection.execute(
                text(
                    "SELECT pid FROM pg_stat_activity"
                    " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
            )
            return list(found.scalars())
    finally:
        await engine.dispose()


def server_pids(url: str) -> Sequence[int]:
    """The PostgreSQL backends serving the benchmark's database (none on SQLite)."""
    if is_sqlite(url):
        return ()
    return asyncio.run(_backends(url))


def database_name(url: str) -> str:
    return make_url(url).database or ""
