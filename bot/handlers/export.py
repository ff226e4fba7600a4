"""Export (managers): /export sends the account's clients, /export TEXT a search's results,
as a CSV for Excel and an XLSX file. Private chats only: a group may hold people who are
no members of the account."""

from __future__ import annotations

import asyncio
from datetime import date

from telegram import InputFile, Update
from telegram.constants import ChatAction, ChatType
from telegram.ext import BaseHandler, CommandHandler

from bot.access import members_only
from bot.context import BotContext
from bot.i18n import t
from bot.places import Place, topic_of
from bot.replies import reply, tell
from bot.views.export import (
    export_caption,
    export_headers,
    file_name,
    journal_cells,
    type_labels,
)
from bot.views.keyboards import keyboard, link
from lokisi.exporting import ClientExport


@members_only(managers=True)
async def export_clients(update: Update, context: BotContext) -> None:
    """Build both files batch by batch, then send them."""
    chat, message = update.effective_chat, update.effective_message
    assert chat is not None and message is not None
    if chat.type != ChatType.PRIVATE:
        await _send_to_private_chat(update, context)
        return
    lang = context.lang
    query = " ".join(context.args or ()).strip() or None
    here = Place(chat.id, topic_of(message)).sending()
    await context.bot.send_chat_action(action=ChatAction.UPLOAD_DOCUMENT, **here)
    # Writing rows and saving the files is CPU work (seconds at 100,000 clients): in a thread,
    # so that the event loop serves the other users meanwhile. One step at a time, so the
    # files are never touched by two threads.
    with ClientExport(export_headers(lang), type_labels(lang)) as files:
        async for batch in context.services.clients.export(context.member, query):
            notes = await context.services.notes.journal(context.member, [c.id for c in batch])
            await asyncio.to_thread(files.add, batch, journal_cells(lang, notes))
        if files.count == 0:
            await tell(update, context, t(lang, "export.nothing"))
            return
        csv_file = await asyncio.to_thread(files.csv_bytes)
        xlsx = await asyncio.to_thread(files.xlsx_bytes)
    account = await context.services.accounts.account(context.member)
    today = date.today()
    await context.bot.send_document(
        document=InputFile(csv_file, filename=file_name(lang, today, "csv")), **here
    )
    await context.bot.send_document(
        document=InputFile(xlsx, filename=file_name(lang, today, "xlsx")),
        caption=export_caption(lang, files.count, account.name, query),
        **here,
    )


async def _send_to_private_chat(update: Update, context: BotContext) -> None:
    message = update.effective_message
    assert message is not None
    open_bot = keyboard(
        [link(t(context.lang, "export.open_bot"), f"https://t.me/{context.bot.username}")]
    )
    await reply(message, t(context.lang, "export.private_only"), reply_markup=open_bot)


def handlers() -> list[BaseHandler]:
    return [CommandHandler("export", export_clients)]
