"""python-telegram-bot persistence in the project's own database (SQLite or PostgreSQL).

Users' data (forms in progress) and conversation states are stored as JSON through
lokisi's StateStore, so a bot stopped in the middle of a form resumes it where the user was.
bot_data holds the services and is never stored.

A conversation whose states follow from users' data (the client form's, from the drafts) is
given a function that derives them: at start-up its states are derived, not read, so that a
state without its draft (a crash between two writes of an older version) is repaired, not
obeyed.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from telegram import Update
from telegram.ext import BasePersistence, PersistenceInput
from telegram.ext._utils.types import ConversationDict, ConversationKey

from bot.context import BotContext
from bot.inbox import inbox_of
from lokisi.services.state import StateStore

log = logging.getLogger(__name__)

USER_DATA = "user_data"
CHAT_DATA = "chat_data"
CONVERSATION = "conversation:"

# Every user's data (by user id) → the states of one conversation.
DerivedStates = Callable[[Mapping[int, dict[Any, Any]]], ConversationDict]


class SqlPersistence(BasePersistence[dict[Any, Any], dict[Any, Any], dict[Any, Any]]):
    """Changes are gathered while PTB hands them over, then written by `write_pending` in one
    transaction: an update that moves a form on changes both the user's data and the
    conversation's state, and a restart must find both or neither."""

    def __init__(
        self,
        store: StateStore,
        *,
        update_interval: float = 60,
        derived: Mapping[str, DerivedStates] | None = None,
    ) -> None:
        super().__init__(
            store_data=PersistenceInput(bot_data=False, callback_data=False),
            update_interval=update_interval,
        )
        self._store = store
        self._derived = dict(derived or {})
        self._users: dict[int, dict[Any, Any]] = {}
        # What the database holds, as JSON text: most updates change nothing worth a write.
        self._stored: dict[tuple[str, str], str | None] = {}
        # What is to be written: JSON text to keep, or None to forget.
        self._pending: dict[tuple[str, str], str | None] = {}
        # Updates of the inbox to mark handled with it.
        self._handled: set[int] = set()
        # One write at a time: on SQLite, concurrent write transactions wait for each other in
        # sleeps of milliseconds.
        self._writing = asyncio.Lock()

    async def _load(self, store: str) -> dict[str, Any]:
        stored = await self._store.load(store)
        self._stored.update(((store, key), json.dumps(data)) for key, data in stored.items())
        return stored

    async def _save(self, store: str, key: str, data: Any) -> None:
        """Keep data that changed; stored through JSON, it is exactly what a restart gets back."""
        self._stage((store, key), json.dumps(data))

    async def _drop(self, store: str, key: str) -> None:
        self._stage((store, key), None)

    def _stage(self, item: tuple[str, str], encoded: str | None) -> None:
        if self._stored.get(item) == encoded:
            self._pending.pop(item, None)
        else:
            self._pending[item] = encoded

    async def write_pending(self, handled: Iterable[int] = ()) -> None:
        """Write what changed since the last write, and mark the updates `handled`, in one
        transaction."""
        async with self._writing:
            pending, self._pending = self._pending, {}
            marked, self._handled = self._handled | set(handled), set()
            if not pending and not marked:
                return
            try:
                await self._store.write(
                    {item: _decoded(text) for item, text in pending.items()},
                    handled=sorted(marked),
                )
            except BaseException:
                # Nothing was written: keep it all for the next write (newer changes win).
                self._pending = {**pending, **self._pending}
                self._handled |= marked
                raise
            self._stored.update(pending)

    async def get_user_data(self) -> dict[int, dict[Any, Any]]:
        self._users = {int(k): v for k, v in (await self._load(USER_DATA)).items()}
        return self._users

    async def get_chat_data(self) -> dict[int, dict[Any, Any]]:
        return {int(k): v for k, v in (await self._load(CHAT_DATA)).items()}

    async def get_bot_data(self) -> dict[Any, Any]:
        return {}

    async def get_callback_data(self) -> None:
        return None

    async def get_conversations(self, name: str) -> ConversationDict:
        loaded = await self._load(CONVERSATION + name)
        stored = {tuple(json.loads(key)): state for key, state in loaded.items()}
        derive = self._derived.get(name)
        if derive is None:
            return stored
        states = derive(self._users)
        for key in stored.keys() | states.keys():
            if stored.get(key) != states.get(key):
                log.warning(
                    "conversation %s %s repaired: %r stored, %r from the user's data",
                    name,
                    list(key),
                    stored.get(key),
                    states.get(key),
                )
                await self.update_conversation(name, key, states.get(key))
        return states

    async def update_conversation(
        self, name: str, key: ConversationKey, new_state: object | None
    ) -> None:
        encoded = json.dumps(list(key))
        if new_state is None:
            await self._drop(CONVERSATION + name, encoded)
        else:
            await self._save(CONVERSATION + name, encoded, new_state)

    async def update_user_data(self, user_id: int, data: dict[Any, Any]) -> None:
        await self._save(USER_DATA, str(user_id), data)

    async def update_chat_data(self, chat_id: int, data: dict[Any, Any]) -> None:
        await self._save(CHAT_DATA, str(chat_id), data)

    async def update_bot_data(self, data: dict[Any, Any]) -> None:
        """bot_data holds live services, not state."""

    async def update_callback_data(self, data: Any) -> None:
        """Callback data is packed into the buttons themselves."""

    async def drop_chat_data(self, chat_id: int) -> None:
        await self._drop(CHAT_DATA, str(chat_id))

    async def drop_user_data(self, user_id: int) -> None:
        await self._drop(USER_DATA, str(user_id))

    async def refresh_user_data(self, user_id: int, user_data: dict[Any, Any]) -> None:
        """The stored copy is only read at start-up; memory is the truth while running."""

    async def refresh_chat_data(self, chat_id: int, chat_data: dict[Any, Any]) -> None:
        """As for user data."""

    async def refresh_bot_data(self, bot_data: dict[Any, Any]) -> None:
        """bot_data is not stored."""

    async def flush(self) -> None:
        """On shutdown, after PTB's last update_persistence."""
        await self.write_pending()


def _decoded(text: str | None) -> Any:
    return None if text is None else json.loads(text)


async def store_now(update: object, context: BotContext) -> None:
    """Store what this update changed so far, now: for a handler that must not show it before
    it is stored (a form step).

    PTB marks an update's user and chat for persistence only after its last handler group:
    unmarked, their data would wait for the next update of anyone, and be lost if the process
    died first."""
    await _write(update, context, handled=False)


async def persist_now(update: object, context: BotContext) -> None:
    """Store what this update changed, and that it was handled, in one transaction: run after
    every update (bot.app). Until then, an update from the inbox is handled again after a
    crash (bot.inbox)."""
    await _write(update, context, handled=True)


async def _write(update: object, context: BotContext, *, handled: bool) -> None:
    application = context.application
    inbox = inbox_of(application)
    done: list[int] = []
    if isinstance(update, Update):
        user, chat = update.effective_user, update.effective_chat
        application.mark_data_for_update_persistence(
            chat_ids=chat.id if chat else None, user_ids=user.id if user else None
        )
        if handled and inbox is not None:
            done.append(update.update_id)
    await application.update_persistence()
    if isinstance(application.persistence, SqlPersistence):
        await application.persistence.write_pending(handled=done)
