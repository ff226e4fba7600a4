"""The console's terminal: bot messages as text, their inline buttons numbered, and which
button each number presses."""

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


@dataclass
class Screen:
    """The terminal side: what the bot shows, and which button each number presses."""

    write: Callable[[str], None]
    files: Path
    messages: dict[int, dict[int, Shown]] = field(default_factory=dict)
    chats: dict[int, dict[str, Any]] = field(default_factory=dict)
    numbered: list[tuple[int, int, dict[str, Any]]] = field(default_factory=list)
    # Ids go on from one session to the next, as Telegram's do: a form resumed after a
    # restart refers to its message by id, and no new message may take that id.
    _ids: itertools.count[int] = field(
        default_factory=lambda: itertools.count(int(time.time() * 1000))
    )

    def next_message_id(self) -> int:
        return next(self._ids)

    def show(self, chat_id: int, shown: Shown, edited: bool = False) -> None:
        text = shown.payload.get("text") or shown.payload.get("caption") or ""
        self.write(f"\n── bot{' (edited)' if edited else ''} ──\n{text}".rstrip())
        rows = (shown.payload.get("reply_markup") or {}).get("inline_keyboard") or []
        if not rows:
            return
        self.numbered = []
        for row in rows:
            labels = []
            for button in row:
                self.numbered.append((chat_id, shown.payload["message_id"], button))
                labels.append(f"[{len(self.numbered)}] {button['text']}")
            self.write("  " + "   ".join(labels))

    def note(self, text: str) -> None:
        self.write(f"   ({text})")
