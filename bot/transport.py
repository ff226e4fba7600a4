"""The bot's HTTP client for the Bot API: python-telegram-bot's `BaseRequest` on aiohttp.

Why not python-telegram-bot's own `HTTPXRequest`: measured over loopback (benchmarks/http),
httpx and httpcore took 42–48 % of the bot process's CPU, and their pool's bookkeeping grew
with each request in flight once updates are handled side by side; aiohttp's C-accelerated
HTTP parser and simpler pool cost a fraction of that per call (README, "Performance").

It keeps what `HTTPXRequest` offers: the same timeouts (connect, read, write, pool, a longer
write for uploads), a pool of connections kept alive and reused, a proxy (an http:// URL
given, or HTTP(S)_PROXY and NO_PROXY from the environment, as httpx reads them), and the
same errors:
status codes and Telegram's answers are mapped by `BaseRequest` itself; this module maps the
client's own failures as `HTTPXRequest` does (a timeout → `TimedOut`, any other HTTP failure
→ `NetworkError`).
"""

from __future__ import annotations

import asyncio
import json
import urllib.request
from typing import Any
from urllib.parse import urlsplit

import aiohttp
from telegram._utils.defaultvalue import DefaultValue
from telegram._utils.types import ODVInput
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData

POOL_TIMEOUT_MESSAGE = (
    "Pool timeout: All connections in the connection pool are occupied. Request was *not* "
    "sent to Telegram. Consider adjusting the connection pool size or the pool timeout."
)


class AiohttpRequest(BaseRequest):
    """A `BaseRequest` over one `aiohttp.ClientSession`, created in `initialize`."""

    def __init__(
        self,
        connection_pool_size: int = 256,
        read_timeout: float | None = 5.0,
        write_timeout: float | None = 5.0,
        connect_timeout: float | None = 5.0,
        pool_timeout: float | None = 1.0,
        media_write_timeout: float | None = 20.0,
        proxy: str | None = None,
    ) -> None:
        self._pool_size = connection_pool_size
        self._read_timeout = read_timeout
        self._write_timeout = write_timeout
        self._connect_timeout = connect_timeout
        self._pool_timeout = pool_timeout
        self._media_write_timeout = media_write_timeout
        self._proxy = proxy
        self._session: aiohttp.ClientSession | None = None
        # The environment's proxy per (scheme, host), read once: aiohttp's own `trust_env`
        # reads it, and ~/.netrc, in a thread on every request (measured: the thread hops
        # were a large share of the bot's CPU).
        self._environment_proxies: dict[tuple[str, str], str | None] = {}
        # How many requests wait for a free connection or hold one: aiohttp's pool has no
        # timeout of its own apart from the connection's.
        self._slots = asyncio.BoundedSemaphore(connection_pool_size)
        self._headers = {"User-Agent": self.USER_AGENT}
        self._json_headers = self._headers | {"Content-Type": "application/json"}

    @property
    def read_timeout(self) -> float | None:
        return self._read_timeout

    async def initialize(self) -> None:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=self._pool_size, limit_per_host=0)
            )

    async def shutdown(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()
        self._session = None

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        write_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        connect_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        pool_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        session = self._session
        if session is None or session.closed:
            raise RuntimeError("This AiohttpRequest is not initialized!")
        files = request_data.multipart_data if request_data else None
        read = self._read_timeout if isinstance(read_timeout, DefaultValue) else read_timeout
        connect = (
            self._connect_timeout if isinstance(connect_timeout, DefaultValue) else connect_timeout
        )
        pool = self._pool_timeout if isinstance(pool_timeout, DefaultValue) else pool_timeout
        if isinstance(write_timeout, DefaultValue):
            write = self._media_write_timeout if files else self._write_timeout
        else:
            write = write_timeout
        body = _body(request_data)
        headers = self._json_headers if isinstance(body, bytes) else self._headers
        await self._take_slot(pool)
        try:
            async with asyncio.timeout(_whole(connect, write, read)):
                async with session.request(
                    method,
                    url,
                    data=body,
                    headers=headers,
                    proxy=self._proxy or self._environment_proxy(url),
                    timeout=aiohttp.ClientTimeout(total=None, sock_connect=connect, sock_read=read),
                ) as response:
                    return response.status, await response.read()
        except TimeoutError as err:
            raise TimedOut from err
        except aiohttp.ClientError as err:
            raise NetworkError(f"aiohttp.{err.__class__.__name__}: {err}") from err
        finally:
            self._slots.release()

    def _environment_proxy(self, url: str) -> str | None:
        """HTTP(S)_PROXY for the URL's scheme, unless NO_PROXY names its host."""
        parts = urlsplit(url)
        key = (parts.scheme, parts.hostname or "")
        if key not in self._environment_proxies:
            bypassed = urllib.request.proxy_bypass(key[1])
            found = None if bypassed else urllib.request.getproxies_environment().get(key[0])
            self._environment_proxies[key] = found
        return self._environment_proxies[key]

    async def _take_slot(self, pool: float | None) -> None:
        try:
            async with asyncio.timeout(pool):
                await self._slots.acquire()
        except TimeoutError as err:
            raise TimedOut(message=POOL_TIMEOUT_MESSAGE) from err


def _whole(connect: float | None, write: float | None, read: float | None) -> float | None:
    """aiohttp bounds connecting and each read, not sending the request: the whole request
    is bounded by the sum, so that a stalled upload times out as with httpx."""
    if connect is None or write is None or read is None:
        return None
    return connect + write + read


def _body(request_data: RequestData | None) -> bytes | aiohttp.FormData | None:
    """The parameters as one JSON document, which the Bot API takes for every method; a
    multipart form only when there are files to upload.

    `HTTPXRequest` sends a url-encoded form, each value JSON-encoded apart and then quoted:
    measured for an edit with an 11-button keyboard, 200 µs against 65 µs for one JSON
    document, and a screen is two or three such requests."""
    if request_data is None:
        return None
    files: dict[str, Any] = request_data.multipart_data
    if not files:
        return json.dumps(request_data.parameters).encode()
    form = aiohttp.FormData(quote_fields=False)
    for name, value in request_data.json_parameters.items():
        form.add_field(name, value)
    for name, (filename, content, mime_type) in files.items():
        form.add_field(name, content, filename=filename, content_type=mime_type)
    return form
