"""Work done beside the bot on the same machine (an import, the export's worker process) runs
at a lower priority: the operating system gives the bot's users the CPU first, and the
background work gets what is left (on 2 cores, an import at the same priority took a whole
core from the bot)."""

from __future__ import annotations

import os

# Added to the process's nice value.
NICENESS = 10


def lower_priority() -> None:
    os.nice(NICENESS)
