"""The benchmark command: seed, replay the mix beside python-telegram-bot's floor, report.

    python -m benchmarks.run [--sizes 1000,10000,100000] [--postgres URL] [--quick]

Each size is measured in a fresh Python process (its peak memory is its own), right after
seeding a fresh database. Results are printed and written to benchmarks/results.json.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import logging
import os
import platform
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Sequence
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

from benchmarks import data
from benchmarks.floor import build_floor
from benchmarks.mix import World
from benchmarks.references import ClientIds, build_button_floor, build_database_floor
from benchmarks.replay import ErrorLog, Replay, Samples, replay_floor, replay_presses
from benchmarks.seed import Manifest, seed
from benchmarks.transport import BenchTransport
from bot.app import build_application
from bot.members import MemberCache
from bot.settings import Settings
from lokisi.db import create_engine, session_factory
from lokisi.schemas import MemberView
from lokisi.services import Services

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).with_name("results.json")
DEFAULT_SIZES = (1_000, 10_000, 100_000)
POSTGRES_VARIABLE = "LOKISI_BENCH_POSTGRES_URL"
TARGET_SIZE = 100_000
SMALL_SIZE = 1_000
MEDIAN_RATIO_TARGET = 3.0
P99_RATIO_TARGET = 10.0
SEARCH_P99_TARGET_MS = 5.0
MEMORY_GROWTH_TARGET_MB = 30.0
# Beside the /start floor, for information only: the targets stay judged on the /start floor.
REFERENCES = {
    "button": "button floor",
    "database": "database floor",
}
REFERENCE_WHAT = {
    "button": "python-telegram-bot alone: answer a press, edit the message into a card",
    "database": "the same after one SQLAlchemy read of a client by primary key",
}


# Measuring


def milliseconds(nanoseconds: float) -> float:
    return round(nanoseconds / 1e6, 3)


def summary(durations: Sequence[int]) -> dict[str, float]:
    """Median, 99th percentile and throughput (updates a second of processing)."""
    ordered = sorted(durations)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return {
        "count": len(ordered),
        "median_ms": milliseconds(statistics.median(ordered)),
        "p99_ms": milliseconds(p99),
        "mean_ms": milliseconds(statistics.fmean(ordered)),
        "per_second": round(len(ordered) / (sum(ordered) / 1e9), 1),
    }


def ratios(numerator: dict[str, float], denominator: dict[str, float]) -> dict[str, float]:
    """numerator ÷ denominator, for the median and the p99."""
    return {
        "median": round(numerator["median_ms"] / denominator["median_ms"], 2),
        "p99": round(numerator["p99_ms"] / denominator["p99_ms"], 2),
    }


def peak_rss_mb() -> float:
    """ru_maxrss (kilobytes on Linux); it carries over from the parent process across exec,
    which is why seeding, which grows with the size, runs in a process of its own."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def high_water_mb() -> float | None:
    """This process's own peak resident memory (Linux VmHWM, not inherited), if known."""
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024, 1)
    return None


async def measure(
    manifest: Manifest, *, updates: int, warmup: int, searches: int
) -> dict[str, Any]:
    """Floor, references, mix and search alone against one seeded database, in this process."""
    logging.basicConfig(level=logging.WARNING)
    engine = create_engine(manifest.url)
    services = Services.over(session_factory(engine))
    settings = Settings(_env_file=None, rate_limit=False)
    bot_transport, floor_transport = BenchTransport(), BenchTransport()
    app = build_application(settings, services, request=bot_transport, with_updater=False)
    errors = ErrorLog()
    app.add_error_handler(errors)
    floor = build_floor(floor_transport)
    client_ids = ClientIds(manifest.first_client_id, manifest.last_client_id)
    button_transport, database_transport = BenchTransport(), BenchTransport()
    references = {
        "button": (build_button_floor(button_transport), button_transport),
        # The bot's own engine: on PostgreSQL the read pays the round trip, as the bot does.
        "database": (
            build_database_floor(database_transport, engine, client_ids),
            database_transport,
        ),
    }
    await app.initialize()
    # Started, as in production: the activity feed's posts and the jobs run beside the mix.
    await app.start()
    await floor.initialize()
    for reference, _ in references.values():
        await reference.initialize()
    try:
        world = World(manifest, random.Random(manifest.size))
        members = MemberCache.of(app.bot_data, services)
        replay = Replay(app, bot_transport, world, manifest.members, forget=members.forget)
        # The floor first: after the mix, the garbage collector's pauses over the bot's larger
        # heap would land in the floor's own figures and flatter the ratios.
        await replay_floor(floor, floor_transport, manifest.members, warmup)
        gc.collect()
        floor_durations = await replay_floor(floor, floor_transport, manifest.members, updates)
        # The references next, timed the same way, before the mix for the same reason.
        reference_durations = {}
        for name, (reference, transport) in references.items():
            await replay_presses(reference, transport, manifest.members, warmup)
            gc.collect()
            reference_durations[name] = await replay_presses(
                reference, transport, manifest.members, updates
            )
        await replay.run(warmup)
        gc.collect()
        samples = Samples()
        started = time.perf_counter()
        await replay.run(updates, samples)
        mix_seconds = time.perf_counter() - started
        search = await time_search(services, world, manifest, searches)
        misspelt = await time_misspelt_search(services, manifest, searches)
        traced = await traced_peak(replay, services, world, manifest)
    finally:
        await app.stop()
        await app.shutdown()
        await floor.shutdown()
        for reference, _ in references.values():
            await reference.shutdown()
        await engine.dispose()
    bot = summary(samples.all())
    floor_stats = summary(floor_durations)
    reference_stats = {name: summary(d) for name, d in reference_durations.items()}
    return {
        "size": manifest.size,
        "database": engine.dialect.name,
        # python-telegram-bot's AIORateLimiter is off here; on (production's default) every
        # send waits its turn in a 30/s bucket: the HTTP benchmark measures both.
        "rate_limiter": "off",
        "seed_seconds": manifest.seconds,
        "rows": manifest.rows,
        "floor": floor_stats,
        "bot": bot,
        "ratio": {
            "median": round(bot["median_ms"] / floor_stats["median_ms"], 2),
            "p99": round(bot["p99_ms"] / floor_stats["p99_ms"], 2),
            "per_second": round(bot["per_second"] / floor_stats["per_second"], 3),
        },
        # Information beside the targets' ratio: what the stack alone costs for a button.
        "references": reference_stats,
        "ratio_to_references": {
            name: ratios(bot, stats) for name, stats in reference_stats.items()
        },
        "references_to_floor": {
            name: ratios(stats, floor_stats) for name, stats in reference_stats.items()
        },
        "mix_wall_seconds": round(mix_seconds, 2),
        "steps": {
            label: {**summary(values), "unhandled": samples.unhandled[label]}
            for label, values in sorted(samples.durations.items())
        },
        "journeys": dict(samples.journeys),
        "errors": {"count": errors.count, "first": errors.first},
        "search": search,
        "misspelt_search": misspelt,
        "memory": {
            "peak_rss_mb": peak_rss_mb(),
            "high_water_mb": high_water_mb(),
            "tracemalloc_peak_mb": traced,
        },
    }


async def time_search(
    services: Services, world: World, manifest: Manifest, count: int
) -> dict[str, float]:
    """services.clients.search as the bot calls it (counted): first pages, and the next page
    when there is one."""
    member = await member_of(services, manifest)
    # Other words first: every statement shape compiled, as in a bot that has run a while.
    for query in data.search_queries(random.Random(-manifest.size), max(count // 4, 20)):
        await services.clients.search(member, query, count=True)
    durations = []
    for query in world.queries[:count]:
        started = time.perf_counter_ns()
        page = await services.clients.search(member, query, count=True)
        durations.append(time.perf_counter_ns() - started)
        if page.has_next:
            started = time.perf_counter_ns()
            await services.clients.search(member, query, after_id=page.items[-1].id, count=True)
            durations.append(time.perf_counter_ns() - started)
    return summary(durations)


async def time_misspelt_search(
    services: Services, manifest: Manifest, count: int
) -> dict[str, float]:
    """A misspelt search as the bot makes it: counted, and when it finds nothing, the
    closest spellings instead."""
    member = await member_of(services, manifest)
    queries = data.misspelt_queries(random.Random(manifest.size), count + count // 4)
    for query in queries[count:]:
        await services.clients.search(member, query, count=True, closest=True)
    durations = []
    for query in queries[:count]:
        started = time.perf_counter_ns()
        await services.clients.search(member, query, count=True, closest=True)
        durations.append(time.perf_counter_ns() - started)
    return summary(durations)


async def traced_peak(
    replay: Replay, services: Services, world: World, manifest: Manifest
) -> float:
    """Python's own peak allocation over a short stretch of the mix (slow, so untimed)."""
    member = await member_of(services, manifest)
    gc.collect()
    tracemalloc.start()
    try:
        await replay.run(200)
        for query in world.queries[:50]:
            await services.clients.search(member, query)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return round(peak / 2**20, 2)


async def member_of(services: Services, manifest: Manifest) -> MemberView:
    member = await services.accounts.member_for(manifest.members[-1].telegram_id)
    assert member is not None
    return member


# Orchestrating


def database_urls(args: argparse.Namespace, workdir: Path) -> dict[str, str]:
    urls = {"sqlite": f"sqlite+aiosqlite:///{workdir / 'bench.sqlite3'}"}
    postgres = args.postgres or os.environ.get(POSTGRES_VARIABLE)
    if postgres:
        urls["postgresql"] = postgres
    return urls


def in_child(task: str, job: dict[str, Any]) -> dict[str, Any]:
    """Run a task in a fresh interpreter: each size's memory figures are then its own."""
    with tempfile.TemporaryDirectory() as scratch:
        job_path, out_path = Path(scratch) / "job.json", Path(scratch) / "out.json"
        job_path.write_text(json.dumps(job))
        subprocess.run(
            [sys.executable, "-m", "benchmarks.run", "--child", task, str(job_path), str(out_path)],
            check=True,
            cwd=ROOT,
        )
        result: dict[str, Any] = json.loads(out_path.read_text())
        return result


def child_main(task: str, job_path: str, out_path: str) -> None:
    job = json.loads(Path(job_path).read_text())
    if task == "seed":
        result = asyncio.run(seed(job["url"], job["size"])).to_json()
    else:
        manifest = Manifest.from_json(job["manifest"])
        result = asyncio.run(measure(manifest, **job["options"]))
    Path(out_path).write_text(json.dumps(result))


def run_benchmark(
    sizes: Sequence[int],
    urls: dict[str, str],
    *,
    updates: int,
    warmup: int,
    searches: int,
    isolate: bool = True,
) -> dict[str, Any]:
    """Every size on every database; the targets judged on what was measured."""
    options = {"updates": updates, "warmup": warmup, "searches": searches}
    runs = []
    for database, url in urls.items():
        for size in sizes:
            print(f"… {database}, {size:,} clients: seeding", flush=True)
            if isolate:
                manifest = Manifest.from_json(in_child("seed", {"url": url, "size": size}))
            else:
                manifest = asyncio.run(seed(url, size))
            print(f"  seeded in {manifest.seconds:.1f} s; replaying", flush=True)
            if isolate:
                result = in_child("measure", {"manifest": manifest.to_json(), "options": options})
            else:
                result = asyncio.run(measure(manifest, **options))
            print_run(result)
            runs.append(result)
    return {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "options": options,
        "runs": runs,
        "targets": judge(runs),
    }


def machine() -> dict[str, Any]:
    packages = ("python-telegram-bot", "SQLAlchemy", "aiosqlite", "asyncpg", "pydantic")
    return {
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
        "cpu_count": os.cpu_count(),
        "python": platform.python_version(),
        "sqlite": __import__("sqlite3").sqlite_version,
        "versions": {name: metadata.version(name) for name in packages},
    }


def judge(runs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each target of the performance issue: met or not, with the numbers behind it."""
    sqlite = {r["size"]: r for r in runs if r["database"] == "sqlite"}
    big, small = sqlite.get(TARGET_SIZE), sqlite.get(SMALL_SIZE)
    if big is None:
        return []
    targets = [
        _target(
            "median update ≤ 3× floor median (SQLite, 100,000 clients)",
            big["ratio"]["median"] <= MEDIAN_RATIO_TARGET,
            f"{big['bot']['median_ms']} ms vs floor {big['floor']['median_ms']} ms "
            f"= {big['ratio']['median']}×",
        ),
        _target(
            "p99 update ≤ 10× floor p99 (SQLite, 100,000 clients)",
            big["ratio"]["p99"] <= P99_RATIO_TARGET,
            f"{big['bot']['p99_ms']} ms vs floor {big['floor']['p99_ms']} ms "
            f"= {big['ratio']['p99']}×",
        ),
        _target(
            "search p99 < 5 ms (SQLite, 100,000 clients)",
            big["search"]["p99_ms"] < SEARCH_P99_TARGET_MS,
            f"p99 {big['search']['p99_ms']} ms, median {big['search']['median_ms']} ms",
        ),
        _target(
            "misspelt search (search + closest spellings) p99 < 5 ms (SQLite, 100,000 clients)",
            big["misspelt_search"]["p99_ms"] < SEARCH_P99_TARGET_MS,
            f"p99 {big['misspelt_search']['p99_ms']} ms, "
            f"median {big['misspelt_search']['median_ms']} ms",
        ),
    ]
    if small is not None:
        before, after = _peak_memory(small), _peak_memory(big)
        targets.append(
            _target(
                "peak memory grows < 30 MB from 1,000 to 100,000 clients (SQLite)",
                after - before < MEMORY_GROWTH_TARGET_MB,
                f"{before} MB → {after} MB = {after - before:+.1f} MB",
            )
        )
    return targets


def _peak_memory(run: dict[str, Any]) -> float:
    memory = run["memory"]
    return float(memory.get("high_water_mb") or memory["peak_rss_mb"])


def _target(name: str, met: bool, figures: str) -> dict[str, Any]:
    return {"target": name, "met": met, "figures": figures}


# Reporting


def _timing_line(label: str, figures: dict[str, float]) -> str:
    return (
        f"    {label:<20} median {figures['median_ms']:7.3f} ms   p99 {figures['p99_ms']:7.3f} ms"
        f"   {figures['per_second']:8.1f} updates/s\n"
    )


def print_run(result: dict[str, Any]) -> None:
    bot, floor, ratio = result["bot"], result["floor"], result["ratio"]
    search, memory = result["search"], result["memory"]
    misspelt = result["misspelt_search"]
    references = result["references"]
    to_references = "".join(
        f"    {'bot ÷ ' + REFERENCES[name]:<20} median {r['median']:6.2f}×     p99 {r['p99']:6.2f}×"
        "     (information)\n"
        for name, r in result["ratio_to_references"].items()
    )
    print(
        f"  {result['database']}, {result['size']:,} clients\n"
        + _timing_line("floor (/start)", floor)
        + "".join(_timing_line(REFERENCES[name], references[name]) for name in references)
        + _timing_line("bot", bot)
        + f"    {'ratio':<20} median {ratio['median']:6.2f}×     p99 {ratio['p99']:6.2f}×"
        f"     throughput {ratio['per_second']:.3f}×   (bot ÷ /start floor: the targets')\n"
        + to_references
        + f"    {'search':<20} median {search['median_ms']:7.3f} ms"
        f"   p99 {search['p99_ms']:7.3f} ms\n"
        f"    {'misspelt search':<20} median {misspelt['median_ms']:7.3f} ms"
        f"   p99 {misspelt['p99_ms']:7.3f} ms\n"
        f"    {'memory':<20} peak RSS {memory['peak_rss_mb']} MB (own high water"
        f" {memory['high_water_mb']} MB),"
        f" tracemalloc peak {memory['tracemalloc_peak_mb']} MB\n"
        f"    {'errors':<20} {result['errors']['count']}",
        flush=True,
    )
    unhandled = {k: v["unhandled"] for k, v in result["steps"].items() if v["unhandled"]}
    if unhandled:
        print(f"    steps no handler answered: {unhandled}", flush=True)


def print_targets(targets: list[dict[str, Any]]) -> None:
    if not targets:
        print("Targets are judged at 100,000 clients on SQLite: not measured in this run.")
    for target in targets:
        verdict = "met" if target["met"] else "NOT met"
        print(f"{verdict:>8}  {target['target']}: {target['figures']}")


def print_references(runs: list[dict[str, Any]]) -> None:
    """The references against the /start floor and the bot: information, not a judgement."""
    print("\nFor information, not judged (the targets above stay judged on the /start floor):")
    for run in runs:
        floor = run["floor"]
        print(
            f"  {run['database']}, {run['size']:,} clients:"
            f" /start floor {floor['median_ms']:.3f} ms"
            f" (p99 {floor['p99_ms']:.3f} ms), so 3× its median is"
            f" {MEDIAN_RATIO_TARGET * floor['median_ms']:.3f} ms"
        )
        for name, figures in run["references"].items():
            to_floor, bot_to = run["references_to_floor"][name], run["ratio_to_references"][name]
            print(
                f"    {REFERENCES[name]} ({REFERENCE_WHAT[name]}):"
                f" {figures['median_ms']:.3f} ms = {to_floor['median']}× the /start floor"
                f" (p99 {figures['p99_ms']:.3f} ms = {to_floor['p99']}×);"
                f" the bot is {bot_to['median']}× it (p99 {bot_to['p99']}×)"
            )
        button, database = run["references"].get("button"), run["references"].get("database")
        if button and database:
            print(
                "    the read alone adds"
                f" {database['median_ms'] - button['median_ms']:.3f} ms at the median"
            )


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__)
    parser.add_argument(
        "--sizes",
        default=",".join(str(s) for s in DEFAULT_SIZES),
        help="clients per account, comma-separated (default: %(default)s)",
    )
    parser.add_argument(
        "--postgres",
        metavar="URL",
        help=f"also on PostgreSQL (or set {POSTGRES_VARIABLE}); the database name must say bench",
    )
    parser.add_argument("--quick", action="store_true", help="fewer updates: a rough idea fast")
    parser.add_argument("--updates", type=int, help="timed updates per run (default 4000)")
    parser.add_argument("--output", type=Path, default=RESULTS, help="default: %(default)s")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv)
    if args.child:
        child_main(*args.child)
        return
    sizes = [int(s) for s in args.sizes.split(",") if s]
    updates = args.updates or (600 if args.quick else 4_000)
    workdir = ROOT / "var" / "bench"
    results = run_benchmark(
        sizes,
        database_urls(args, workdir),
        updates=updates,
        warmup=max(100, updates // 10),
        searches=200 if args.quick else 1_000,
    )
    print()
    print_targets(results["targets"])
    print_references(results["runs"])
    args.output.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print(f"\nWritten to {args.output}")


if __name__ == "__main__":
    main()
