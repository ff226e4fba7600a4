"""A network-free PTB request that records Bot API calls and answers like Telegram would."""

from __future__ import annotations

import json
import time
from collections import defaultdict, deque
from dataclasses import dataclass, field
from typing import Any

from telegram.request import BaseRequest, RequestData

from tests.support.bot_api import (
    check_call,
    mention_entities,
    method_fields,
    method_returns,
    parse_markup,
    spec,
    visible_text,
)

BOT_ID = 999
BOT_USERNAME = "lokisi_test_bot"
BOT_USER: dict[str, Any] = {
    "id": BOT_ID,
    "is_bot": True,
    "first_name": "LoKisi Test",
    "username": BOT_USERNAME,
    "can_join_groups": True,
    "can_read_all_group_messages": False,
    "supports_inline_queries": True,
}
CANNOT_INITIATE = "Forbidden: bot can't initiate conversation with a user"
NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup are"
    " exactly the same as a current content and reply markup of a message"
)
QUERY_TOO_OLD = "Bad Request: query is too old and response timeout expired or query ID is invalid"
EDIT_METHODS = frozenset({"editMessageText", "editMessageCaption", "editMessageReplyMarkup"})

Response = tuple[int, dict[str, Any]]


class ProcessKilled(BaseException):
    """The bot's process died here (`RecordingRequest.die_after`): no handler, error handler
    or persistence of python-telegram-bot catches it, as none outlives a SIGKILL."""


@dataclass(frozen=True)
class UploadedFile:
    """A file the bot uploaded in a multipart request."""

    filename: str
    content: bytes
    mimetype: str | None


@dataclass
class RecordedCall:
    """One Bot API call made by the bot, with its violations and the answer it got."""

    method: str
    params: dict[str, Any]
    files: dict[str, UploadedFile] = field(default_factory=dict)
    violations: list[str] = field(default_factory=list)
    response: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """Whether the simulated Telegram accepted the call."""
        return bool(self.response.get("ok"))

    @property
    def result(self) -> Any:
        """The `result` of the answer (None for errors)."""
        return self.response.get("result")


@dataclass
class BotMessage:
    """The current state of one message the bot has in a chat."""

    chat_id: int
    message_id: int
    text: str
    raw_text: str | None
    reply_markup: dict[str, Any] | None
    payload: dict[str, Any]
    # The bot's life (bot.getMe to the next one) that last sent or edited it.
    changed_in: int = 0

    @property
    def keyboard(self) -> list[list[dict[str, Any]]]:
        """Buttons of the inline or reply keyboard (empty if none)."""
        markup = self.reply_markup or {}
        rows: list[list[dict[str, Any]]] = markup.get("inline_keyboard") or [
            [button if isinstance(button, dict) else {"text": button} for button in row]
            for row in markup.get("keyboard", [])
        ]
        return rows


def _ok(result: Any) -> Response:
    return 200, {"ok": True, "result": result}


def _error(code: int, description: str, retry_after: int | None = None) -> Response:
    body: dict[str, Any] = {"ok": False, "error_code": code, "description": description}
    if retry_after is not None:
        body["parameters"] = {"retry_after": retry_after}
    return code, body


def _guess_chat(chat_id: int) -> dict[str, Any]:
    """Describe a chat nobody registered, from the shape of its id."""
    if chat_id > 0:
        return {"id": chat_id, "type": "private"}
    return {"id": chat_id, "type": "supergroup" if str(chat_id).startswith("-100") else "group"}


def _decode(
    method: str, request_data: RequestData | None
) -> tuple[dict[str, Any], dict[str, UploadedFile]]:
    """Return the call parameters and uploaded files; direct uploads also appear as params."""
    if request_data is None:
        return {}, {}
    params: dict[str, Any] = dict(request_data.parameters)
    files: dict[str, UploadedFile] = {}
    for name, (filename, content, mimetype) in request_data.multipart_data.items():
        data = content if isinstance(content, bytes) else content.read()
        files[name] = UploadedFile(filename, data, mimetype)
    # attach://-referenced parts are not fields; a part named like a field is the field itself.
    fields = method_fields(method) if method in spec()["methods"] else {}
    params.update({name: upload for name, upload in files.items() if name in fields})
    return params, files


class RecordingRequest(BaseRequest):
    """PTB request that never touches the network: it records, validates and answers calls.

    Each getMe starts a new life of the bot (a restart). Within one life, an edit that changes
    nothing and a callback query answered twice are bugs; after a restart they are what a bot
    replaying an update its killed predecessor may have answered already: Telegram refuses
    them, and the bot must take that in its stride."""

    def __init__(self) -> None:
        self.calls: list[RecordedCall] = []
        self.violations: list[str] = []
        self.messages: dict[int, dict[int, BotMessage]] = defaultdict(dict)
        self.chats: dict[int, dict[str, Any]] = {}
        self._last_ids: dict[int, int] = defaultdict(int)
        self._faults: dict[str, deque[Response]] = defaultdict(deque)
        self._responses: dict[str, Any] = {}
        self._deaths: set[str] = set()
        self.life = 0
        # Callback query id → the life that answered it; those answered in this life.
        self._answered: dict[str, int] = {}
        self._answered_now: set[str] = set()
        # Chat members' statuses ("member", "left", ...) for getChatMember; "member" if unset.
        self.member_statuses: dict[tuple[int, int], str] = {}

    @property
    def read_timeout(self) -> float | None:
        """Default read timeout (unused: nothing waits on a socket)."""
        return 5.0

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to release."""

    def register_chat(self, chat: dict[str, Any]) -> None:
        """Remember a chat's full description so bot messages carry it. A private chat is
        known once its user has started the bot: before, Telegram refuses to write there."""
        self.chats[chat["id"]] = chat

    def next_message_id(self, chat_id: int) -> int:
        """Allocate the next message id in a chat (users and bot share one sequence)."""
        self._last_ids[chat_id] += 1
        return self._last_ids[chat_id]

    def fail_next(
        self, method: str, error_code: int, description: str, retry_after: int | None = None
    ) -> None:
        """Make the next call to `method` fail with the given Telegram error."""
        self._faults[method].append(_error(error_code, description, retry_after))

    def die_after(self, method: str) -> None:
        """The next call to `method` reaches Telegram, and the bot dies as it returns."""
        self._deaths.add(method)

    def forget_queries(self) -> None:
        """Forget which callback queries were answered: for forged updates, whose query ids
        may repeat where Telegram's never do (each is then a press of its own)."""
        self._answered.clear()
        self._answered_now.clear()

    def set_response(self, method: str, result: Any) -> None:
        """Answer every later successful call to `method` with `result`."""
        self._responses[method] = result

    def chat_messages(self, chat_id: int) -> list[BotMessage]:
        """The bot's messages still present in a chat, oldest first."""
        return [self.messages[chat_id][key] for key in sorted(self.messages[chat_id])]

    def calls_to(self, method: str) -> list[RecordedCall]:
        """All recorded calls of one Bot API method."""
        return [call for call in self.calls if call.method == method]

    def assert_no_violations(self) -> None:
        """Fail if any recorded call broke the Bot API rules."""
        assert not self.violations, "Bot API violations:\n" + "\n".join(self.violations)

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = BaseRequest.DEFAULT_NONE,
        write_timeout: Any = BaseRequest.DEFAULT_NONE,
        connect_timeout: Any = BaseRequest.DEFAULT_NONE,
        pool_timeout: Any = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        """Record and validate the call, then answer with Bot API JSON."""
        api_method = url.rsplit("/", 1)[-1]
        params, files = _decode(api_method, request_data)
        chat = self._chat(params["chat_id"]) if "chat_id" in params else None
        call = RecordedCall(api_method, params, files, check_call(api_method, params, chat))
        self.calls.append(call)
        status, call.response = self._answer(call)
        self.violations.extend(f"{api_method}: {problem}" for problem in call.violations)
        if api_method in self._deaths:
            self._deaths.discard(api_method)
            raise ProcessKilled(api_method)
        return status, json.dumps(call.response).encode()

    def _answer(self, call: RecordedCall) -> Response:
        if self._faults[call.method]:
            return self._faults[call.method].popleft()
        if call.method not in spec()["methods"]:
            return _error(404, "Not Found")
        if call.violations:
            # Telegram rejects malformed calls, so the bot sees the failure as in production.
            return _error(400, f"Bad Request: {call.violations[0]}")
        if call.method in self._responses:
            return _ok(self._responses[call.method])
        if call.method == "getMe":
            self.life += 1
            self._answered_now = set()
            return _ok(BOT_USER)
        if call.method == "answerCallbackQuery":
            return self._answer_query(call)
        if call.method == "getUpdates":
            return _ok([])
        if call.method == "deleteMessage":
            self.messages[int(call.params["chat_id"])].pop(int(call.params["message_id"]), None)
            return _ok(True)
        if call.method in EDIT_METHODS:
            return self._edit(call)
        if call.method == "getChatMember":
            return self._chat_member(call)
        if method_returns(call.method) == ["Message"]:
            return self._send(call)
        if call.method == "sendMediaGroup":
            return self._send_album(call)
        return _ok(True)

    def _answer_query(self, call: RecordedCall) -> Response:
        query_id = str(call.params.get("callback_query_id"))
        answered_in = self._answered.setdefault(query_id, self.life)
        if answered_in != self.life:
            return _error(400, QUERY_TOO_OLD)
        if query_id in self._answered_now:
            call.violations.append(f"callback query {query_id} answered twice")
        self._answered_now.add(query_id)
        return _ok(True)

    def _chat_member(self, call: RecordedCall) -> Response:
        chat_id, user_id = int(call.params["chat_id"]), int(call.params["user_id"])
        status = self.member_statuses.get((chat_id, user_id), "member")
        user = {"id": user_id, "is_bot": False, "first_name": "Membre"}
        member: dict[str, Any] = {"status": status, "user": user}
        if status == "kicked":
            member["until_date"] = 0
        return _ok(member)

    def _chat(self, raw_chat_id: object) -> dict[str, Any] | None:
        try:
            chat_id = int(str(raw_chat_id))
        except ValueError:
            return None
        return self.chats.get(chat_id) or _guess_chat(chat_id)

    def _send(self, call: RecordedCall) -> Response:
        chat = self._chat(call.params["chat_id"])
        if chat is None:
            return _error(400, "Bad Request: chat not found")
        if chat["type"] == "private" and chat["id"] not in self.chats:
            return _error(403, CANNOT_INITIATE)
        thread = call.params.get("message_thread_id")
        stored = self._store(chat, _content(call.method, call.params), thread)
        _apply(stored, call, parse_markup(call.params.get("reply_markup")))
        return _ok(stored.payload)

    def _send_album(self, call: RecordedCall) -> Response:
        """One message per item, sharing a media_group_id, each with its own caption."""
        chat = self._chat(call.params["chat_id"])
        if chat is None:
            return _error(400, "Bad Request: chat not found")
        if chat["type"] == "private" and chat["id"] not in self.chats:
            return _error(403, CANNOT_INITIATE)
        media = call.params["media"]
        items = json.loads(media) if isinstance(media, str) else media
        group = f"album-{len(self.calls)}"
        sent = []
        thread = call.params.get("message_thread_id")
        for item in items:
            method = "send" + str(item["type"]).title()
            stored = self._store(chat, _content(method, {item["type"]: item["media"]}), thread)
            stored.payload["media_group_id"] = group
            _apply(stored, RecordedCall(method, dict(item)), None)
            sent.append(stored.payload)
        return _ok(sent)

    def _store(
        self, chat: dict[str, Any], content: dict[str, Any], thread: object = None
    ) -> BotMessage:
        """A new bot message in the chat (in a forum's topic when sent to one)."""
        message: dict[str, Any] = {
            "message_id": self.next_message_id(chat["id"]),
            "date": int(time.time()),
            "chat": chat,
            "from": BOT_USER,
            **content,
        }
        if thread is not None:
            message |= {"message_thread_id": int(str(thread)), "is_topic_message": True}
        stored = BotMessage(
            chat_id=chat["id"],
            message_id=message["message_id"],
            text="",
            raw_text=None,
            reply_markup=None,
            payload=message,
            changed_in=self.life,
        )
        self.messages[chat["id"]][stored.message_id] = stored
        return stored

    def _edit(self, call: RecordedCall) -> Response:
        if "inline_message_id" in call.params:
            return _ok(True)
        chat = self._chat(call.params.get("chat_id"))
        stored = self.messages[chat["id"]].get(int(call.params["message_id"])) if chat else None
        if stored is None:
            return _error(400, "Bad Request: message to edit not found")
        markup = parse_markup(call.params.get("reply_markup"))
        key = _text_key(call.method)
        new_raw = call.params.get(key) if key else stored.raw_text
        if (new_raw, markup) == (stored.raw_text, stored.reply_markup):
            if stored.changed_in == self.life:
                call.violations.append("message is not modified")
            return _error(400, NOT_MODIFIED)
        stored.changed_in = self.life
        _apply(stored, call, markup)
        stored.payload["edit_date"] = int(time.time())
        return _ok(stored.payload)


def _content(method: str, params: dict[str, Any]) -> dict[str, Any]:
    """Message fields describing what a send* call delivered."""
    location = {"latitude": params.get("latitude"), "longitude": params.get("longitude")}
    if method == "sendLocation":
        return {"location": location}
    if method == "sendVenue":
        venue = {"location": location, "title": params["title"], "address": params["address"]}
        return {"location": location, "venue": venue}
    if method == "sendContact":
        keys = ("phone_number", "first_name", "last_name", "vcard")
        return {"contact": {key: params[key] for key in keys if key in params}}
    kind = method.removeprefix("send").lower()
    if kind not in _FILE_SHAPES:
        return {}
    upload = params[kind]
    if isinstance(upload, UploadedFile):
        file: dict[str, Any] = {
            "file_id": f"file-{upload.filename}",
            "file_unique_id": f"unique-{upload.filename}",
            "file_name": upload.filename,
            "file_size": len(upload.content),
            "mime_type": upload.mimetype or "application/octet-stream",
        }
    else:  # sent again by file_id (or URL): Telegram answers with the same file
        file = {"file_id": str(upload), "file_unique_id": f"unique-{upload}"}
    file |= _FILE_SHAPES[kind]
    return {kind: [file] if kind == "photo" else file}


# What Telegram adds to a file of each kind (a photo comes as its sizes: one here).
_FILE_SHAPES: dict[str, dict[str, Any]] = {
    "document": {},
    "photo": {"width": 1280, "height": 960},
    "video": {"width": 1280, "height": 720, "duration": 12},
    "voice": {"duration": 7},
}


def _text_key(method: str) -> str | None:
    """Which parameter carries the visible text of a send or edit call."""
    if method in ("sendMessage", "editMessageText"):
        return "text"
    return None if method == "editMessageReplyMarkup" else "caption"


def _apply(stored: BotMessage, call: RecordedCall, markup: dict[str, Any] | None) -> None:
    """Update a stored message with the text and markup of a send or edit call."""
    key = _text_key(call.method)
    if key is not None:
        stored.raw_text = call.params.get(key)
        parse_mode = call.params.get("parse_mode")
        stored.text = visible_text(stored.raw_text or "", parse_mode)
        if stored.raw_text is None:
            stored.payload.pop(key, None)
        else:
            stored.payload[key] = stored.text
        mentions = mention_entities(stored.raw_text or "", parse_mode)
        entities_key = "entities" if key == "text" else "caption_entities"
        if mentions:
            stored.payload[entities_key] = mentions
        else:
            stored.payload.pop(entities_key, None)
    stored.reply_markup = markup
    # Telegram only echoes inline keyboards in the returned Message.
    if markup and "inline_keyboard" in markup:
        stored.payload["reply_markup"] = markup
    else:
        stored.payload.pop("reply_markup", None)
