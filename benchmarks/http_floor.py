"""The stock python-telegram-bot floor over real HTTP, in a process of its own.

    python -m benchmarks.http_floor BASE_URL TOKEN [--transport stock|httpx-tuned|aiohttp]
        [--concurrent]

A hello-world of the bot's usual screens and nothing else: a text is answered with a list of
12 buttons, a press with answerCallbackQuery and an edit into the 11-button card
(benchmarks/references.py). By default it is stock python-telegram-bot: its HTTPXRequest,
updates one at a time, long polling. `--transport` and `--concurrent` are the benchmark's
comparison of HTTP clients (benchmarks/http_run.py), on this floor so that nothing of the
bot's own weighs on it.
"""

from __future__ import annotations

import argparse
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.ext import (
    ApplicationBuilder,
    CallbackQueryHandler,
    ContextTypes,
    MessageHandler,
    filters,
)
from telegram.request import BaseRequest, HTTPXRequest

from benchmarks.references import CARD_KEYBOARD, CARD_TEXT
from bot.transport import AiohttpRequest
from bot.update_processor import PerUserUpdateProcessor

LIST_TEXT = "Clients trouvés pour « martin » : 1–12 sur 2 431"
LIST_KEYBOARD = InlineKeyboardMarkup(
    [
        [InlineKeyboardButton(f"Martin {n} · CLI-{n:06d} · Lyon", callback_data=f"c:{n}")]
        for n in range(1, 11)
    ]
    + [
        [
            InlineKeyboardButton("Suivant ▶️", callback_data="s:q:0::12:2"),
            InlineKeyboardButton("⬅️ Menu", callback_data="m"),
        ]
    ]
)


async def list_clients(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A text: the fixed list of 12 buttons."""
    assert update.effective_message is not None
    await update.effective_message.reply_text(LIST_TEXT, reply_markup=LIST_KEYBOARD)


async def show_card(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A press: answer it, then edit the message into the fixed card."""
    query = update.callback_query
    assert query is not None
    await query.answer()
    await query.edit_message_text(CARD_TEXT, parse_mode=ParseMode.HTML, reply_markup=CARD_KEYBOARD)


def requests(transport: str) -> tuple[BaseRequest, BaseRequest]:
    """The HTTP clients for calls and for long polls."""
    if transport == "aiohttp":
        return AiohttpRequest(), AiohttpRequest(connection_pool_size=1)
    if transport == "httpx-tuned":
        # Connections for every call in flight, HTTP/1.1 kept alive (httpx's default).
        return HTTPXRequest(connection_pool_size=256), HTTPXRequest(connection_pool_size=1)
    return HTTPXRequest(), HTTPXRequest()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base_url")
    parser.add_argument("token")
    parser.add_argument("--transport", choices=("stock", "httpx-tuned", "aiohttp"), default="stock")
    parser.add_argument("--concurrent", action="store_true")
    options = parser.parse_args(argv)
    request, updates_request = requests(options.transport)
    builder: Any = (
        ApplicationBuilder()
        .token(options.token)
        .base_url(options.base_url)
        .request(request)
        .get_updates_request(updates_request)
    )
    if options.concurrent:
        builder = builder.concurrent_updates(PerUserUpdateProcessor())
    application = builder.build()
    application.add_handler(MessageHandler(filters.TEXT, list_clients))
    application.add_handler(CallbackQueryHandler(show_card))
    # As the bot polls (bot.runtime).
    application.run_polling(allowed_updates=Update.ALL_TYPES)


if __name__ == "__main__":
    main()
