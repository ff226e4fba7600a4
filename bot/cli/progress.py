"""Progress of a long command on stderr: a bar that moves in place on a terminal, or one line
per tenth of the work in a log."""

from __future__ import annotations

import sys
from collections.abc import Callable

BAR_WIDTH = 24


def progress_printer(total: int, unit: str) -> Callable[[int, str], None]:
    """`show(done, what)`: "done/total unit: what", e.g. "40/120 rows: 38 imported, 2 rejected"."""
    interactive = sys.stderr.isatty()
    step = max(total // 10, 1)

    def show(done: int, what: str) -> None:
        if not interactive and done % step and done != total:
            return
        line = f"{done}/{total} {unit}: {what}"
        if not interactive:
            print(line, file=sys.stderr, flush=True)
            return
        filled = BAR_WIDTH * done // total if total else BAR_WIDTH
        bar = "█" * filled + "░" * (BAR_WIDTH - filled)
        end = "\n" if done == total else ""
        print(f"\r{bar} {line}", end=end, file=sys.stderr, flush=True)

    return show
