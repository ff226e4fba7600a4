"""The bot's HTTP side (tornado, which python-telegram-bot's webhook extra brings): the webhook
Telegram posts updates to, `/healthz` and Prometheus' `/metrics`, on one port or two.

The webhook is served here rather than by python-telegram-bot's own server so that health and
metrics can sit beside it, and so that a standby answers 503 (a reverse proxy then tries the
leader) instead of taking updates it must not handle.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any

import tornado.web
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from telegram import Update
from tornado.httpserver import HTTPServer

from bot.app import BotApplication
from bot.inbox import InboxUnavailable
from bot.metrics import Metrics

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
PROBE_TIMEOUT = 2.0


@dataclass
class Serving:
    """What the endpoints answer from: the leader's application while this process leads
    (None while it stands by), and how to tell whether the database answers."""

    metrics: Metrics
    probe: Callable[[], Awaitable[object]] | None = None
    application: BotApplication | None = None
    secret_token: str = field(default="", repr=False)

    async def receive(self, application: BotApplication, update: Update) -> None:
        """An update from the webhook, handed to the application as polling would: the queue
        stores it in the inbox first (bot.inbox), so the 200 follows only once it is stored."""
        await application.update_queue.put(update)


class _Webhook(tornado.web.RequestHandler):
    def initialize(self, serving: Serving) -> None:
        self.serving = serving

    async def post(self) -> None:
        """Telegram posts one update; it retries until it gets a 200."""
        given = self.request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), self.serving.secret_token.encode()):
            raise tornado.web.HTTPError(HTTPStatus.FORBIDDEN)
        application = self.serving.application
        if application is None:
            # A standby: the proxy (or Telegram, later) must reach the leader.
            self.set_status(HTTPStatus.SERVICE_UNAVAILABLE)
            self.set_header("Retry-After", "1")
            return
        try:
            update = Update.de_json(json.loads(self.request.body), application.bot)
        except (ValueError, TypeError, KeyError) as error:
            log.warning("webhook: not an update: %s", error)
            raise tornado.web.HTTPError(HTTPStatus.BAD_REQUEST) from None
        try:
            await self.serving.receive(application, update)
        except InboxUnavailable as unavailable:
            # Not stored, so not confirmed: Telegram posts it again later.
            log.warning("webhook: %s; answered 500", unavailable)
            raise tornado.web.HTTPError(HTTPStatus.INTERNAL_SERVER_ERROR) from None

    def log_exception(self, *args: Any) -> None:
        """Refusals are answered, not logged as server errors (any client can post here)."""


class _Health(tornado.web.RequestHandler):
    def initialize(self, serving: Serving) -> None:
        self.serving = serving

    async def get(self) -> None:
        """200 while the database answers, 503 otherwise; the role either way."""
        try:
            if self.serving.probe is not None:
                await asyncio.wait_for(self.serving.probe(), PROBE_TIMEOUT)
            database = "reachable"
        except Exception as error:
            log.warning("health: database unreachable: %s", error)
            database = "unreachable"
        healthy = database == "reachable"
        self.set_status(HTTPStatus.OK if healthy else HTTPStatus.SERVICE_UNAVAILABLE)
        self.set_header("Content-Type", "application/json")
        self.write(
            {
                "status": "ok" if healthy else "failing",
                "role": "leader" if self.serving.application is not None else "standby",
                "database": database,
            }
        )


class _Metrics(tornado.web.RequestHandler):
    def initialize(self, serving: Serving) -> None:
        self.serving = serving

    def get(self) -> None:
        """Prometheus' text format."""
        self.set_header("Content-Type", CONTENT_TYPE_LATEST)
        self.write(generate_latest(self.serving.metrics.registry))


def _log_request(handler: tornado.web.RequestHandler) -> None:
    """Each request at DEBUG only: Telegram posts one per update."""
    request = handler.request
    log.debug("%s %s %s", handler.get_status(), request.method, request.path)


class Endpoints:
    """One HTTP server: the webhook at `webhook_path`, and health and metrics if asked."""

    def __init__(
        self, serving: Serving, *, webhook_path: str | None = None, operations: bool = True
    ) -> None:
        routes: list[Any] = []
        if webhook_path is not None:
            routes.append((rf"/{webhook_path}/?", _Webhook, {"serving": serving}))
        if operations:
            routes += [
                (r"/healthz", _Health, {"serving": serving}),
                (r"/metrics", _Metrics, {"serving": serving}),
            ]
        self._server = HTTPServer(tornado.web.Application(routes, log_function=_log_request))

    def listen(self, address: str, port: int) -> None:
        """Bind now: a port already taken is an OSError here, before anything starts."""
        self._server.listen(port, address)

    async def close(self) -> None:
        self._server.stop()
        await self._server.close_all_connections()
