"""The console's terminal: bot messages as text (with the group and topic they went to), their
inline buttons numbered, the keyboard under the typing field, and which button each number
presses. The latest buttons are shown again whenever something else came after them, so the
numbers on screen are always the ones that work."""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any


class _PlainText(HTMLParser):
    """Telegram HTML as a terminal shows it: tags dropped, a link's address after it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._links: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self._links.append(dict(attrs).get("href"))

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._links:
            href = self._links.pop()
            if href:
                self.parts.append(f" <{href}>")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def plain_text(text: str, parse_mode: object) -> str:
    if parse_mode != "HTML":
        return text
    parser = _PlainText()
    parser.feed(text)
    parser.close()
    return "".join(parser.parts)


@dataclass
class Shown:
    """A bot message as the console remembers it (its JSON is what Telegram would return)."""

    payload: dict[str, Any]
    # What the bot sent (text, markup), to refuse an identical edit as Telegram does.
    raw: tuple[object, object] = (None, None)


# How the console plays a reply keyboard button that asks Telegram for something.
_REQUESTS = {
    "request_location": "/location LAT LON",
    "request_users": "/pick USER_ID First Last",
    "request_chat": "/pickgroup",
}


@dataclass
class Screen:
    """The terminal side: what the bot shows, and which button each number presses."""

    write: Callable[[str], None]
    files: Path
    messages: dict[int, dict[int, Shown]] = field(default_factory=dict)
    chats: dict[int, dict[str, Any]] = field(default_factory=dict)
    numbered: list[tuple[int, int, dict[str, Any]]] = field(default_factory=list)
    # The keyboard under the typing field, per chat (Telegram keeps one per chat).
    reply_keyboards: dict[int, list[list[dict[str, Any]]]] = field(default_factory=dict)
    # The latest ForceReply question per chat and topic: in a group, what is typed answers it,
    # as Telegram's reply field does on a phone.
    questions: dict[tuple[int, int | None], dict[str, Any]] = field(default_factory=dict)
    # Whether the latest lines written are the numbered buttons, and their rows.
    _buttons_last: bool = False
    _rows: list[list[dict[str, Any]]] = field(default_factory=list)
    # Ids go on from one session to the next, as Telegram's do: a form resumed after a
    # restart refers to its message by id, and no new message may take that id.
    _ids: itertools.count[int] = field(
        default_factory=lambda: itertools.count(int(time.time() * 1000))
    )

    def next_message_id(self) -> int:
        return next(self._ids)

    def show(self, chat_id: int, shown: Shown, edited: bool = False) -> None:
        text = shown.payload.get("text") or shown.payload.get("caption") or ""
        heading = " ".join(
            part
            for part in ("bot", self._where(shown.payload), "(edited)" if edited else "")
            if part
        )
        self._say(f"\n── {heading} ──\n{text}".rstrip())
        rows = (shown.payload.get("reply_markup") or {}).get("inline_keyboard") or []
        if not rows:
            return
        self.numbered = [
            (chat_id, shown.payload["message_id"], button) for row in rows for button in row
        ]
        self._rows = rows
        self._show_buttons(rows)

    def keep_keyboard(self, chat_id: int, markup: dict[str, Any] | None) -> None:
        """Remember (and show) the keyboard a message set under the typing field."""
        if markup is None:
            return
        if "remove_keyboard" in markup:
            self.reply_keyboards.pop(chat_id, None)
        elif "keyboard" in markup:
            self.reply_keyboards[chat_id] = markup["keyboard"]
            labels = [self._keyboard_label(b) for row in markup["keyboard"] for b in row]
            self._say("  ⌨️  " + "   ".join(labels))

    def remind(self) -> None:
        """Show the latest buttons again if something else came after them."""
        if self._buttons_last or not self.numbered:
            return
        self.write("  (buttons)")
        self._show_buttons(self._rows)

    def note(self, text: str) -> None:
        self._say(f"   ({text})")

    def unused_path(self, filename: str) -> Path:
        """Where to save a file sent by the bot, never over an earlier one."""
        self.files.mkdir(parents=True, exist_ok=True)
        wanted = self.files / Path(filename).name
        stem, suffix, copy = wanted.stem, wanted.suffix, 1
        while wanted.exists():
            copy += 1
            wanted = self.files / f"{stem} ({copy}){suffix}"
        return wanted

    def _show_buttons(self, rows: list[list[dict[str, Any]]]) -> None:
        number = 0
        for row in rows:
            labels = []
            for button in row:
                number += 1
                labels.append(f"[{number}] {button['text']}")
            self.write("  " + "   ".join(labels))
        self._buttons_last = True

    def _say(self, text: str) -> None:
        self.write(text)
        self._buttons_last = False

    def _where(self, message: dict[str, Any]) -> str:
        chat = message.get("chat") or {}
        if chat.get("type") == "private":
            return ""
        topic = message.get("message_thread_id")
        where = chat.get("title") or str(chat.get("id"))
        return f"in {where}" + (f", topic {topic}" if topic is not None else "")

    @staticmethod
    def _keyboard_label(button: dict[str, Any]) -> str:
        asked = next((how for key, how in _REQUESTS.items() if button.get(key)), None)
        return f"[{button['text']}: {asked}]" if asked else f"[{button['text']}: type it]"
