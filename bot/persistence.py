"""python-telegram-bot persistence in the project's own database (SQLite or PostgreSQL).

Users' data (forms in progress) and conversation states are stored as JSON through
lokisi's StateStore, so a bot stopped in the middle of a form resumes it where the user was.
bot_data holds the services and is never stored.
"""

from __future__ import annotations

import json
from typing import Any

from telegram.ext import BasePersistence, PersistenceInput
from telegram.ext._utils.types import ConversationDict, ConversationKey

from lokisi.services.state import StateStore

USER_DATA = "user_data"
CHAT_DATA = "chat_data"
CONVERSATION = "conversation:"


def _plain(data: Any) -> Any:
    """Round-trip through JSON: what is kept is exactly what will come back after a restart."""
    return json.loads(json.dumps(data))


class SqlPersistence(BasePersistence[dict[Any, Any], dict[Any, Any], dict[Any, Any]]):
    def __init__(self, store: StateStore, *, update_interval: float = 60) -> None:
        super().__init__(
            store_data=PersistenceInput(bot_data=False, callback_data=False),
            update_interval=update_interval,
        )
        self._store = store

    async def get_user_data(self) -> dict[int, dict[Any, Any]]:
        return {int(k): v for k, v in (await self._store.load(USER_DATA)).items()}

    async def get_chat_data(self) -> dict[int, dict[Any, Any]]:
        return {int(k): v for k, v in (await self._store.load(CHAT_DATA)).items()}

    async def get_bot_data(self) -> dict[Any, Any]:
        return {}

    async def get_callback_data(self) -> None:
        return None

    async def get_conversations(self, name: str) -> ConversationDict:
        stored = await self._store.load(CONVERSATION + name)
        return {tuple(json.loads(key)): state for key, state in stored.items()}

    async def update_conversation(
        self, name: str, key: ConversationKey, new_state: object | None
    ) -> None:
        encoded = json.dumps(list(key))
        if new_state is None:
            await self._store.drop(CONVERSATION + name, encoded)
        else:
            await self._store.save(CONVERSATION + name, {encoded: _plain(new_state)})

    async def update_user_data(self, user_id: int, data: dict[Any, Any]) -> None:
        await self._store.save(USER_DATA, {str(user_id): _plain(data)})

    async def update_chat_data(self, chat_id: int, data: dict[Any, Any]) -> None:
        await self._store.save(CHAT_DATA, {str(chat_id): _plain(data)})

    async def update_bot_data(self, data: dict[Any, Any]) -> None:
        """bot_data holds live services, not state."""

    async def update_callback_data(self, data: Any) -> None:
        """Callback data is packed into the buttons themselves."""

    async def drop_chat_data(self, chat_id: int) -> None:
        await self._store.drop(CHAT_DATA, str(chat_id))

    async def drop_user_data(self, user_id: int) -> None:
        await self._store.drop(USER_DATA, str(user_id))

    async def refresh_user_data(self, user_id: int, user_data: dict[Any, Any]) -> None:
        """The stored copy is only read at start-up; memory is the truth while running."""

    async def refresh_chat_data(self, chat_id: int, chat_data: dict[Any, Any]) -> None:
        """As for user data."""

    async def refresh_bot_data(self, bot_data: dict[Any, Any]) -> None:
        """bot_data is not stored."""

    async def flush(self) -> None:
        """Every update is written as it happens; nothing is pending."""
