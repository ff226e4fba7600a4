"""A small fake of the Bot API HTTP server on 127.0.0.1, for running the real bot against.

It speaks the Bot API's JSON over HTTP (getMe, getUpdates with long polling and offsets,
sendMessage, editMessageText, answerCallbackQuery, setMyCommands, deleteWebhook...), checks
every call against the Bot API schema like the recording transport (whose message model it
reuses), and lets a test play users: enqueue their messages and button presses, then wait
for what the bot sent. The server runs in a thread, so the bot may live in another process.
Updates go out by long polling, or, once `push_to` is called, as Telegram's webhook posts
them: one at a time, again and again until the bot answers 200.
"""

from __future__ import annotations

import email.parser
import email.policy
import itertools
import json
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl

import httpx

from tests.support import builders
from tests.support.bot_api import check_call, method_fields, spec
from tests.support.recording_request import (
    BotMessage,
    RecordedCall,
    RecordingRequest,
    UploadedFile,
)

TOKEN = "123:TEST"
# Long polls are cut short when the server stops, so a test never waits for them.
MAX_POLL_SECONDS = 30
WAIT_SECONDS = 20
# Telegram tries a webhook again after a failure; sooner here, to keep tests short.
WEBHOOK_RETRY_SECONDS = 0.2


def free_port() -> int:
    """A TCP port nobody listens on, for a webhook server."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _decode_value(value: str) -> Any:
    """Form values arrive as text; objects and arrays (reply_markup...) as JSON text."""
    if value[:1] in "{[":
        try:
            return json.loads(value)
        except json.JSONDecodeError:
            return value
    return value


class _Telegram(RecordingRequest):
    """Telegram's side: chats, messages, calls and pending updates, behind one lock."""

    def __init__(self, first_update_id: int = 1) -> None:
        super().__init__()
        self.lock = threading.Condition()
        self.updates: list[dict[str, Any]] = []
        self.webhook: dict[str, Any] | None = None
        self.stopping = False
        # How the next getUpdates requests fail: "502", "429" or "drop" (FakeBotApi).
        self.polling_faults: list[str] = []
        # getUpdates requests waiting for an update (long polls in progress).
        self.polls_waiting = 0
        # Every update as it was delivered, in order (again if delivered again).
        self.delivered: list[dict[str, Any]] = []
        self._update_ids = itertools.count(first_update_id)
        self._query_ids = itertools.count(1)
        # The last update id enqueued, and the last one a getUpdates offset confirmed.
        self.last_update_id = 0
        self.confirmed = 0
        # Told of every call once it is answered, under the lock (the benchmark's clock).
        self.listener: Callable[[RecordedCall], None] | None = None

    def handle(
        self, method: str, params: dict[str, Any], files: dict[str, UploadedFile]
    ) -> tuple[int, dict[str, Any]]:
        """Record and answer one call, as RecordingRequest does for the offline tests."""
        with self.lock:
            fields = method_fields(method) if method in spec()["methods"] else {}
            params = params | {name: upload for name, upload in files.items() if name in fields}
            chat = self._chat(params["chat_id"]) if "chat_id" in params else None
            call = RecordedCall(method, params, files, check_call(method, params, chat))
            self.calls.append(call)
            status, call.response = self._answer(call)
            self.violations.extend(f"{method}: {problem}" for problem in call.violations)
            if method == "setWebhook" and call.ok:
                self.webhook = params
            elif method == "deleteWebhook" and call.ok:
                self.webhook = None
            if self.listener is not None:
                self.listener(call)
            self.lock.notify_all()
            return status, call.response

    def get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        """Updates from `offset` on, waiting up to `timeout` seconds for one to come."""
        offset = int(params.get("offset") or 0)
        limit = int(params.get("limit") or 100)
        deadline = time.monotonic() + min(float(params.get("timeout") or 0), MAX_POLL_SECONDS)
        with self.lock:
            # Asking from an offset confirms every update before it, as Telegram does.
            self.updates = [u for u in self.updates if u["update_id"] >= offset]
            self.confirmed = max(self.confirmed, offset - 1)
            self.polls_waiting += 1
            self.lock.notify_all()
            try:
                while not self.updates and not self.stopping:
                    remaining = deadline - time.monotonic()
                    if remaining <= 0:
                        break
                    self.lock.wait(remaining)
            finally:
                self.polls_waiting -= 1
            self.delivered.extend(self.updates[:limit])
            return self.updates[:limit]

    def enqueue(self, **payload: Any) -> None:
        self.deliver_again({"update_id": next(self._update_ids), **payload})

    def deliver_again(self, update: dict[str, Any]) -> None:
        """Deliver an update as it is, id included (Telegram does, for one it was not told
        had arrived)."""
        with self.lock:
            self.last_update_id = max(self.last_update_id, update["update_id"])
            self.updates.append(update)
            self.lock.notify_all()

    def next_query_id(self) -> str:
        return f"fake-query-{next(self._query_ids)}"


class _Handler(BaseHTTPRequestHandler):
    # Connections kept alive between calls, as Telegram's are.
    protocol_version = "HTTP/1.1"
    # Headers and body leave in two writes: with Nagle's algorithm the body would wait for the
    # client's delayed ACK of the headers (40 ms a call on Linux).
    disable_nagle_algorithm = True
    server: _Server

    def do_POST(self) -> None:
        self._serve()

    def do_GET(self) -> None:
        self._serve()

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the test reports what matters."""

    def _serve(self) -> None:
        telegram = self.server.telegram
        prefix, _, method = self.path.partition("?")[0].lstrip("/").rpartition("/")
        if prefix != f"bot{self.server.token}":
            self._reply(401, {"ok": False, "error_code": 401, "description": "Unauthorized"})
            return
        request = self._params()
        if request is None:
            # The bot died while sending it: Telegram never got a whole request.
            self.close_connection = True
            return
        params, files = request
        if method == "getUpdates":
            with telegram.lock:
                fault = telegram.polling_faults.pop(0) if telegram.polling_faults else None
            if fault is None:
                self._reply(200, {"ok": True, "result": telegram.get_updates(params)})
            else:
                # The request never arrived: nothing is confirmed.
                self._fail(fault)
            return
        self._reply(*telegram.handle(method, params, files))

    def _fail(self, fault: str) -> None:
        if fault == "drop":
            self.close_connection = True
        elif fault == "429":
            body = {"ok": False, "error_code": 429, "description": "Too Many Requests"}
            self._reply(429, body | {"parameters": {"retry_after": 1}})
        else:
            self._reply(502, {"ok": False, "error_code": 502, "description": "Bad Gateway"})

    def _params(self) -> tuple[dict[str, Any], dict[str, UploadedFile]] | None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        if len(body) < length:
            return None
        kind = self.headers.get_content_type()
        if kind == "application/json":
            return (json.loads(body) if body else {}), {}
        if kind == "multipart/form-data":
            return _multipart(self.headers["Content-Type"], body)
        return {key: _decode_value(value) for key, value in parse_qsl(body.decode())}, {}

    def _reply(self, status: int, body: dict[str, Any]) -> None:
        data = json.dumps(body).encode()
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the bot gave up on a long poll while stopping


def _multipart(content_type: str, body: bytes) -> tuple[dict[str, Any], dict[str, UploadedFile]]:
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
        f"Content-Type: {content_type}\r\n\r\n".encode() + body
    )
    params: dict[str, Any] = {}
    files: dict[str, UploadedFile] = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        content = part.get_payload(decode=True) or b""
        filename = part.get_filename()
        if filename:
            files[str(name)] = UploadedFile(filename, content, part.get_content_type())
        else:
            params[str(name)] = _decode_value(content.decode())
    return params, files


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, telegram: _Telegram, token: str) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.telegram = telegram
        self.token = token


class FakeUser:
    """One person in a chat with the bot (their private chat, or a group and maybe one of its
    topics), driven from the test's thread."""

    def __init__(
        self,
        api: FakeBotApi,
        user_id: int,
        first_name: str,
        language: str,
        chat: dict[str, Any] | None = None,
        topic: int | None = None,
    ) -> None:
        self.api = api
        self.user = builders.user_dict(user_id, first_name, language)
        self.chat = chat or builders.private_chat(self.user)
        self.chat_id: int = self.chat["id"]
        self.topic = topic
        api.telegram.register_chat(self.chat)

    def send(self, text: str, reply_to: dict[str, Any] | None = None) -> None:
        self.send_content(
            text=text, entities=builders.command_entities(text), reply_to_message=reply_to
        )

    def reply(self, text: str) -> None:
        """Answer the bot's latest question (ForceReply) in this person's place."""
        with self.api.telegram.lock:
            question = next(
                m for m in reversed(self.messages) if "force_reply" in str(m.reply_markup)
            )
            payload = json.loads(json.dumps(question.payload))
        self.send(text, reply_to=payload)

    def share_users(self, request_id: int, *shared: dict[str, Any]) -> None:
        """Pick people with the bot's `request_users` keyboard button."""
        self.send_content(users_shared={"request_id": request_id, "users": list(shared)})

    def send_content(self, **content: Any) -> None:
        """A message with any content: text=..., photo=builders.photo_sizes(...), caption=...,
        in this person's topic in a forum."""
        telegram = self.api.telegram
        with telegram.lock:
            message_id = telegram.next_message_id(self.chat_id)
        message = builders.message_dict(
            message_id, self.user, self.chat, topic=self.topic, **content
        )
        telegram.enqueue(message=message)

    def press(self, label: str) -> str:
        """Press the button whose label contains `label`, on the latest message that has it;
        returns the callback query id."""
        telegram = self.api.telegram
        with telegram.lock:
            message, data = self._find(label)
            query_id = telegram.next_query_id()
        query = {
            "id": query_id,
            "from": self.user,
            "message": message,
            "chat_instance": f"instance-{self.chat_id}",
            "data": data,
        }
        telegram.enqueue(callback_query=query)
        return query_id

    def _find(self, label: str) -> tuple[dict[str, Any], str]:
        for message in reversed(self.messages):
            for row in message.keyboard:
                for button in row:
                    if label in button["text"] and "callback_data" in button:
                        return json.loads(json.dumps(message.payload)), button["callback_data"]
        raise AssertionError(f"no button {label!r}; the bot shows: {self.describe()}")

    @property
    def messages(self) -> list[BotMessage]:
        """The bot's messages in this person's place (in a forum, their topic)."""
        messages = self.api.telegram.chat_messages(self.chat_id)
        if not self.chat.get("is_forum"):
            return messages
        return [m for m in messages if m.payload.get("message_thread_id") == self.topic]

    def describe(self) -> str:
        with self.api.telegram.lock:
            return " | ".join(
                f"{m.text!r} {[b['text'] for row in m.keyboard for b in row]}"
                for m in self.messages[-3:]
            )

    def wait_for_text(self, *fragments: str) -> BotMessage:
        """The bot's latest message showing all the fragments, once it is there."""
        found: list[BotMessage] = []

        def shown() -> bool:
            found[:] = [m for m in self.messages if all(f in m.text for f in fragments)]
            return bool(found)

        self.api.wait_until(shown, lambda: f"a message with {fragments}: {self.describe()}")
        return found[-1]

    def wait_for_latest(self, *fragments: str) -> BotMessage:
        """The bot's latest message, once it shows all the fragments."""

        def shown() -> bool:
            return bool(self.messages) and all(f in self.messages[-1].text for f in fragments)

        self.api.wait_until(shown, lambda: f"a last message with {fragments}: {self.describe()}")
        return self.messages[-1]

    def wait_for_button(self, label: str) -> None:
        def shown() -> bool:
            return any(
                label in button["text"]
                for message in self.messages
                for row in message.keyboard
                for button in row
            )

        self.api.wait_until(shown, lambda: f"a button {label!r}: {self.describe()}")

    def wait_until_answered(self, query_id: str) -> None:
        def answered() -> bool:
            return any(
                call.params.get("callback_query_id") == query_id
                for call in self.api.telegram.calls_to("answerCallbackQuery")
            )

        self.api.wait_until(answered, lambda: f"an answer to callback query {query_id}")


class FakeBotApi:
    """The fake server; `base_url` is what TELEGRAM_API_BASE_URL should be."""

    def __init__(self, token: str = TOKEN, first_update_id: int = 1) -> None:
        """`first_update_id`: a bot's update ids only grow, across restarts too (the bot's
        inbox takes an id it has handled for a duplicate)."""
        self.token = token
        self.telegram = _Telegram(first_update_id)
        self._server = _Server(self.telegram, token)
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}/bot"

    def start(self) -> FakeBotApi:
        self._thread.start()
        return self

    def stop(self) -> None:
        with self.telegram.lock:
            self.telegram.stopping = True
            self.telegram.lock.notify_all()
        self._server.shutdown()
        self._server.server_close()

    def fail_polling(self, *faults: str) -> None:
        """Fail the next getUpdates requests, one per fault: "502" (Bad Gateway), "429"
        (flood control, retry after 1 s) or "drop" (no answer). A failed request confirms
        nothing, as if it never reached Telegram."""
        with self.telegram.lock:
            self.telegram.polling_faults.extend(faults)

    def push_to(self, url: str) -> None:
        """Post every update to the bot's webhook at `url` (its local address), with the
        secret token it registered, as Telegram does: the next one only once this one got a
        200, which alone takes it off Telegram's hands."""
        threading.Thread(target=self._push, args=(url,), daemon=True).start()

    def _push(self, url: str) -> None:
        telegram = self.telegram
        with httpx.Client(timeout=MAX_POLL_SECONDS) as client:
            while True:
                with telegram.lock:
                    while not (telegram.updates and telegram.webhook) and not telegram.stopping:
                        telegram.lock.wait()
                    if telegram.stopping:
                        return
                    update, secret = telegram.updates[0], telegram.webhook.get("secret_token")
                try:
                    headers = {"X-Telegram-Bot-Api-Secret-Token": str(secret or "")}
                    status = client.post(url, json=update, headers=headers).status_code
                except httpx.TransportError:
                    status = None
                if status == 200:
                    with telegram.lock:
                        telegram.updates.remove(update)
                        telegram.delivered.append(update)
                else:
                    time.sleep(WEBHOOK_RETRY_SECONDS)

    def wait_for_poll(self) -> None:
        """Until the bot waits for updates (a long poll in progress): what is sent next is
        fetched by that poll, and confirmed by the bot's next one."""
        self.wait_until(lambda: self.telegram.polls_waiting > 0, lambda: "a getUpdates request")

    def user(self, user_id: int, first_name: str = "Marie", language: str = "fr") -> FakeUser:
        return FakeUser(self, user_id, first_name, language)

    def member_in(
        self,
        chat: dict[str, Any],
        user_id: int,
        first_name: str,
        topic: int | None = None,
        language: str = "fr",
    ) -> FakeUser:
        """Someone writing in a group (in a forum, in `topic`)."""
        return FakeUser(self, user_id, first_name, language, chat, topic)

    def calls_to(self, method: str) -> list[RecordedCall]:
        with self.telegram.lock:
            return list(self.telegram.calls_to(method))

    def wait_until_confirmed(self) -> None:
        """Wait until the bot confirmed every update sent so far (its next getUpdates asked
        from past them): killed then, it leaves none to be delivered again."""
        telegram = self.telegram
        self.wait_until(
            lambda: telegram.confirmed >= telegram.last_update_id,
            lambda: f"a getUpdates confirming update {telegram.last_update_id}",
        )

    def wait_until(self, condition: Callable[[], bool], what: Callable[[], str]) -> None:
        """Wait (generously: a slow CI machine is no failure) until the bot did something."""
        deadline = time.monotonic() + WAIT_SECONDS
        with self.telegram.lock:
            while not condition():
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(f"the bot never sent {what()}")
                self.telegram.lock.wait(remaining)


@contextmanager
def fake_bot_api(token: str = TOKEN) -> Iterator[FakeBotApi]:
    """A running fake server; at the end, every call the bot made must have been valid."""
    api = FakeBotApi(token).start()
    try:
        yield api
    finally:
        api.stop()
    api.telegram.assert_no_violations()
