"""One public web service, as the bot uses it: never waited for by a user.

httpx does the HTTP; aiolimiter keeps to the service's published rate per process; answers are
kept a day (cachetools' TTLCache), as registers change slowly and people look the same thing up
again. A user's look-up gives up after TIMEOUT seconds; after a failure (too slow, an error, a
429 with its Retry-After) the service is left alone for a while, and look-ups fail at once
meanwhile, so that a service that is down costs each user a single wait. Batch work (the
`geocode` command) waits for its turn and its Retry-After instead.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Mapping
from typing import Any

import httpx
from aiolimiter import AsyncLimiter
from cachetools import TTLCache

from lokisi.errors import LokisiError

log = logging.getLogger(__name__)

# A user's look-up: the form goes on without it past this.
TIMEOUT = 2.5
# A batch request (thousands of addresses) takes longer.
BATCH_TIMEOUT = 120.0
# How long a failed service is left alone, unless it said (Retry-After).
PAUSE_AFTER_FAILURE = 30.0
PAUSE_WITHOUT_RETRY_AFTER = 10.0
CACHE_SIZE = 2_048
CACHE_SECONDS = 24 * 3600
BATCH_ATTEMPTS = 5
USER_AGENT = "lokisi-bot (client management; https://www.lokisi.fr)"


class Unavailable(LokisiError):
    """The service is off, too slow, failing or asking to wait: go on without it. `reason` is
    "off", "slow", "down" or "busy"."""

    def __init__(self, service: str, reason: str) -> None:
        super().__init__(f"{service}: {reason}")
        self.service = service
        self.reason = reason


class PublicService:
    """A base URL, its rate limit per second, and what the bot remembers of its answers."""

    def __init__(
        self,
        name: str,
        base_url: str,
        *,
        rate: float,
        timeout: float = TIMEOUT,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.name = name
        self.base_url = base_url.rstrip("/")
        self._timeout = timeout
        self._transport = transport
        self._client: httpx.AsyncClient | None = None
        self._limiter = AsyncLimiter(rate, 1)
        self._cache: TTLCache[tuple[str, tuple[tuple[str, str], ...]], Any] = TTLCache(
            CACHE_SIZE, CACHE_SECONDS
        )
        self._paused_until = 0.0
        self._pause_reason = "down"

    @property
    def paused(self) -> bool:
        """Left alone after a failure: look-ups fail at once for now."""
        return time.monotonic() < self._paused_until

    async def get_json(self, path: str, params: Mapping[str, str | int]) -> Any:
        """The service's JSON answer to GET `path`, from the cache when asked before."""
        key = (path, tuple(sorted((k, str(v)) for k, v in params.items())))
        if key in self._cache:
            return self._cache[key]
        if self.paused:
            raise Unavailable(self.name, self._pause_reason)
        if not self._limiter.has_capacity():
            raise Unavailable(self.name, "busy")
        async with self._limiter:
            response = await self._send("GET", path, params=params, timeout=self._timeout)
        try:
            answer = response.json()
        except ValueError:
            raise self._failed("down", PAUSE_AFTER_FAILURE) from None
        self._cache[key] = answer
        return answer

    async def post_batch(
        self, path: str, files: Mapping[str, Any], data: Mapping[str, str | list[str]]
    ) -> str:
        """The text of the service's answer to a batch POST, waiting for the rate limit and for
        what a 429 asks, and trying again after a failure, a few times."""
        for attempt in range(1, BATCH_ATTEMPTS + 1):
            wait = self._paused_until - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
            try:
                async with self._limiter:
                    response = await self._send(
                        "POST", path, files=files, data=data, timeout=BATCH_TIMEOUT
                    )
            except Unavailable:
                if attempt == BATCH_ATTEMPTS:
                    raise
                log.warning("%s failed (attempt %s), trying again", self.name, attempt)
                continue
            return response.text
        raise Unavailable(self.name, "down")

    async def _send(self, method: str, path: str, **options: Any) -> httpx.Response:
        try:
            response = await self._http().request(method, path, **options)
        except httpx.TimeoutException:
            raise self._failed("slow", PAUSE_AFTER_FAILURE) from None
        except httpx.HTTPError as error:
            log.info("%s unreachable: %s", self.name, error)
            raise self._failed("down", PAUSE_AFTER_FAILURE) from None
        if response.status_code == 429:
            raise self._failed("busy", _retry_after(response))
        if response.status_code >= 500:
            raise self._failed("down", PAUSE_AFTER_FAILURE)
        return response

    def _failed(self, reason: str, pause: float) -> Unavailable:
        log.warning("%s %s: left alone for %.0f s", self.name, reason, pause)
        self._paused_until = time.monotonic() + pause
        self._pause_reason = reason
        return Unavailable(self.name, reason)

    def _http(self) -> httpx.AsyncClient:
        if self._client is None:
            self._client = httpx.AsyncClient(
                base_url=self.base_url,
                headers={"User-Agent": USER_AGENT},
                transport=self._transport,
            )
        return self._client

    async def aclose(self) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None


def _retry_after(response: httpx.Response) -> float:
    """Seconds the service asks to wait (Retry-After as seconds; a date counts as the default)."""
    value = response.headers.get("Retry-After", "")
    return float(value) if value.strip().isdigit() else PAUSE_WITHOUT_RETRY_AFTER
