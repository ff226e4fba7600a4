"""The local console: the real application, with the same handlers, in a terminal.

The bot's Bot API calls are answered here instead of by Telegram and shown as text, inline
buttons numbered; what the person types becomes the updates Telegram would send. For trying
the product without Telegram, and for demos.
"""

from __future__ import annotations

import itertools
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from telegram import Update
from telegram.request import BaseRequest, RequestData

from bot.app import BotApplication, build_application
from bot.demo import demo_member
from bot.languages import DEFAULT_LANGUAGE
from bot.settings import Settings
from lokisi import migrate
from lokisi.db import create_engine, session_factory
from lokisi.enums import Role
from lokisi.schemas import MemberView
from lokisi.services import Services

DEMO_DATABASE = Path("var") / "demo.sqlite3"
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

HELP = """Console commands:
  some text            send it to the bot (a search, or a form field's value)
  N  or  /press N      press button N of the latest keyboard
  /say TEXT            send TEXT even if it is a number or a console command
  /contact +33612345678 First Last    share a contact
  /location 45.76 4.83 share a location
  /as manager | /as technicien        talk as the other demo member
  /help                this help
  /quit                leave (Ctrl+D works too); forms in progress are kept
Bot commands (/start, /menu, /cancel...) go to the bot."""


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


def _markup(raw: object) -> dict[str, Any] | None:
    if isinstance(raw, str):
        raw = json.loads(raw)
    return raw if isinstance(raw, dict) else None


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
        if method in SENDS:
            return self._send(method, params, files)
        if method == "deleteMessage":
            chat = self.screen.messages.get(int(params["chat_id"]), {})
            chat.pop(int(params["message_id"]), None)
            return True
        if method == "answerInlineQuery":
            self.screen.note("inline results are only shown in Telegram")
        return True

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
        if method == "sendMessage":
            payload["text"] = plain_text(params["text"], params.get("parse_mode"))
        elif method == "sendContact":
            name = " ".join(filter(None, (params.get("first_name"), params.get("last_name"))))
            payload["contact"] = {"phone_number": params["phone_number"], "first_name": name}
            payload["text"] = f"📇 {name}: {params['phone_number']}"
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
        return payload

    def _save_document(self, params: dict[str, Any], files: dict[str, Any]) -> str:
        part = files.get("document")
        if part is None:
            return f"📎 {params.get('document')}"
        filename, content, _ = part
        self.screen.files.mkdir(parents=True, exist_ok=True)
        target = self.screen.files / Path(filename).name
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


def _user_json(member: MemberView, language: str) -> dict[str, Any]:
    first, _, last = member.name.partition(" ")
    user: dict[str, Any] = {
        "id": member.telegram_user_id,
        "is_bot": False,
        "first_name": first,
        "language_code": language,
    }
    return user | ({"last_name": last} if last else {})


class Console:
    """One demo member talking to the bot in a private chat, one typed line at a time."""

    def __init__(
        self,
        application: BotApplication,
        screen: Screen,
        services: Services,
        member: MemberView,
        language: str,
    ) -> None:
        self.application = application
        self.screen = screen
        self.services = services
        self.language = language
        self._updates = itertools.count(1)
        self._queries = itertools.count(1)
        self.become(member)

    def become(self, member: MemberView) -> None:
        self.member = member
        self.user = _user_json(member, self.language)
        self.chat: dict[str, Any] = {"id": member.telegram_user_id, "type": "private"} | {
            key: self.user[key] for key in ("first_name", "last_name") if key in self.user
        }
        self.screen.chats[member.telegram_user_id] = self.chat

    def banner(self) -> str:
        role = "manager" if self.member.is_manager else "technicien"
        return (
            f"You are {self.member.name} ({role}) in a private chat with the bot. "
            "Type /start to begin, /help for the console's commands."
        )

    async def handle(self, line: str) -> bool:
        """Act on one typed line; False when the person wants to leave."""
        line = line.strip()
        command, _, rest = line.partition(" ")
        if not line:
            return True
        if command in ("/quit", "/exit"):
            return False
        if command == "/help":
            self.screen.write(HELP)
        elif command == "/say":
            await self._message(text=rest)
        elif command == "/press" or line.isdigit():
            await self._press(rest if command == "/press" else line, literal=line)
        elif command == "/contact":
            await self._contact(rest)
        elif command == "/location":
            await self._location(rest)
        elif command == "/as":
            await self._switch(rest)
        else:
            await self._message(text=line)
        return True

    async def _press(self, number: str, literal: str) -> None:
        index = int(number) if number.strip().isdigit() else 0
        if not 1 <= index <= len(self.screen.numbered):
            if literal.isdigit():
                # Not a button number: a number typed as a value (a postal code...).
                await self._message(text=literal)
            else:
                self.screen.note(f"no button {number.strip() or '?'}: see the numbers in [ ]")
            return
        chat_id, message_id, button = self.screen.numbered[index - 1]
        if "callback_data" not in button:
            target = button.get("url") or "Telegram only"
            self.screen.note(f"{button['text']}: {target}")
            return
        shown = self.screen.messages.get(chat_id, {}).get(message_id)
        if shown is None:
            self.screen.note("that message is gone")
            return
        query = {
            "id": f"console-{next(self._queries)}",
            "from": self.user,
            "message": shown.payload,
            "chat_instance": f"console-{chat_id}",
            "data": button["callback_data"],
        }
        await self._process(callback_query=query)

    async def _contact(self, rest: str) -> None:
        phone, _, name = rest.strip().partition(" ")
        if not phone:
            self.screen.note("usage: /contact +33612345678 First Last")
            return
        first, _, last = (name.strip() or phone).partition(" ")
        contact = {"phone_number": phone, "first_name": first} | (
            {"last_name": last} if last else {}
        )
        await self._message(contact=contact)

    async def _location(self, rest: str) -> None:
        try:
            latitude, longitude = (float(v) for v in rest.replace(",", " ").split())
        except ValueError:
            self.screen.note("usage: /location 45.76 4.83")
            return
        await self._message(location={"latitude": latitude, "longitude": longitude})

    async def _switch(self, rest: str) -> None:
        try:
            role = Role(rest.strip().lower())
        except ValueError:
            self.screen.note("usage: /as manager  or  /as technicien")
            return
        self.become(await demo_member(self.services, role))
        self.screen.note(self.banner())

    async def _message(self, **content: Any) -> None:
        message = {
            "message_id": self.screen.next_message_id(),
            "date": int(time.time()),
            "chat": self.chat,
            "from": self.user,
        } | content
        text = content.get("text") or ""
        if text.startswith("/") and len(text) > 1:
            command = text.split(maxsplit=1)[0]
            message["entities"] = [
                {
                    "type": "bot_command",
                    "offset": 0,
                    "length": len(command.encode("utf-16-le")) // 2,
                }
            ]
        await self._process(message=message)

    async def _process(self, **payload: Any) -> None:
        update = Update.de_json({"update_id": next(self._updates), **payload}, self.application.bot)
        await self.application.process_update(update)


@dataclass(frozen=True)
class ConsoleOptions:
    database_url: str
    role: Role = Role.MANAGER
    language: str = DEFAULT_LANGUAGE
    files: Path = Path("var") / "console-files"


def console_settings(settings: Settings, options: ConsoleOptions) -> Settings:
    """The deployment's settings over the console's own database, with no Telegram in sight."""
    return settings.model_copy(
        update={
            "database_url": options.database_url,
            "rate_limit": False,
            "telegram_bot_token": None,
        }
    )


async def open_console(
    settings: Settings, options: ConsoleOptions, write: Callable[[str], None]
) -> tuple[Console, Callable[[], Any]]:
    """A ready console over a migrated, seeded database, and the coroutine function that
    closes it (persistence written, engine released)."""
    settings = console_settings(settings, options)
    engine = create_engine(settings.database_url)
    await migrate.upgrade(engine)
    services = Services.over(session_factory(engine))
    member = await demo_member(services, options.role)
    screen = Screen(write=write, files=options.files)
    application = build_application(
        settings, services, request=ConsoleTransport(screen), with_updater=False
    )
    await application.initialize()

    async def close() -> None:
        await application.shutdown()
        await engine.dispose()

    return Console(application, screen, services, member, options.language), close


async def run_console(
    settings: Settings,
    options: ConsoleOptions,
    read: Callable[[str], str] = input,
    write: Callable[[str], None] = print,
) -> None:
    """Talk to the bot until /quit, Ctrl+D or Ctrl+C."""
    console, close = await open_console(settings, options, write)
    try:
        write(console.banner())
        while True:
            try:
                # Blocking on purpose: nothing else runs meanwhile, and Ctrl+C then stops
                # the console at once (a reading thread would outlive it).
                line = read("> ")
            except EOFError:
                break
            if not await console.handle(line):
                break
    finally:
        await close()
