"""A test build of `lokisi-bot` that kills itself (SIGKILL) at a named point of its work.

    LOKISI_KILL_AT=committed python -m tests.support.kill_switch run
    LOKISI_KILL_FILE=/tmp/kill python -m tests.support.kill_switch run

The real program, with hooks wrapped around a few functions before it starts; production
code knows nothing of them, and nothing but this module reads these variables. The point
is a name, optionally followed by `#N` to die the N-th time it is reached (the first by
default). `LOKISI_KILL_AT` names it for the whole life of the process; with
`LOKISI_KILL_FILE`, the process runs normally until a test writes the point into that file
(it "arms" the switch, counting from then), and removes the file as it dies, so that the
next process, started with the same variable, runs normally until armed again.

| point | the process dies |
|---|---|
| `fetched` | once `getUpdates` brought updates, before any of them is stored |
| `stored` | once an update is written to the inbox, before it is handled |
| `committed` | once a business change (a client, a document...) is committed, before it shows |
| `before:METHOD` | as it is about to call the Bot API's METHOD (`before:editMessageText`) |
| `after:METHOD` | once Telegram answered a call to METHOD, before anything else |
| `state-written` | once users' data (a form step...) is written, before what follows |
| `handled` | once an update is handled and marked so, before its receipt is confirmed to Telegram |

Before dying, it writes `kill switch: POINT#N` on stderr, so that a test knows where it died.
"""

from __future__ import annotations

import functools
import os
import signal
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from telegram.ext import ExtBot

from bot.cli import main as lokisi_bot
from bot.transport import AiohttpRequest
from lokisi.events import EventBus
from lokisi.services.inbox import Inbox
from lokisi.services.state import StateStore

KILL_AT = "LOKISI_KILL_AT"
KILL_FILE = "LOKISI_KILL_FILE"
MARK = "kill switch: "


class KillSwitch:
    """Counts the arrivals at the armed point, and kills the process at the chosen one."""

    def __init__(self, spec: str | None = None, armed_by: Path | None = None) -> None:
        self._fixed = spec
        self._file = armed_by
        self._armed: str | None = None
        self._count = 0

    def _spec(self) -> str | None:
        if self._file is None:
            return self._fixed
        try:
            return self._file.read_text().strip() or None
        except FileNotFoundError:
            return None

    def reached(self, point: str) -> None:
        spec = self._spec()
        if spec != self._armed:
            self._armed, self._count = spec, 0
        name, _, nth = (spec or "").partition("#")
        if name != point:
            return
        self._count += 1
        if self._count == int(nth or 1):
            if self._file is not None:
                self._file.unlink()
            sys.stderr.write(f"{MARK}{spec}\n")
            sys.stderr.flush()
            os.kill(os.getpid(), signal.SIGKILL)


def _after(owner: Any, name: str, then: Callable[[Any], None]) -> None:
    """Call `then(result)` after each call of the coroutine method `owner.name`."""
    original = getattr(owner, name)

    @functools.wraps(original)
    async def wrapped(*args: Any, **kwargs: Any) -> Any:
        result = await original(*args, **kwargs)
        then(result)
        return result

    setattr(owner, name, wrapped)


def install(switch: KillSwitch) -> None:
    """Wrap the functions where the points are."""
    _after(ExtBot, "get_updates", lambda updates: updates and switch.reached("fetched"))
    _after(Inbox, "keep", lambda new: new and switch.reached("stored"))

    publish = EventBus.publish

    def published(bus: EventBus, changes: Sequence[Any]) -> None:
        # Called once the transaction that made the changes committed.
        switch.reached("committed")
        publish(bus, changes)

    EventBus.publish = published  # type: ignore[method-assign]

    write = StateStore.write

    async def written(store: StateStore, changes: Any, *, handled: Sequence[int] = ()) -> None:
        await write(store, changes, handled=handled)
        if changes:
            switch.reached("state-written")
        if handled:
            switch.reached("handled")

    StateStore.write = written  # type: ignore[method-assign]

    # The bot's own HTTP client (bot.transport), which `lokisi-bot run` uses.
    do_request = AiohttpRequest.do_request

    async def requested(request: AiohttpRequest, url: str, *args: Any, **kwargs: Any) -> Any:
        method = url.rsplit("/", 1)[-1]
        switch.reached(f"before:{method}")
        answer = await do_request(request, url, *args, **kwargs)
        switch.reached(f"after:{method}")
        return answer

    AiohttpRequest.do_request = requested  # type: ignore[method-assign]


def main(argv: Sequence[str] | None = None) -> int:
    spec, armed_by = os.environ.get(KILL_AT), os.environ.get(KILL_FILE)
    if spec or armed_by:
        install(KillSwitch(spec, Path(armed_by) if armed_by else None))
    return lokisi_bot(argv)


if __name__ == "__main__":
    sys.exit(main())
