"""The bot's aiohttp transport against the fake Bot API over loopback: what it sends reaches
Telegram as what python-telegram-bot's own HTTPXRequest sends (in one JSON document rather
than a form), connections are reused, a proxy is used, and every failure comes out as the
same python-telegram-bot error as with HTTPXRequest."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import http.server
import json
import threading
import urllib.request
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, InputFile
from telegram.error import TelegramError, TimedOut
from telegram.request import BaseRequest, HTTPXRequest

from bot.transport import AiohttpRequest
from tests.support.fake_bot_api import TOKEN, FakeBotApi, fake_bot_api

Transport = Callable[..., BaseRequest]
TRANSPORTS: dict[str, Transport] = {"aiohttp": AiohttpRequest, "httpx": HTTPXRequest}


@contextlib.asynccontextmanager
async def bot_over(base_url: str, request: BaseRequest) -> AsyncIterator[Bot]:
    bot = Bot(TOKEN, base_url=base_url, request=request, get_updates_request=request)
    async with bot:
        yield bot


@pytest.fixture
def counted_api() -> Iterator[tuple[FakeBotApi, list[Any]]]:
    """The fake server, and the TCP connections it accepted."""
    with fake_bot_api() as api:
        accepted: list[Any] = []
        server = api._server
        get_request = server.get_request

        def counting() -> Any:
            connection = get_request()
            accepted.append(connection[1])
            return connection

        server.get_request = counting  # type: ignore[method-assign]
        yield api, accepted


async def test_calls_reach_the_fake_bot_api_as_with_httpx(api: FakeBotApi) -> None:
    user = api.user(42)
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Ouvrir ✅", callback_data="c:1")]])
    async with bot_over(api.base_url, AiohttpRequest()) as bot:
        sent = await bot.send_message(user.chat_id, "Dupont & fils <b>", reply_markup=keyboard)
        await bot.edit_message_text("Carte", chat_id=user.chat_id, message_id=sent.message_id)
        await bot.send_document(
            user.chat_id, InputFile(b"a;b\n1;2\n", filename="clients.csv"), caption="Export"
        )
    assert sent.text == "Dupont & fils <b>"
    assert sent.reply_markup == keyboard
    (document,) = api.calls_to("sendDocument")
    assert document.files["document"].content == b"a;b\n1;2\n"
    assert document.files["document"].filename == "clients.csv"
    assert document.params["caption"] == "Export"
    assert user.messages[0].text == "Carte"


async def test_one_connection_serves_call_after_call(
    counted_api: tuple[FakeBotApi, list[Any]],
) -> None:
    api, accepted = counted_api
    user = api.user(42)
    async with bot_over(api.base_url, AiohttpRequest()) as bot:
        for number in range(10):
            await bot.send_message(user.chat_id, f"message {number}")
    assert len(api.calls_to("sendMessage")) == 10
    # getMe (initialize) and the ten messages, over one kept-alive connection.
    assert len(accepted) == 1


async def test_a_long_poll_waits_past_the_read_timeout(api: FakeBotApi) -> None:
    async with bot_over(api.base_url, AiohttpRequest(read_timeout=0.2)) as bot:
        polled = asyncio.create_task(bot.get_updates(timeout=1))
        await asyncio.sleep(0.6)
        api.user(42).send("/start")
        (update,) = await polled
    assert update.message is not None and update.message.text == "/start"


@pytest.mark.parametrize(
    ("code", "description", "retry_after"),
    [
        (400, "Bad Request: message is not modified", None),
        (403, "Forbidden: bot was blocked by the user", None),
        (409, "Conflict: terminated by other getUpdates request", None),
        (429, "Too Many Requests: retry after 3", 3),
        (502, "Bad Gateway", None),
        (401, "Unauthorized", None),
    ],
)
async def test_telegram_errors_are_those_of_httpx(
    api: FakeBotApi, code: int, description: str, retry_after: int | None
) -> None:
    user = api.user(42)
    raised = {}
    for name, transport in TRANSPORTS.items():
        api.telegram.fail_next("sendMessage", code, description, retry_after)
        async with bot_over(api.base_url, transport()) as bot:
            with pytest.raises(TelegramError) as failure:
                await bot.send_message(user.chat_id, "x")
        raised[name] = failure.value
    aiohttp_error, httpx_error = raised["aiohttp"], raised["httpx"]
    assert type(aiohttp_error) is type(httpx_error)
    assert str(aiohttp_error) == str(httpx_error)


@contextlib.asynccontextmanager
async def broken_server(behaviour: str) -> AsyncIterator[str]:
    """A server on loopback that answers getMe, then breaks as told on the next call."""
    calls = 0

    async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        nonlocal calls
        with contextlib.suppress(ConnectionError):
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                length = next(
                    (
                        int(line.split(b":")[1])
                        for line in head.split(b"\r\n")
                        if line.lower().startswith(b"content-length")
                    ),
                    0,
                )
                await reader.readexactly(length)
                calls += 1
                if calls > 1 and behaviour == "stall":
                    await asyncio.sleep(30)
                if calls > 1 and behaviour == "hang up":
                    writer.close()
                    return
                body = (
                    b"<html>not json</html>"
                    if calls > 1 and behaviour == "garbage"
                    else b'{"ok":true,"result":{"id":123,"is_bot":true,"first_name":"B",'
                    b'"username":"b_bot"}}'
                )
                writer.write(
                    b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                    + f"Content-Length: {len(body)}\r\n\r\n".encode()
                    + body
                )
                await writer.drain()

    server = await asyncio.start_server(serve, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}/bot"
    finally:
        server.close()


@pytest.mark.parametrize("behaviour", ["stall", "hang up", "garbage"])
async def test_network_failures_are_those_of_httpx(behaviour: str) -> None:
    raised = {}
    for name, transport in TRANSPORTS.items():
        async with broken_server(behaviour) as base_url:
            request = transport(read_timeout=0.3)
            async with bot_over(base_url, request) as bot:
                with pytest.raises(TelegramError) as failure:
                    await bot.send_message(1, "x")
        raised[name] = failure.value
    assert type(raised["aiohttp"]) is type(raised["httpx"])


async def test_nothing_listening_is_the_network_error_of_httpx() -> None:
    raised = {}
    for name, transport in TRANSPORTS.items():
        with pytest.raises(TelegramError) as failure:
            await transport().post("http://127.0.0.1:9/bot1:x/getMe")
        raised[name] = failure.value
    assert type(raised["aiohttp"]) is type(raised["httpx"])


async def test_a_full_pool_times_out_as_with_httpx() -> None:
    raised = {}
    for name, transport in TRANSPORTS.items():
        request = transport(connection_pool_size=1, pool_timeout=0.2, read_timeout=5)
        async with broken_server("stall") as base_url, bot_over(base_url, request) as bot:
            stalled = asyncio.create_task(bot.send_message(1, "x"))
            await asyncio.sleep(0.2)
            with pytest.raises(TimedOut) as failure:
                await bot.send_message(1, "y")
            stalled.cancel()
            with contextlib.suppress(asyncio.CancelledError, TelegramError):
                await stalled
        raised[name] = failure.value
    assert str(raised["aiohttp"]) == str(raised["httpx"])


@dataclasses.dataclass(frozen=True)
class Forwarded:
    """A request as it crossed the proxy."""

    url: str
    content_type: str
    body: bytes

    @property
    def method(self) -> str:
        return self.url.rsplit("/", 1)[1]


class _Proxy(http.server.BaseHTTPRequestHandler):
    """A forward HTTP proxy: the request line holds the whole URL."""

    seen: list[Forwarded]

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        request = Forwarded(self.path, self.headers["Content-Type"], self.rfile.read(length))
        self.seen.append(request)
        forwarded = urllib.request.Request(
            self.path, data=request.body, headers={"Content-Type": request.content_type}
        )
        with urllib.request.urlopen(forwarded, timeout=5) as answer:
            body = answer.read()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet."""


@contextlib.contextmanager
def forward_proxy() -> Iterator[tuple[str, list[Forwarded]]]:
    """A proxy on 127.0.0.1: its URL, and the requests it forwarded."""
    seen: list[Forwarded] = []
    handler = type("Proxy", (_Proxy,), {"seen": seen})
    proxy = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=proxy.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{proxy.server_address[1]}", seen
    finally:
        proxy.shutdown()
        proxy.server_close()


async def test_calls_go_through_the_proxy_given(api: FakeBotApi) -> None:
    with forward_proxy() as (url, seen):
        async with bot_over(api.base_url, AiohttpRequest(proxy=url)) as bot:
            await bot.send_message(api.user(42).chat_id, "par le proxy")
    assert [request.method for request in seen] == ["getMe", "sendMessage"]
    assert api.calls_to("sendMessage")[0].params["text"] == "par le proxy"


async def test_a_call_is_one_json_document_and_an_upload_a_multipart_form(
    api: FakeBotApi,
) -> None:
    user = api.user(42)
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Ouvrir ✅", callback_data="c:1")]])
    with forward_proxy() as (url, seen):
        async with bot_over(api.base_url, AiohttpRequest(proxy=url)) as bot:
            await bot.send_message(user.chat_id, "Dupont & fils", reply_markup=keyboard)
            await bot.send_document(user.chat_id, InputFile(b"a;b\n", filename="c.csv"))
    get_me, message, document = seen
    assert get_me.content_type == "application/json" and get_me.body == b"{}"
    assert message.content_type == "application/json"
    # Telegram's own types, not each value encoded apart as a form carries them.
    assert json.loads(message.body) == {
        "chat_id": user.chat_id,
        "text": "Dupont & fils",
        "reply_markup": {"inline_keyboard": [[{"text": "Ouvrir ✅", "callback_data": "c:1"}]]},
    }
    assert document.content_type.startswith("multipart/form-data; boundary=")
    assert api.calls_to("sendDocument")[0].files["document"].content == b"a;b\n"


async def test_the_environments_proxy_is_used_unless_no_proxy_names_the_host(
    api: FakeBotApi, monkeypatch: pytest.MonkeyPatch
) -> None:
    with forward_proxy() as (url, seen):
        monkeypatch.setenv("HTTP_PROXY", url)
        monkeypatch.delenv("NO_PROXY", raising=False)
        monkeypatch.delenv("no_proxy", raising=False)
        async with bot_over(api.base_url, AiohttpRequest()) as bot:
            await bot.send_message(api.user(42).chat_id, "par le proxy")
        monkeypatch.setenv("NO_PROXY", "127.0.0.1")
        async with bot_over(api.base_url, AiohttpRequest()) as bot:
            await bot.send_message(api.user(42).chat_id, "en direct")
    assert [request.method for request in seen] == ["getMe", "sendMessage"]
    assert [c.params["text"] for c in api.calls_to("sendMessage")] == ["par le proxy", "en direct"]
