"""The console's Bot API: the bot's calls answered here as Telegram would answer them, and
what the user would see shown on the console's screen."""

from __future__ import annotations

import json
import time
from typing import Any

from telegram.request import BaseRequest, RequestData

from bot.console.screen import Screen, Shown, plain_text

BOT_USER: dict[str, Any] = {
    "id": 100_000_000,
    "is_bot": True,
    "first_name": "LoKisi",
    "username": "lokisi_console_bot",
    "can_join_groups": True,
    "can_read_all_group_messages": False,
    "supports_inline_queries": True,
}
NOT_MODIFIED = "Bad Request: message is not modified"
EDITS = frozenset({"editMessageText", "editMessageCaption", "editMessageReplyMarkup"})
SENDS = frozenset({"sendMessage", "sendContact", "sendLocation", "sendVenue", "sendDocument"})
# Files sent again by their file id: the console shows what they are.
MEDIA = {"sendPhoto": "photo", "sendVideo": "video", "sendVoice": "voice"}


def _markup(raw: object) -> dict[str, Any] | None:
    if isinstance(raw, str):
        raw = json.loads(raw)
    return raw if isinstance(raw, dict) else None


class ConsoleTransport(BaseRequest):
    """Answers the bot's Bot API calls as Telegram would, and shows what the user would see."""

    def __init__(self, screen: Screen) -> None:
        self.screen = screen

    @property
    def read_timeout(self) -> float | None:
        return None

    async def initialize(self) -> None:
        """Nothing to connect to."""

    async def shutdown(self) -> None:
        """Nothing to release."""

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
        """Answer with Bot API JSON."""
        api_method = url.rsplit("/", 1)[-1]
        params = dict(request_data.parameters) if request_data else {}
        files = request_data.multipart_data if request_data else {}
        try:
            result = self._answer(api_method, params, files)
        except _Refused as refused:
            body = {"ok": False, "error_code": 400, "description": str(refused)}
            return 400, json.dumps(body).encode()
        return 200, json.dumps({"ok": True, "result": result}).encode()

    def _answer(self, method: str, params: dict[str, Any], files: dict[str, Any]) -> Any:
        if method == "getMe":
            return BOT_USER
        if method == "answerCallbackQuery":
            if params.get("text"):
                mark = "alert" if params.get("show_alert") else "notice"
                self.screen.note(f"{mark}: {params['text']}")
            return True
        if method in EDITS:
            return self._edit(method, params)
        if method in SENDS or method in MEDIA:
            return self._send(method, params, files)
        if method == "sendMediaGroup":
            media = params["media"]
            items = json.loads(media) if isinstance(media, str) else media
            # One message per item, as Telegram sends an album: each named by its file id.
            return [
                self._send(
                    f"send{item['type'].title()}",
                    {"chat_id": params["chat_id"], item["type"]: item["media"], **item},
                    {},
                )
                for item in items
            ]
        if method == "deleteMessage":
            chat = self.screen.messages.get(int(params["chat_id"]), {})
            chat.pop(int(params["message_id"]), None)
            return True
        if method == "answerInlineQuery":
            self._show_inline_results(params)
        if method == "getChatMember":
            user = {"id": int(params["user_id"]), "is_bot": False, "first_name": "?"}
            return {"status": "member", "user": user}
        return True

    def _show_inline_results(self, params: dict[str, Any]) -> None:
        results = params.get("results")
        results = json.loads(results) if isinstance(results, str) else results or []
        if not results:
            self.screen.note("inline: no result")
        for result in results:
            title, described = result.get("title", ""), result.get("description", "")
            self.screen.note(f"inline: {title}" + (f" — {described}" if described else ""))

    def _chat(self, chat_id: object) -> dict[str, Any]:
        number = int(str(chat_id))
        return self.screen.chats.get(number) or {"id": number, "type": "private"}

    def _send(self, method: str, params: dict[str, Any], files: dict[str, Any]) -> dict[str, Any]:
        chat = self._chat(params["chat_id"])
        payload: dict[str, Any] = {
            "message_id": self.screen.next_message_id(),
            "date": int(time.time()),
            "chat": chat,
            "from": BOT_USER,
        }
        topic = params.get("message_thread_id")
        if topic is not None:
            payload |= {"message_thread_id": int(topic), "is_topic_message": True}
        if method == "sendMessage":
            payload["text"] = plain_text(params["text"], params.get("parse_mode"))
        elif method == "sendContact":
            name = " ".join(filter(None, (params.get("first_name"), params.get("last_name"))))
            payload["contact"] = {"phone_number": params["phone_number"], "first_name": name}
            payload["text"] = f"📇 {name}: {params['phone_number']}"
        elif method in MEDIA:
            kind = MEDIA[method]
            file = {"file_id": params[kind], "file_unique_id": params[kind]}
            payload[kind] = [file | {"width": 1, "height": 1}] if kind == "photo" else file
            payload["text"] = f"📎 {kind} {params[kind]}"
        elif method in ("sendLocation", "sendVenue"):
            where = f"{params['latitude']},{params['longitude']}"
            payload["location"] = {"latitude": params["latitude"], "longitude": params["longitude"]}
            payload["text"] = f"📍 {params.get('title', '')} https://maps.google.com/?q={where}"
        else:
            payload["text"] = self._save_document(params, files)
        if params.get("caption"):
            payload["text"] += "\n" + plain_text(params["caption"], params.get("parse_mode"))
        markup = _markup(params.get("reply_markup"))
        if markup and "inline_keyboard" in markup:
            payload["reply_markup"] = markup
        shown = Shown(payload, (params.get("text"), markup))
        self.screen.messages.setdefault(chat["id"], {})[payload["message_id"]] = shown
        self.screen.show(chat["id"], shown)
        self.screen.keep_keyboard(chat["id"], markup)
        if markup and "force_reply" in markup:
            self.screen.questions[(chat["id"], payload.get("message_thread_id"))] = payload
        return payload

    def _save_document(self, params: dict[str, Any], files: dict[str, Any]) -> str:
        part = files.get("document")
        if part is None:
            return f"📎 {params.get('document')}"
        filename, content, _ = part
        target = self.screen.unused_path(filename)
        target.write_bytes(content if isinstance(content, bytes) else content.read())
        return f"📎 {target}"

    def _edit(self, method: str, params: dict[str, Any]) -> Any:
        if "inline_message_id" in params:
            return True
        chat = self._chat(params["chat_id"])
        message_id = int(params["message_id"])
        known = self.screen.messages.setdefault(chat["id"], {})
        # A message from an earlier console session (a form resumed after a restart) is
        # shown again rather than refused: Telegram would still have it.
        shown = known.get(message_id) or Shown(
            {"message_id": message_id, "date": int(time.time()), "chat": chat, "from": BOT_USER}
        )
        markup = _markup(params.get("reply_markup"))
        text = params.get("text", shown.raw[0]) if method == "editMessageText" else shown.raw[0]
        if (text, markup) == shown.raw:
            raise _Refused(NOT_MODIFIED)
        shown.raw = (text, markup)
        if method == "editMessageText":
            shown.payload["text"] = plain_text(params["text"], params.get("parse_mode"))
        shown.payload.pop("reply_markup", None)
        if markup and "inline_keyboard" in markup:
            shown.payload["reply_markup"] = markup
        known[message_id] = shown
        self.screen.show(chat["id"], shown, edited=True)
        return shown.payload


class _Refused(Exception):
    """A call Telegram would refuse (HTTP 400)."""
