"""Button handlers get their payload: the callback data unpacked, the member checked, a
confirmation's token verified, before the handler runs (as aiogram's CallbackData filter).

    @on_button(Card)
    async def open_card(update: Update, context: BotContext, card: Card) -> None: ...

    def handlers() -> list[BaseHandler]:
        return [open_card.handler()]
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from telegram import Update
from telegram.ext import CallbackQueryHandler

from bot.access import members_only
from bot.callbacks import CallbackData, InvalidCallbackData
from bot.confirmation import verify_token
from bot.context import BotContext

P = TypeVar("P", bound=CallbackData)
ButtonCallback = Callable[[Update, BotContext, P], Awaitable[Any]]
UpdateCallback = Callable[[Update, BotContext], Coroutine[Any, Any, Any]]


@dataclass(frozen=True)
class Button(Generic[P]):
    """A handler of one kind of button: its payload type, and what python-telegram-bot calls."""

    payload_type: type[P]
    callback: UpdateCallback

    def handler(self) -> CallbackQueryHandler[BotContext, Any]:
        """Routes on the payload's prefix alone; the payload is checked when it is unpacked."""
        return CallbackQueryHandler(self.callback, pattern=self.payload_type.pattern())


def payload_of(update: Update, payload_type: type[P]) -> P:
    """The pressed button's payload; InvalidCallbackData if it is no such payload."""
    query = update.callback_query
    if query is None:
        raise InvalidCallbackData("not a button press")
    return payload_type.unpack(query.data)


def on_button(
    payload_type: type[P], *, managers: bool = False
) -> Callable[[ButtonCallback[P]], Button[P]]:
    """Make `inner(update, context, payload)` the handler of `payload_type`'s buttons, for
    members (or managers) only; a forged payload or token gets an alert and reaches nothing."""

    def decorate(inner: ButtonCallback[P]) -> Button[P]:
        @members_only(managers=managers)
        @functools.wraps(inner)
        async def callback(update: Update, context: BotContext) -> Any:
            payload = payload_of(update, payload_type)
            verify_token(context, payload)
            return await inner(update, context, payload)

        return Button(payload_type, callback)

    return decorate
