"""An in-process Telegram for benchmarks: answers Bot API calls as Telegram would, cheaply.

Unlike the tests' recording transport, nothing is checked against the Bot API schema and
nothing is recorded beyond the few latest messages of each chat (what a simulated user needs
to press the buttons the bot really sent). The bot, the floor and the references pay exactly
the same price.
"""

from __future__ import annotations

import json
import time
from collections import defaultdict
from typing import Any

from telegram.request import BaseRequest, RequestData

BOT_USER: dict[str, Any] = {
    "id": 999,
    "is_bot": True,
    "first_name": "LoKisi Bench",
    "username": "lokisi_bench_bot",
    "can_join_groups": True,
    "can_read_all_group_messages": False,
    "supports_inline_queries": True,
}
MESSAGE_METHODS = frozenset(
    {
        "sendMessage",
        "sendContact",
        "sendLocation",
        "sendVenue",
        "sendDocument",
        "editMessageText",
        "editMessageReplyMarkup",
    }
)
KEPT_MESSAGES = 4
OK_TRUE = b'{"ok":true,"result":true}'


class BenchTransport(BaseRequest):
    """Answers like Telegram; keeps each chat's latest bot messages and callback answers."""

    def __init__(self) -> None:
        self.calls = 0
        self.messages: dict[int, dict[int, dict[str, Any]]] = defaultdict(dict)
        self.callback_answers: dict[str, str] = {}
        self._last_ids: dict[int, int] = defaultdict(int)

    @property
    def read_timeout(self) -> float | None:
        return 5.0

    async def initialize(self) -> None:
        """Nothing to connect to."""

    async def shutdown(self) -> None:
        """Nothing to release."""

    def next_message_id(self, chat_id: int) -> int:
        """Users' and the bot's messages share one sequence per chat, as in Telegram."""
        self._last_ids[chat_id] += 1
        return self._last_ids[chat_id]

    def latest(self, chat_id: int) -> dict[str, Any] | None:
        """The bot's newest message in a chat (as Telegram last described it)."""
        chat = self.messages.get(chat_id)
        return chat[max(chat)] if chat else None

    def forget_answers(self) -> None:
        self.callback_answers.clear()

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
        self.calls += 1
        api_method = url.rsplit("/", 1)[-1]
        params = request_data.parameters if request_data else {}
        if api_method in MESSAGE_METHODS:
            return 200, json.dumps(
                {"ok": True, "result": self._message(api_method, params)}
            ).encode()
        if api_method == "answerCallbackQuery":
            self.callback_answers[str(params["callback_query_id"])] = str(params.get("text", ""))
        elif api_method == "getMe":
            return 200, json.dumps({"ok": True, "result": BOT_USER}).encode()
        return 200, OK_TRUE

    def _message(self, method: str, params: dict[str, Any]) -> dict[str, Any] | bool:
        if "inline_message_id" in params:
            return True
        chat_id = int(str(params["chat_id"]))
        chat = self.messages[chat_id]
        if method.startswith("edit"):
            message = chat.get(int(str(params["message_id"])))
            if message is None:
                message = {"message_id": int(str(params["message_id"]))}
            message["edit_date"] = int(time.time())
        else:
            message = {"message_id": self.next_message_id(chat_id)}
        message.update(
            date=int(time.time()),
            chat={"id": chat_id, "type": "private" if chat_id > 0 else "group"},
            **{"from": BOT_USER},
        )
        if "text" in params:
            message["text"] = params["text"]
        markup = params.get("reply_markup")
        if isinstance(markup, dict) and "inline_keyboard" in markup:
            message["reply_markup"] = markup
        else:
            message.pop("reply_markup", None)
        if method == "sendContact":
            message["contact"] = {
                "phone_number": params["phone_number"],
                "first_name": params["first_name"],
            }
        chat[message["message_id"]] = message
        while len(chat) > KEPT_MESSAGES:
            del chat[min(chat)]
        return message
