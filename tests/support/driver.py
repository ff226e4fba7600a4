"""A user-level driver: one person talking to a PTB Application, entirely offline."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any
from weakref import WeakKeyDictionary

from telegram import Update
from telegram.ext import Application, CallbackContext

from bot.confirmation import token_for
from bot.payloads import Card
from tests.support import builders
from tests.support.bot_api import parse_markup
from tests.support.recording_request import BOT_USER, BotMessage, RecordedCall, RecordingRequest

AnyApplication = Application[Any, Any, Any, Any, Any, Any]

_handler_errors: WeakKeyDictionary[AnyApplication, list[BaseException]] = WeakKeyDictionary()


@asynccontextmanager
async def running_application(app: AnyApplication) -> AsyncIterator[AnyApplication]:
    """Initialize the application for process_update (no polling, no webhook), then shut down."""
    await app.initialize()
    try:
        yield app
    finally:
        await app.shutdown()


def _error_log(app: AnyApplication) -> list[BaseException]:
    """Exceptions raised by the application's handlers, collected by one shared error handler."""
    if app not in _handler_errors:
        errors: list[BaseException] = []

        async def record(update: object, context: CallbackContext[Any, Any, Any, Any]) -> None:
            if context.error is not None:
                errors.append(context.error)

        app.add_error_handler(record)
        _handler_errors[app] = errors
    return _handler_errors[app]


def _inline_rows(message: BotMessage) -> list[list[dict[str, Any]]]:
    return (message.reply_markup or {}).get("inline_keyboard") or []


class TelegramUser:
    """One person talking to the application in one chat (private by default)."""

    def __init__(
        self,
        app: AnyApplication,
        request: RecordingRequest,
        user_id: int,
        first_name: str = "Jean",
        language_code: str | None = "fr",
        chat_id: int | None = None,
        chat_type: str = "private",
        *,
        last_name: str | None = None,
        username: str | None = None,
        raise_errors: bool = True,
        tolerate: tuple[type[BaseException], ...] = (),
        forum: bool = False,
        topic: int | None = None,
    ) -> None:
        self.app = app
        # Errors the application handles by design, not raised into the test (see process).
        self.tolerate = tolerate
        self.request = request
        self.user = builders.user_dict(user_id, first_name, language_code, last_name, username)
        if chat_type == "private":
            self.chat = builders.private_chat(self.user)
        elif chat_id is None:
            raise ValueError("group users need the chat_id of their group")
        else:
            self.chat = builders.group_chat(chat_id, chat_type=chat_type, forum=forum)
        self.chat_id: int = self.chat["id"]
        # The forum topic this person writes in (None: a chat without topics, or General).
        self.topic = topic
        request.register_chat(self.chat)
        self.last_calls: list[RecordedCall] = []
        self.last_update: Update | None = None
        # Unhandled handler exceptions are bugs; surface them in the test that caused them.
        self._errors = _error_log(app) if raise_errors else None

    def in_topic(self, topic: int | None) -> TelegramUser:
        """The same person, writing in another topic of the same forum."""
        other = object.__new__(TelegramUser)
        other.__dict__.update(self.__dict__, topic=topic, last_calls=[])
        return other

    async def process(self, update: Update) -> list[RecordedCall]:
        """Feed one update to the application and return the Bot API calls it made."""
        first_call = len(self.request.calls)
        first_error = len(self._errors) if self._errors is not None else 0
        self.last_update = update
        await self.app.process_update(update)
        self.last_calls = self.request.calls[first_call:]
        if self._errors is not None:
            for error in self._errors[first_error:]:
                if not isinstance(error, self.tolerate):
                    raise error
        return self.last_calls

    async def deliver_again(self, update: Update) -> list[RecordedCall]:
        """The same update (same id) once more, as Telegram or the inbox delivers it after a
        crash; possibly to another application, as after a restart."""
        again = Update.de_json(update.to_dict(), self.app.bot)
        assert again is not None
        return await self.process(again)

    async def send(self, text: str) -> list[RecordedCall]:
        """Send a text message; '/cmd args' gets its bot_command entity."""
        return await self._send_message(text=text)

    async def send_content(self, **content: Any) -> list[RecordedCall]:
        """Send a message of another kind: sticker={...}, photo=[...], voice={...}..."""
        message = builders.message_dict(
            self.request.next_message_id(self.chat_id),
            self.user,
            self.chat,
            topic=self.topic,
            **content,
        )
        return await self.process(builders.update(self.app.bot, message=message))

    async def share_users(self, request_id: int, *shared: dict[str, Any]) -> list[RecordedCall]:
        """Pick people with the `request_users` button of this request id (what Telegram
        then sends is a users_shared service message)."""
        return await self.send_content(
            users_shared={"request_id": request_id, "users": list(shared)}
        )

    async def share_chat(
        self, request_id: int, chat_id: int, title: str | None = None
    ) -> list[RecordedCall]:
        """Pick a chat with the `request_chat` button of this request id."""
        shared = {"request_id": request_id, "chat_id": chat_id, "title": title}
        return await self.send_content(chat_shared={k: v for k, v in shared.items() if v})

    def keyboard_button(self, label: str) -> dict[str, Any]:
        """The button of the reply keyboard shown in this chat whose label contains `label`."""
        shown = self.reply_keyboard
        matches = [b for row in shown for b in row if label in b["text"]]
        if len(matches) != 1:
            raise AssertionError(f"{len(matches)} keyboard buttons {label!r} in {shown}")
        return matches[0]

    @property
    def reply_keyboard(self) -> list[list[dict[str, Any]]]:
        """The reply keyboard the bot last set in this chat (under the typing field), if any."""
        for call in reversed(self.request.calls):
            if str(call.params.get("chat_id")) != str(self.chat_id) or not call.ok:
                continue
            markup = parse_markup(call.params.get("reply_markup")) or {}
            if "remove_keyboard" in markup:
                return []
            if "keyboard" in markup:
                return [[dict(b) for b in row] for row in markup["keyboard"]]
        return []

    async def tap_keyboard(self, label: str) -> list[RecordedCall]:
        """Tap a text button of the reply keyboard: Telegram sends its label as a message."""
        button = self.keyboard_button(label)
        asked = [key for key in button if key.startswith("request_")]
        if asked:
            raise AssertionError(f"{button['text']!r} asks for {asked}: share that instead")
        return await self._send_message(text=button["text"])

    async def reply(self, text: str, to_message_id: int | None = None) -> list[RecordedCall]:
        """Reply to a bot message (default: the latest), as ForceReply asks in groups."""
        target = self.message(to_message_id) if to_message_id else self.last_message
        return await self._send_message(text=text, reply_to=target.payload)

    async def share_contact(
        self,
        phone: str,
        first_name: str,
        last_name: str | None = None,
        contact_user_id: int | None = None,
        reply_to: BotMessage | None = None,
    ) -> list[RecordedCall]:
        """Share a contact; pass contact_user_id=self.user["id"] for one's own number."""
        update = builders.contact_message(
            self.app.bot,
            self.user,
            self.chat,
            self.request.next_message_id(self.chat_id),
            phone,
            first_name,
            last_name,
            contact_user_id,
            topic=self.topic,
            reply_to_message=reply_to.payload if reply_to else None,
        )
        return await self.process(update)

    async def share_location(
        self, latitude: float, longitude: float, reply_to: BotMessage | None = None
    ) -> list[RecordedCall]:
        """Share a location (in a group, as a reply to `reply_to`)."""
        message_id = self.request.next_message_id(self.chat_id)
        update = builders.location_message(
            self.app.bot,
            self.user,
            self.chat,
            message_id,
            latitude,
            longitude,
            topic=self.topic,
            reply_to_message=reply_to.payload if reply_to else None,
        )
        return await self.process(update)

    async def send_media(
        self,
        *,
        reply_to_message_id: int | None = None,
        media_group_id: str | None = None,
        forward_origin: dict[str, Any] | None = None,
        **content: Any,
    ) -> list[RecordedCall]:
        """Send a message with any content: `photo=builders.photo_sizes(...)`, `document={...}`,
        `voice={...}`, `sticker={...}`, `caption="..."`; a reply to a bot message, one update
        of an album, or a forward."""
        message_id = self.request.next_message_id(self.chat_id)
        reply_to = self.message(reply_to_message_id).payload if reply_to_message_id else None
        update = builders.media_message(
            self.app.bot,
            self.user,
            self.chat,
            message_id,
            reply_to=reply_to,
            media_group_id=media_group_id,
            forward_origin=forward_origin,
            **content,
        )
        return await self.process(update)

    async def send_photo(
        self,
        n: int = 1,
        caption: str | None = None,
        *,
        reply_to_message_id: int | None = None,
        media_group_id: str | None = None,
    ) -> list[RecordedCall]:
        """Send photo number `n` (its file ids say which), as one photo or one of an album."""
        return await self.send_media(
            photo=builders.photo_sizes(f"photo-{n}", f"unique-photo-{n}"),
            caption=caption,
            reply_to_message_id=reply_to_message_id,
            media_group_id=media_group_id,
        )

    async def send_album(
        self, count: int, caption: str | None = None, *, reply_to_message_id: int | None = None
    ) -> list[RecordedCall]:
        """Send `count` photos together: Telegram delivers them as one update each, sharing a
        media_group_id, the caption on the first; returns every call they made."""
        group = f"album-{self.request.next_message_id(self.chat_id)}"
        calls: list[RecordedCall] = []
        for n in range(1, count + 1):
            calls += await self.send_photo(
                n,
                caption if n == 1 else None,
                reply_to_message_id=reply_to_message_id,
                media_group_id=group,
            )
        self.last_calls = calls
        return calls

    async def press(
        self, label_substring: str, message_id: int | None = None
    ) -> list[RecordedCall]:
        """Press the inline button whose label contains `label_substring` (exact label wins)."""
        message, button = self._find_button(label_substring, message_id)
        if "callback_data" not in button:
            raise AssertionError(f"button {button['text']!r} is not a callback button: {button}")
        return await self._press(message.payload, button["callback_data"])

    async def open_card(self, client_id: int) -> int:
        """Open a client's card from the menu, as its button does; returns the card's message."""
        await self.send("/start")
        await self.press_data(Card(client_id).pack(), self.last_message.message_id)
        return self.last_message.message_id

    async def press_data(self, data: str, message_id: int) -> list[RecordedCall]:
        """Send forged callback data as if pressed on `message_id`."""
        stored = self.request.messages[self.chat_id].get(message_id)
        payload = (
            stored.payload if stored else builders.message_dict(message_id, BOT_USER, self.chat)
        )
        return await self._press(payload, data)

    async def inline_query(self, query: str, offset: str = "") -> RecordedCall:
        """Type '@bot query' and return the answerInlineQuery call (which must exist)."""
        update = builders.inline_query(self.app.bot, self.user, query, offset)
        assert update.inline_query is not None
        query_id = update.inline_query.id
        calls = await self.process(update)
        for call in calls:
            if (
                call.method == "answerInlineQuery"
                and call.params.get("inline_query_id") == query_id
            ):
                return call
        raise AssertionError(f"inline query {query!r} was not answered")

    async def choose_inline_result(self, result_id: str, query: str = "") -> list[RecordedCall]:
        """Pick an inline result (needs inline feedback enabled at BotFather in production)."""
        return await self.process(
            builders.chosen_inline_result(self.app.bot, self.user, result_id, query)
        )

    def confirmation_token(self) -> str:
        """A "Oui" token the bot would give this user (bot.confirmation), to forge payloads
        that pass the token's check and reach the business's own."""
        return token_for(self.app.bot.token, self.user["id"])

    def message(self, message_id: int) -> BotMessage:
        """Current state of one bot message in this chat."""
        stored = self.request.messages[self.chat_id].get(message_id)
        if stored is None:
            raise AssertionError(f"no bot message {message_id} in chat {self.chat_id}")
        return stored

    @property
    def messages(self) -> list[BotMessage]:
        """The bot's messages in this chat (in a forum, in this person's topic), oldest first,
        after edits and deletions."""
        messages = self.request.chat_messages(self.chat_id)
        if not self.chat.get("is_forum"):
            return messages
        return [m for m in messages if m.payload.get("message_thread_id") == self.topic]

    @property
    def last_message(self) -> BotMessage:
        """The bot's latest message in this chat, after edits."""
        if not self.messages:
            raise AssertionError(f"the bot has no message in chat {self.chat_id}")
        return self.messages[-1]

    @property
    def last_text(self) -> str:
        """Visible text (or caption) of the bot's latest message in this chat."""
        return self.last_message.text

    @property
    def texts(self) -> list[str]:
        """Visible texts the bot sent or edited into this chat (in a forum, into this
        person's topic) during the last action."""
        texts = []
        for call in self.last_calls:
            result = call.result
            if (
                isinstance(result, dict)
                and result.get("chat", {}).get("id") == self.chat_id
                and (not self.chat.get("is_forum") or result.get("message_thread_id") == self.topic)
            ):
                texts.append(result.get("text") or result.get("caption") or "")
        return texts

    @property
    def callback_answers(self) -> list[str]:
        """Texts of the callback query answers (toasts/alerts) of the last action."""
        return [
            call.params.get("text", "")
            for call in self.last_calls
            if call.method == "answerCallbackQuery"
        ]

    def buttons(self, message_id: int | None = None) -> list[list[str]]:
        """Button labels of a message (default: the latest bot message with a keyboard)."""
        message = self._keyboard_message(message_id)
        return [[button["text"] for button in row] for row in message.keyboard] if message else []

    def url_buttons(self, message_id: int | None = None) -> dict[str, str]:
        """Label -> URL of the URL buttons of a message (default: latest with a keyboard)."""
        message = self._keyboard_message(message_id)
        rows = _inline_rows(message) if message else []
        return {button["text"]: button["url"] for row in rows for button in row if "url" in button}

    async def _send_message(
        self, text: str, reply_to: dict[str, Any] | None = None
    ) -> list[RecordedCall]:
        message_id = self.request.next_message_id(self.chat_id)
        update = builders.text_message(
            self.app.bot, self.user, self.chat, message_id, text, reply_to, self.topic
        )
        return await self.process(update)

    async def _press(self, message: dict[str, Any], data: str) -> list[RecordedCall]:
        update = builders.callback_query(self.app.bot, self.user, message, data)
        assert update.callback_query is not None
        query_id = update.callback_query.id
        calls = await self.process(update)
        if not any(
            call.method == "answerCallbackQuery"
            and call.params.get("callback_query_id") == query_id
            for call in calls
        ):
            raise AssertionError(f"callback query {data!r} was not answered (answerCallbackQuery)")
        return calls

    def _keyboard_message(self, message_id: int | None) -> BotMessage | None:
        if message_id is not None:
            return self.message(message_id)
        return next((m for m in reversed(self.messages) if _inline_rows(m)), None)

    def _find_button(self, label: str, message_id: int | None) -> tuple[BotMessage, dict[str, Any]]:
        candidates = [self.message(message_id)] if message_id else list(reversed(self.messages))
        for message in candidates:
            matches = [b for row in _inline_rows(message) for b in row if label in b["text"]]
            exact = [b for b in matches if b["text"] == label]
            if len(exact) == 1 or len(matches) == 1:
                return message, (exact or matches)[0]
            if matches:
                labels = [b["text"] for b in matches]
                raise AssertionError(f"{label!r} matches several buttons: {labels}")
        raise AssertionError(f"no inline button containing {label!r}; buttons: {self.buttons()}")
