"""The issue's targets, judged on what the HTTP benchmark measured (benchmarks/http_run.py).

All at the largest size, rate limiter off (on, every send waits its turn in a 30/s bucket, so
a saturated bot does about 29 updates a second: right for Telegram, and said beside).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

IN_PROCESS = Path(__file__).with_name("results.json")
SEARCH_P99_MS = 5.0


def _row(run: dict[str, Any], load: str) -> dict[str, Any]:
    return next(r for r in run["limiter_off"] if r["load"] == load)


def _target(name: str, met: bool | None, figures: str) -> dict[str, Any]:
    return {"target": name, "met": met, "figures": figures}


def _at_most(value: float | None, limit: float) -> bool | None:
    return None if value is None else value <= limit


def _at_least(value: float | None, limit: float) -> bool | None:
    return None if value is None else value >= limit


def judge(results: dict[str, Any], size: int) -> list[dict[str, Any]]:
    runs = {r["database"]: r for r in results["runs"] if r["size"] == size}
    targets = []
    sqlite, postgres = runs.get("sqlite"), runs.get("postgresql")
    if sqlite is not None:
        one, fifty = _row(sqlite, "1 member"), _row(sqlite, "50 members")
        targets += [
            _target(
                "SQLite: CPU per update ≤ 0.6× the floor's (1 member)",
                _at_most(one["ratios"]["cpu"], 0.6),
                f"{one['bot']['cpu_ms_per_update']} ms vs {one['floor']['cpu_ms_per_update']} ms"
                f" = {one['ratios']['cpu']}×",
            ),
            _target(
                "SQLite: median latency at 1 member ≤ 0.7× the floor's",
                _at_most(one["ratios"]["median"], 0.7),
                f"{one['bot']['median_ms']} ms vs {one['floor']['median_ms']} ms"
                f" = {one['ratios']['median']}×",
            ),
            _target(
                "SQLite: updates/s at 50 members without pause ≥ 2× the floor's",
                _at_least(fifty["ratios"]["updates_per_second"], 2.0),
                f"{fifty['bot']['updates_per_second']} vs {fifty['floor']['updates_per_second']}"
                f" = {fifty['ratios']['updates_per_second']}×",
            ),
        ]
    if postgres is not None:
        one, fifty = _row(postgres, "1 member"), _row(postgres, "50 members")
        bot_cpu = one["bot"]["cpu_ms_per_update"] + one["bot"]["server_cpu_ms_per_update"]
        targets += [
            _target(
                "PostgreSQL: CPU per update (bot + server) ≤ 0.8× the floor's (1 member)",
                _at_most(one["ratios"]["cpu_with_server"], 0.8),
                f"{bot_cpu:.2f} ms ({one['bot']['cpu_ms_per_update']} + "
                f"{one['bot']['server_cpu_ms_per_update']}) vs "
                f"{one['floor']['cpu_ms_per_update']} ms = {one['ratios']['cpu_with_server']}×",
            ),
            _target(
                "PostgreSQL: updates/s at 50 members without pause ≥ 1.5× the floor's",
                _at_least(fifty["ratios"]["updates_per_second"], 1.5),
                f"{fifty['bot']['updates_per_second']} vs {fifty['floor']['updates_per_second']}"
                f" = {fifty['ratios']['updates_per_second']}×",
            ),
        ]
    targets += _search_targets()
    for database, run in runs.items():
        busy = run.get("export_while_serving")
        if busy is not None:
            targets.append(
                _target(
                    f"{database}: others' p99 while exporting and importing ≤ 2× idle",
                    _at_most(busy["p99_ratio"], 2.0),
                    f"{busy['busy']['p99_ms']} ms vs {busy['idle']['p99_ms']} ms idle"
                    f" = {busy['p99_ratio']}× (export {busy['export_seconds']} s, import"
                    f" {busy['import_seconds'] or 'running through the window'})",
                )
            )
    return targets


def _search_targets() -> list[dict[str, Any]]:
    """Search p99 is the in-process benchmark's (benchmarks/run.py): read from its results."""
    if not IN_PROCESS.exists():
        return []
    found = []
    for run in json.loads(IN_PROCESS.read_text())["runs"]:
        if run["size"] == 100_000 and "search" in run:
            p99 = run["search"]["p99_ms"]
            found.append(
                _target(
                    f"{run['database']}: search p99 < 5 ms at 100,000 (in process, results.json)",
                    p99 < SEARCH_P99_MS,
                    f"{p99} ms",
                )
            )
    return found


def print_targets(targets: list[dict[str, Any]]) -> None:
    print("Targets:")
    for target in targets:
        verdict = {True: "met", False: "NOT met", None: "not measured"}[target["met"]]
        print(f"  {verdict:<12} {target['target']}: {target['figures']}")
