"""Performance as users feel it: the real `lokisi-bot run` over HTTP, beside the stock floor.

    python -m benchmarks.http_run [--postgres URL] [--sizes 1000,10000,100000] [--quick]

For each database and size: a seeded account (benchmarks/seed.py) and its team; the real
`lokisi-bot run` process long-polling a fake Bot API on loopback (tests/support/fake_bot_api.py),
and beside it a stock python-telegram-bot process (benchmarks/http_floor.py) polling a fake
of its own; members (benchmarks/http_load.py) search and open cards in both, load by load,
the bot and the floor taking turns. Then the rate limiter on; then, at the largest size, a
manager's export and another's import while 20 members work. Last, the HTTP clients compared
on the floor. benchmarks/README.md says what each figure means.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import tempfile
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from benchmarks import data
from benchmarks.http_load import Load, Players, cpu_model, load_average
from benchmarks.http_processes import (
    bot,
    floor,
    import_file,
    import_process,
    running,
    server_pids,
    team,
    telegram,
)
from benchmarks.http_targets import judge, print_targets
from benchmarks.run import POSTGRES_VARIABLE, ROOT, in_child, machine
from benchmarks.seed import MANAGER_TELEGRAM_ID, Manifest

RESULTS = Path(__file__).with_name("http_results.json")
DEFAULT_SIZES = (1_000, 10_000, 100_000)
PAUSE = (1.0, 3.0)
MOST_MEMBERS = 50
OTHERS_DURING_EXPORT = 20
IMPORTED = 10_000


def loads(quick: bool) -> tuple[list[Load], list[Load]]:
    """The loads with the rate limiter off, then on (fewer: it only caps throughput)."""
    warm, seconds = (1.0, 3.0) if quick else (2.0, 6.0)
    paused = seconds * 2
    off = [
        Load(1, None, warm, seconds),
        Load(10, None, warm, seconds),
        Load(50, None, warm, seconds),
        Load(10, PAUSE, warm, paused),
        Load(50, PAUSE, warm, paused),
    ]
    on = [Load(1, None, warm, seconds), Load(50, None, warm, seconds)]
    return off, on


def run_size(
    database: str, url: str, size: int, quick: bool, largest: bool, rng: random.Random
) -> dict[str, Any]:
    print(f"… {database}, {size:,} clients: seeding", flush=True)
    manifest = Manifest.from_json(in_child("seed", {"url": url, "size": size}))
    members = team(manifest, MOST_MEMBERS)
    queries = data.search_queries(rng, 300)
    off, on = loads(quick)
    result: dict[str, Any] = {"database": database, "size": size, "seeding": manifest.seconds}
    for limiter, chosen in (("off", off), ("on", on)):
        result[f"limiter_{limiter}"] = rotate(manifest, members, queries, chosen, limiter, rng)
    if largest:
        result["export_while_serving"] = export_while_serving(manifest, members, queries, quick)
    return result


def rotate(
    manifest: Manifest,
    members: list[int],
    queries: list[str],
    chosen: Sequence[Load],
    limiter: str,
    rng: random.Random,
) -> list[dict[str, Any]]:
    """Each load on the bot and on the floor, taking turns (who goes first alternates)."""
    bot_api, floor_api = telegram(), telegram()
    rows = []
    try:
        bot_players = Players(bot_api, members, rng)
        floor_players = Players(floor_api, members, rng)
        with (
            running(bot(bot_api, manifest.url, limiter == "on"), bot_api) as bot_pid,
            running(floor(floor_api), floor_api) as floor_pid,
        ):
            for n, load in enumerate(chosen):
                backends = server_pids(manifest.url)
                turns = [("bot", bot_players, bot_pid), ("floor", floor_players, floor_pid)]
                row: dict[str, Any] = {"load": load.name, "limiter": limiter}
                for who, players, pid in turns if n % 2 == 0 else turns[::-1]:
                    server = backends if who == "bot" else ()
                    row[who] = players.play(load, queries, [pid], server)
                row["ratios"] = ratios(row["bot"], row["floor"])
                print_row(row)
                rows.append(row)
    finally:
        bot_api.stop()
        floor_api.stop()
    return rows


def export_while_serving(
    manifest: Manifest, members: list[int], queries: list[str], quick: bool
) -> dict[str, Any]:
    """20 members' p99, idle, then while one manager exports and another imports."""
    others = members[:OTHERS_DURING_EXPORT]
    window = Load(OTHERS_DURING_EXPORT, PAUSE, 2.0, 10.0 if quick else 30.0)
    api = telegram()
    rng = random.Random(7)
    try:
        players = Players(api, [*others, MANAGER_TELEGRAM_ID], rng)
        with (
            running(bot(api, manifest.url, False), api) as pid,
            tempfile.TemporaryDirectory() as scratch,
        ):
            idle = players.play(window, queries, [pid], server_pids(manifest.url), only=others)
            source = import_file(Path(scratch) / "clients.csv", IMPORTED, rng)
            started = time.monotonic()
            importing = import_process(manifest, source)
            players.members[MANAGER_TELEGRAM_ID].user.send("/export")
            busy = players.play(window, queries, [pid], server_pids(manifest.url), only=others)
            # The import only has to run during the window: what it does after is no one's wait.
            imported = importing.poll()
            if imported is None:
                importing.terminate()
                importing.wait()
            import_seconds = time.monotonic() - started if imported is not None else None
            exported = _export_seconds(players, started)
    finally:
        api.stop()
    print(
        f"  export while serving: others' p99 {busy['p99_ms']} ms vs idle {idle['p99_ms']} ms; "
        f"export {exported} s, import {_import_state(import_seconds)}",
        flush=True,
    )
    return {
        "idle": idle,
        "busy": busy,
        "p99_ratio": round(busy["p99_ms"] / idle["p99_ms"], 2),
        "export_seconds": exported,
        "import_seconds": None if import_seconds is None else round(import_seconds, 1),
        "import_exit_code": imported,
    }


def _import_state(seconds: float | None) -> str:
    return "still running at the window's end" if seconds is None else f"done in {seconds:.1f} s"


def _export_seconds(players: Players, started: float) -> float | None:
    """When the export's second file (the XLSX) reached Telegram, waiting for it if need be."""
    deadline = time.monotonic() + 300
    while len(players.documents) < 2 and time.monotonic() < deadline:
        time.sleep(0.2)
        players.drain()
    return round(players.documents[1] - started, 1) if len(players.documents) >= 2 else None


def transports(quick: bool) -> list[dict[str, Any]]:
    """The floor's handlers over each HTTP client, one at a time and side by side."""
    warm, seconds = (1.0, 3.0) if quick else (2.0, 6.0)
    variants = [
        ("stock", False),
        ("httpx-tuned", False),
        ("aiohttp", False),
        ("httpx-tuned", True),
        ("aiohttp", True),
    ]
    rows = []
    for transport, concurrent in variants:
        api = telegram()
        try:
            players = Players(api, list(range(7_000, 7_010)), random.Random(3))
            with running(floor(api, transport, concurrent), api) as pid:
                row: dict[str, Any] = {"transport": transport, "concurrent": concurrent}
                for load in (Load(1, None, warm, seconds), Load(10, None, warm, seconds)):
                    row[load.name] = players.play(load, ["martin"], [pid])
        finally:
            api.stop()
        one, ten = row["1 member"], row["10 members"]
        print(
            f"  {transport:<11} {'side by side' if concurrent else 'one at a time':<13} "
            f"1 member: {one['cpu_ms_per_update']} ms CPU, median {one['median_ms']} ms; "
            f"10 members: {ten['updates_per_second']}/s",
            flush=True,
        )
        rows.append(row)
    return rows


def ratios(bot_row: dict[str, Any], floor_row: dict[str, Any]) -> dict[str, float | None]:
    def ratio(key: str, numerator: float | None = None) -> float | None:
        top = bot_row[key] if numerator is None else numerator
        return round(top / floor_row[key], 2) if top and floor_row[key] else None

    total_cpu = bot_row["cpu_ms_per_update"] + bot_row["server_cpu_ms_per_update"]
    return {
        "cpu": ratio("cpu_ms_per_update"),
        "cpu_with_server": ratio("cpu_ms_per_update", total_cpu),
        "median": ratio("median_ms"),
        "p99": ratio("p99_ms"),
        "updates_per_second": ratio("updates_per_second"),
    }


def print_row(row: dict[str, Any]) -> None:
    b, f, r = row["bot"], row["floor"], row["ratios"]
    print(
        f"  {row['load']:<28} limiter {row['limiter']:<3}"
        f" bot {b['updates_per_second']:>6}/s median {b['median_ms']:>7} p99 {b['p99_ms']:>7}"
        f" CPU {b['cpu_ms_per_update']:>5}+{b['server_cpu_ms_per_update']} ms"
        f" | floor {f['updates_per_second']:>6}/s median {f['median_ms']:>7}"
        f" CPU {f['cpu_ms_per_update']:>5} ms | ×: CPU {r['cpu']} median {r['median']}"
        f" rate {r['updates_per_second']} | load {b['load_average'][0]}",
        flush=True,
    )


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.http_run", description=__doc__)
    parser.add_argument("--sizes", default=",".join(str(s) for s in DEFAULT_SIZES))
    parser.add_argument(
        "--postgres",
        metavar="URL",
        help=f"also on PostgreSQL (or set {POSTGRES_VARIABLE}); the database name must say bench",
    )
    parser.add_argument("--quick", action="store_true", help="shorter loads: a rough idea")
    parser.add_argument("--output", type=Path, default=RESULTS, help="default: %(default)s")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s]
    urls = {"sqlite": f"sqlite+aiosqlite:///{ROOT / 'var' / 'bench' / 'http.sqlite3'}"}
    postgres = args.postgres or os.environ.get(POSTGRES_VARIABLE)
    if postgres:
        urls["postgresql"] = postgres
    started = datetime.now(UTC)
    rng = random.Random(2026)
    runs = [
        run_size(database, url, size, args.quick, size == max(sizes), rng)
        for database, url in urls.items()
        for size in sizes
    ]
    print("… HTTP clients, on the floor", flush=True)
    results = {
        "date": started.isoformat(timespec="seconds"),
        "minutes": round((datetime.now(UTC) - started).total_seconds() / 60, 1),
        "machine": machine() | {"cpu_model": cpu_model()},
        "load_average_at_end": load_average(),
        "quick": args.quick,
        "runs": runs,
        "transports": transports(args.quick),
    }
    results["targets"] = judge(results, max(sizes))
    print()
    print_targets(results["targets"])
    args.output.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print(f"\nWritten to {args.output}")


if __name__ == "__main__":
    main()
