"""Export (managers): /export sends the account's clients, /export TEXT a search's results,
as a CSV for Excel and an XLSX file. Private chats only: a group may hold people who are
no members of the account."""

from __future__ import annotations

from datetime import date

from telegram import InputFile, Update
from telegram.constants import ChatAction, ChatType
from telegram.ext import BaseHandler, CommandHandler

from bot.access import members_only
from bot.context import BotContext
from bot.i18n import t
from bot.places import Place, topic_of
from bot.replies import reply, tell
from bot.views.export import export_caption, file_name
from bot.views.keyboards import keyboard, link


@members_only(managers=True)
async def export_clients(update: Update, context: BotContext) -> None:
    """Build both files, then send them."""
    chat, message = update.effective_chat, update.effective_message
    assert chat is not None and message is not None
    if chat.type != ChatType.PRIVATE:
        await _send_to_private_chat(update, context)
        return
    lang = context.lang
    query = " ".join(context.args or ()).strip() or None
    here = Place(chat.id, topic_of(message)).sending()
    await context.bot.send_chat_action(action=ChatAction.UPLOAD_DOCUMENT, **here)
    # Built in a worker process (bot.export_builder): seconds of CPU at 100,000 clients, while
    # the bot serves the other users.
    files = await context.exporter.files(context.member, query, lang)
    if files.count == 0:
        await tell(update, context, t(lang, "export.nothing"))
        return
    account = await context.services.accounts.account(context.member)
    today = date.today()
    await context.bot.send_document(
        document=InputFile(files.csv, filename=file_name(lang, today, "csv")), **here
    )
    await context.bot.send_document(
        document=InputFile(files.xlsx, filename=file_name(lang, today, "xlsx")),
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
