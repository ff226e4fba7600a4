"""The benchmark runs end to end at a tiny size (it measures nothing here: no timed assertion)."""

from __future__ import annotations

import asyncio
import random
from pathlib import Path

from benchmarks import data
from benchmarks.http_load import Load
from benchmarks.http_processes import team
from benchmarks.http_run import rotate
from benchmarks.run import run_benchmark
from benchmarks.seed import seed
from lokisi.enums import ClientType
from lokisi.validation import validate_client


def test_generated_clients_pass_the_domains_validation_unchanged() -> None:
    rng = random.Random(7)
    for _ in range(300):
        fields = data.client_fields(rng)
        typed = {k: v.value if isinstance(v, ClientType) else v for k, v in fields.items()}
        valid = validate_client(typed).model_dump(mode="json")
        for name in ("phone", "mobile", "siret", "vat_number", "email", "postal_code"):
            assert valid[name] == typed[name], name


def test_the_benchmark_replays_the_mix_and_reports_every_figure(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'bench.sqlite3'}"
    results = run_benchmark(
        [50], {"sqlite": url}, updates=60, warmup=10, searches=10, isolate=False
    )
    assert {"date", "machine", "options", "runs", "targets"} <= results.keys()
    [run] = results["runs"]
    assert {"floor", "bot", "ratio", "search", "memory", "steps", "errors"} <= run.keys()
    for figures in (run["floor"], run["bot"], run["search"]):
        assert {"median_ms", "p99_ms", "per_second"} <= figures.keys()
    assert {"peak_rss_mb", "tracemalloc_peak_mb"} <= run["memory"].keys()
    # The references beside the /start floor: same figures as the floor's, and the ratios.
    assert run["references"].keys() == {"button", "database"}
    for figures in run["references"].values():
        assert figures.keys() == run["floor"].keys()
        assert figures["count"] == 60
        assert all(value > 0 for value in figures.values())
    for field in ("ratio_to_references", "references_to_floor"):
        assert run[field].keys() == {"button", "database"}
        for ratio in run[field].values():
            assert ratio.keys() == {"median", "p99"}
            assert ratio["median"] > 0 and ratio["p99"] > 0
    assert run["errors"]["count"] == 0
    assert run["bot"]["count"] == 60
    # The mix reaches the real handlers: searches and cards are answered, not "too old".
    assert run["steps"]["search"]["count"] > 0
    assert run["steps"]["card"]["unhandled"] == 0


def test_the_http_benchmark_serves_members_on_the_bot_and_the_floor(tmp_path: Path) -> None:
    """The real `lokisi-bot run` and the stock floor, each over its fake Bot API."""
    manifest = asyncio.run(seed(f"sqlite+aiosqlite:///{tmp_path / 'http.sqlite3'}", 50))
    members = team(manifest, 3)
    load = Load(members=3, pause=None, warmup_seconds=0.5, seconds=1.5)
    # Twice, as the benchmark does (limiter off, then on): the second bot on the same database
    # must be told of updates with new ids.
    for limiter in ("off", "on"):
        [row] = rotate(manifest, members, ["dupont", "martin"], [load], limiter, random.Random(1))
        for who in ("bot", "floor"):
            figures = row[who]
            assert figures["updates"] > 0, who
            assert figures["median_text_ms"] > 0 and figures["median_press_ms"] > 0, who
            assert figures["cpu_ms_per_update"] > 0 and figures["rss_mb"] > 0, who
        assert row["ratios"]["updates_per_second"] is not None
