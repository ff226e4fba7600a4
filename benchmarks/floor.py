"""python-telegram-bot's floor: the cheapest useful bot, through the benchmark's transport.

Its only handler replies to /start with a fixed text: whatever a real bot does per update
costs at least this much (parsing the update, routing it, one Bot API call and parsing the
answer). The bot's figures are read as multiples of these.
"""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import Application, ApplicationBuilder, CommandHandler, ContextTypes

from benchmarks.transport import BenchTransport

FLOOR_TEXT = "Bonjour !"
OFFLINE_TOKEN = "0:floor"


async def reply_to_start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Reply to /start with a fixed text."""
    assert update.effective_message is not None
    await update.effective_message.reply_text(FLOOR_TEXT)


def build_floor(transport: BenchTransport) -> Application[Any, Any, Any, Any, Any, Any]:
    """An application with one /start handler, no persistence, no updater."""
    application = ApplicationBuilder().token(OFFLINE_TOKEN).request(transport).updater(None).build()
    application.add_handler(CommandHandler("start", reply_to_start))
    return application
