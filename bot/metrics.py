"""What an operator watches, as Prometheus metrics (prometheus-client): updates by the handler
that took them, how long each took, failures, leadership, the database pool.

The hook is around the processing of one update (`MeteredApplication.process_update`), so
that whatever schedules updates (one at a time today, concurrently later) is measured the
same way. Each process has one `Metrics`, kept across its terms as leader.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram
from sqlalchemy.ext.asyncio import AsyncEngine
from telegram.ext import Application, BaseHandler, ConversationHandler

from bot.context import BotContext

NO_HANDLER = "none"
# bot.app adds the bot's handlers to python-telegram-bot's default group; group 1 only stores.
HANDLERS_GROUP = 0
# From a cached card (about 1 ms) to a slow export; Telegram retries after 60 s.
LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30)

# The name of the handler that took the update being processed (a one-item list, so that the
# handler, deeper in the same task, can fill it in).
_handled_by: ContextVar[list[str]] = ContextVar("handled_by")


class Metrics:
    """The process's metrics, in a registry of their own (tests build many applications)."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.updates = Counter(
            "lokisi_updates",
            "Updates handled, by the handler that took them ('none': no handler did)",
            ["handler"],
            registry=self.registry,
        )
        self.duration = Histogram(
            "lokisi_update_duration_seconds",
            "Time to handle one update, its storage included",
            buckets=LATENCY_BUCKETS,
            registry=self.registry,
        )
        self.errors = Counter(
            "lokisi_errors",
            "Updates whose handler failed, and failed jobs, by handler or job",
            ["handler"],
            registry=self.registry,
        )
        self.leader = Gauge(
            "lokisi_leader",
            "1 while this process serves the bot, 0 while it stands by",
            registry=self.registry,
        )
        self.terms = Counter(
            "lokisi_leadership_terms",
            "Times this process became the leader",
            registry=self.registry,
        )
        self.connections = Gauge(
            "lokisi_database_connections",
            "Connections of the database pool: in use, idle, and the pool's size",
            ["state"],
            registry=self.registry,
        )

    def leading(self, leader: bool) -> None:
        self.leader.set(1 if leader else 0)
        if leader:
            self.terms.inc()

    def watch_pool(self, engine: AsyncEngine) -> None:
        """Read the pool's figures at each scrape (pools without them count as 0)."""
        pool = engine.pool
        for state, figure in (("in_use", "checkedout"), ("idle", "checkedin"), ("size", "size")):
            read = getattr(pool, figure, None)
            self.connections.labels(state).set_function(read if callable(read) else lambda: 0)

    @contextmanager
    def update(self) -> Iterator[None]:
        """Time one update and count it under the handler that took it."""
        handled_by = [NO_HANDLER]
        token = _handled_by.set(handled_by)
        started = time.perf_counter()
        try:
            yield
        finally:
            self.duration.observe(time.perf_counter() - started)
            self.updates.labels(handled_by[0]).inc()
            _handled_by.reset(token)

    def failed(self, job: str | None = None) -> None:
        """Count a failure: of a job, or of the update being processed."""
        if job is None:
            handled_by = _handled_by.get(None)
            job = handled_by[0] if handled_by else NO_HANDLER
        self.errors.labels(job).inc()


class MeteredApplication(Application[Any, BotContext, Any, Any, Any, Any]):
    """python-telegram-bot's Application, with every update measured."""

    def __init__(self, *, metrics: Metrics, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.metrics = metrics

    async def process_update(self, update: object) -> None:
        with self.metrics.update():
            await super().process_update(update)


def name_handlers(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Make each handler of the main group say its name when it takes an update (those of a
    conversation included)."""
    for handler in application.handlers.get(HANDLERS_GROUP, []):
        for inner in _leaves(handler):
            inner.callback = _named(inner.callback)


def _leaves(handler: BaseHandler[Any, Any, Any]) -> Iterator[BaseHandler[Any, Any, Any]]:
    if not isinstance(handler, ConversationHandler):
        yield handler
        return
    states = [h for handlers in handler.states.values() for h in handlers]
    for inner in (*handler.entry_points, *states, *handler.fallbacks):
        yield from _leaves(inner)


def _named(callback: Any) -> Any:
    name = getattr(callback, "__name__", type(callback).__name__)

    @functools.wraps(callback)
    async def named(update: object, context: Any) -> Any:
        handled_by = _handled_by.get(None)
        if handled_by is not None:
            handled_by[0] = name
        return await callback(update, context)

    return named
