"""The card each member has open in their private chat with the bot, which what they send
next is offered to (bot.handlers.attaching).

Kept in memory, not in the user's data: opening a card is the bot's most common update, and a
write on each one would double its cost. A restart forgets them; what is sent then is
answered with "open the card first", and a reply to a card still works, as in groups.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

OPEN_CARDS_KEY = "open_cards"
# Past this many members, those who opened a card longest ago are forgotten.
MAX_REMEMBERED = 10_000


class OpenCards:
    """Client ids by Telegram user id, the most recently opened last."""

    def __init__(self) -> None:
        self._cards: OrderedDict[int, int] = OrderedDict()

    @classmethod
    def of(cls, bot_data: dict[Any, Any]) -> OpenCards:
        """The application's (bot_data is never persisted)."""
        cards = bot_data.get(OPEN_CARDS_KEY)
        if not isinstance(cards, OpenCards):
            cards = bot_data[OPEN_CARDS_KEY] = cls()
        return cards

    def opened(self, user_id: int, client_id: int) -> None:
        self._cards[user_id] = client_id
        self._cards.move_to_end(user_id)
        if len(self._cards) > MAX_REMEMBERED:
            self._cards.popitem(last=False)

    def open_for(self, user_id: int) -> int | None:
        return self._cards.get(user_id)

    def forget(self, user_id: int) -> None:
        self._cards.pop(user_id, None)
