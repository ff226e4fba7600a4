"""Active and standby: a process serves the bot while it leads (bot.leadership), and waits
for its turn otherwise.

Each turn as leader is a new application: built and initialized at takeover, it loads the
conversations and users' data the previous leader stored, so a form resumes where the user
left it. The Corbeille's purge and every other job run in the leader's application only.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from bot.app import BotApplication
from bot.leadership import Leadership
from bot.metrics import Metrics

log = logging.getLogger(__name__)

Serve = Callable[[BotApplication, asyncio.Event], Awaitable[None]]


async def lead_or_stand_by(
    leadership: Leadership,
    new_application: Callable[[], BotApplication],
    serve: Serve,
    stop: asyncio.Event,
    metrics: Metrics,
) -> None:
    """Serve while leading, until `stop`; after leadership is lost, stand by again."""
    while await leadership.acquire(stop):
        metrics.leading(True)
        term = asyncio.Event()
        watcher = asyncio.create_task(_set_on_either(term, stop, leadership.lost))
        try:
            await serve(new_application(), term)
        except Exception:
            if not leadership.lost.is_set():
                raise
            # The database went with the leadership: the stop could not store everything.
            log.exception("the application stopped badly after leadership was lost")
        finally:
            watcher.cancel()
            metrics.leading(False)
            await leadership.release()
        if not stop.is_set():
            log.warning("stepped down: another process may serve the bot now; standing by")


async def _set_on_either(target: asyncio.Event, *events: asyncio.Event) -> None:
    waits = [asyncio.create_task(event.wait()) for event in events]
    try:
        await asyncio.wait(waits, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for wait in waits:
            wait.cancel()
    target.set()
