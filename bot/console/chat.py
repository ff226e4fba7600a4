"""One demo member talking to the bot, in their private chat or in the demo team's group (a
forum, so topics can be tried): each typed line becomes the update Telegram would send (a
message, a button pressed, a contact, a location, a person or a group picked, an inline
query)."""

from __future__ import annotations

import itertools
import time
from typing import Any

from telegram import Update

from bot.app import BotApplication
from bot.console.screen import Screen
from bot.demo import ACCOUNT_NAME, demo_member
from lokisi.enums import Role
from lokisi.schemas import MemberView
from lokisi.services import Services

HELP = """Console commands:
  some text            send it to the bot (a search, or a form field's value; in the group,
                       the answer to the bot's latest question to you)
  N  or  /press N      press button N of the latest keyboard
  /say TEXT            send TEXT even if it is a number or a console command
  /contact +33612345678 First Last    share a contact
  /location 45.76 4.83 share a location ("📍 Autour de moi")
  /photo [CAPTION]     send a photo (with a card open, the bot offers to attach it)
  /pick 4004 First Last               pick a person with the keyboard's "👤 Choisir la personne"
  /pickgroup           pick the demo group with the keyboard's "👥 Choisir le groupe"
  /inline TEXT         type "@bot TEXT" in a chat: the cards it would offer
  /group, /topic N, /private          talk in the demo group, in its topic N, or in private
  /as manager | /as technicien        talk as the other demo member
  /help                this help (the bot's own help is /aide)
  /quit                leave (Ctrl+D or Ctrl+C work too); forms in progress are kept
Bot commands (/start, /menu, /aide, /cancel, /lier...) go to the bot."""

# The demo team's group: a forum, so that its topics can be tried.
GROUP: dict[str, Any] = {
    "id": -1_000_000_000_001,
    "type": "supergroup",
    "title": f"Équipe {ACCOUNT_NAME}",
    "is_forum": True,
}
_COMMAND_USAGE = {
    "/location": "usage: /location 45.76 4.83",
    "/contact": "usage: /contact +33612345678 First Last",
    "/as": "usage: /as manager  or  /as technicien",
    "/topic": "usage: /topic 3 (a topic's number in the demo group)",
    "/pick": "usage: /pick 4004 First Last (after the bot shows its person picker)",
    "/pickgroup": "the bot shows no group picker: ⚙️ Réglages → « 👥 Lier un groupe » first",
}


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
    """One demo member talking to the bot, one typed line at a time."""

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
        self.topic: int | None = None
        self.screen.chats[GROUP["id"]] = GROUP
        self.become(member)

    def become(self, member: MemberView) -> None:
        self.member = member
        self.user = _user_json(member, self.language)
        self.private: dict[str, Any] = {"id": member.telegram_user_id, "type": "private"} | {
            key: self.user[key] for key in ("first_name", "last_name") if key in self.user
        }
        self.chat: dict[str, Any] = self.private
        self.topic = None
        self.screen.chats[member.telegram_user_id] = self.private

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
            await self._text(rest)
        elif command == "/press" or line.isdigit():
            await self._press(rest if command == "/press" else line, literal=line)
        elif command in ("/group", "/topic", "/private"):
            self._go(command, rest)
        elif command in _HANDLERS:
            await _HANDLERS[command](self, rest)
        else:
            await self._text(line)
        self.screen.remind()
        return True

    def _go(self, command: str, rest: str) -> None:
        if command == "/private":
            self.chat, self.topic = self.private, None
            self.screen.note("in your private chat with the bot")
            return
        if command == "/topic" and not rest.strip().isdigit():
            self.screen.note(_COMMAND_USAGE["/topic"])
            return
        self.chat = GROUP
        self.topic = int(rest) if command == "/topic" else None
        where = f"topic {self.topic}" if self.topic is not None else "its General topic"
        self.screen.note(
            f"in the group « {GROUP['title']} », {where}: the bot sees commands and the "
            "answers to its questions (a manager links the group with /lier)"
        )

    async def _press(self, number: str, literal: str) -> None:
        index = int(number) if number.strip().isdigit() else 0
        if not 1 <= index <= len(self.screen.numbered):
            if literal.isdigit():
                # Not a button number: a number typed as a value (a postal code...).
                await self._text(literal)
            else:
                self.screen.note(f"no button {number.strip() or '?'}: see the numbers in [ ]")
            return
        chat_id, message_id, button = self.screen.numbered[index - 1]
        if "callback_data" not in button:
            target = button.get("url") or button.get("copy_text", {}).get("text")
            self.screen.note(f"{button['text']}: {target or 'Telegram only'}")
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

    async def _text(self, text: str) -> None:
        """Typed text; in the group, not a command, it answers the bot's latest question to
        this member here, as Telegram's reply field does (privacy mode shows the bot nothing
        else)."""
        question = self.screen.questions.get((self.chat["id"], self.topic))
        if self.chat is GROUP and question is not None and not text.startswith("/"):
            await self._message(text=text, reply_to_message=question)
            return
        await self._message(text=text)

    async def _contact(self, rest: str) -> None:
        phone, _, name = rest.strip().partition(" ")
        if not phone:
            self.screen.note(_COMMAND_USAGE["/contact"])
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
            self.screen.note(_COMMAND_USAGE["/location"])
            return
        await self._message(location={"latitude": latitude, "longitude": longitude})

    async def _pick(self, rest: str) -> None:
        user_id, _, name = rest.strip().partition(" ")
        request_id = self._request_id("request_users")
        if not user_id.isdigit() or request_id is None:
            self.screen.note(_COMMAND_USAGE["/pick"])
            return
        first, _, last = name.strip().partition(" ")
        picked = {"user_id": int(user_id)} | ({"first_name": first} if first else {})
        picked |= {"last_name": last} if last else {}
        await self._message(users_shared={"request_id": request_id, "users": [picked]})

    async def _pick_group(self, rest: str) -> None:
        request_id = self._request_id("request_chat")
        if request_id is None:
            self.screen.note(_COMMAND_USAGE["/pickgroup"])
            return
        shared = {"request_id": request_id, "chat_id": GROUP["id"], "title": GROUP["title"]}
        await self._message(chat_shared=shared)

    def _request_id(self, kind: str) -> int | None:
        """The request id of the picker the bot shows under the private chat's typing field."""
        rows = self.screen.reply_keyboards.get(self.private["id"], [])
        asked = next((b[kind] for row in rows for b in row if kind in b), None)
        return int(asked["request_id"]) if asked else None

    async def _inline(self, rest: str) -> None:
        query = {
            "id": f"console-inline-{next(self._queries)}",
            "from": self.user,
            "query": rest,
            "offset": "",
        }
        await self._process(inline_query=query)

    async def _photo(self, caption: str) -> None:
        # A file id of the console's own: there is no Telegram behind it to send it back.
        number = self.screen.next_message_id()
        size = {"file_id": f"console-photo-{number}", "file_unique_id": f"console-{number}"}
        await self._message(photo=[size | {"width": 1280, "height": 960}], caption=caption or None)

    async def _switch(self, rest: str) -> None:
        try:
            role = Role(rest.strip().lower())
        except ValueError:
            self.screen.note(_COMMAND_USAGE["/as"])
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
        if self.topic is not None:
            message |= {"message_thread_id": self.topic, "is_topic_message": True}
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


_HANDLERS = {
    "/contact": Console._contact,
    "/photo": Console._photo,
    "/location": Console._location,
    "/as": Console._switch,
    "/pick": Console._pick,
    "/pickgroup": Console._pick_group,
    "/inline": Console._inline,
}
