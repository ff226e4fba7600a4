"""One demo member in a private chat with the bot: each typed line becomes the update
Telegram would send (a message, a button pressed, a contact, a location)."""

from __future__ import annotations

import itertools
import time
from typing import Any

from telegram import Update

from bot.app import BotApplication
from bot.console.screen import Screen
from bot.demo import demo_member
from lokisi.enums import Role
from lokisi.schemas import MemberView
from lokisi.services import Services

HELP = """Console commands:
  some text            send it to the bot (a search, or a form field's value)
  N  or  /press N      press button N of the latest keyboard
  /say TEXT            send TEXT even if it is a number or a console command
  /contact +33612345678 First Last    share a contact
  /location 45.76 4.83 share a location
  /photo [CAPTION]     send a photo (with a card open, the bot offers to attach it)
  /as manager | /as technicien        talk as the other demo member
  /help                this help
  /quit                leave (Ctrl+D works too); forms in progress are kept
Bot commands (/start, /menu, /cancel...) go to the bot."""


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
        elif command == "/photo":
            await self._photo(rest)
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

    async def _photo(self, caption: str) -> None:
        # A file id of the console's own: there is no Telegram behind it to send it back.
        number = self.screen.next_message_id()
        size = {"file_id": f"console-photo-{number}", "file_unique_id": f"console-{number}"}
        await self._message(photo=[size | {"width": 1280, "height": 960}], caption=caption or None)

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
