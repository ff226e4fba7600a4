"""Group chats: a manager links the team's group to the account (/lier) or unlinks it
(/delier); in a linked group, /client TEXT searches, and every card works as in private.

Privacy mode stays on, so the bot only receives commands and replies to its own messages;
should it see more (as a group administrator does), it still ignores the chatter.
"""

from __future__ import annotations

import html

from telegram import Message, Update
from telegram.ext import BaseHandler, CommandHandler, MessageHandler, filters

from bot.access import members_only
from bot.context import BotContext
from bot.handlers.search import show_search_results
from bot.i18n import t
from bot.replies import tell

LINK_COMMANDS = ("lier", "link")
UNLINK_COMMANDS = ("delier", "unlink")


@members_only(managers=True, unlinked_groups=True)
async def link_group(update: Update, context: BotContext) -> None:
    """Link this group to the manager's account and say what the bot does here."""
    chat = update.effective_chat
    if chat is None:
        return
    # Linked to another account, the group stays so: bot.errors says which way out.
    await context.services.groups.link(context.member, chat.id, chat.title or "")
    account = await context.services.accounts.account(context.member)
    await tell(
        update,
        context,
        t(
            context.lang,
            "group.linked",
            account=html.escape(account.name),
            bot=context.bot.username,
        ),
    )


@members_only(managers=True)
async def unlink_group(update: Update, context: BotContext) -> None:
    """Unlink this group: from now on the bot answers nobody here."""
    chat = update.effective_chat
    if chat is None:
        return
    await context.services.groups.unlink(context.member, chat.id)
    account = await context.services.accounts.account(context.member)
    unlinked = t(context.lang, "group.unlinked", account=html.escape(account.name))
    await tell(update, context, unlinked)


@members_only
async def groups_only(update: Update, context: BotContext) -> None:
    """/lier and /delier in a private chat: say where to send them."""
    await tell(update, context, t(context.lang, "group.in_groups_only"))


@members_only
async def find_client(update: Update, context: BotContext) -> None:
    """/client TEXT: a search, in a group where plain text never reaches the bot."""
    query = " ".join(context.args or ())
    if not query.strip():
        await tell(update, context, t(context.lang, "group.client_usage"))
        return
    await show_search_results(update, context, query)


async def ignore_chatter(update: Update, context: BotContext) -> None:
    """Group talk that is neither a command nor an answer to the bot is not for the bot."""


def replies_to_the_bot(message: Message) -> bool:
    """Whether the message answers one of the bot's own (privacy mode lets these through in
    groups)."""
    replied = message.reply_to_message
    return bool(replied and replied.from_user and replied.from_user.id == message.get_bot().id)


class RepliesToTheBot(filters.MessageFilter):
    def filter(self, message: Message) -> bool:
        return replies_to_the_bot(message)


def handlers() -> list[BaseHandler]:
    groups = filters.ChatType.GROUPS
    return [
        CommandHandler(LINK_COMMANDS, link_group, filters=groups),
        CommandHandler(UNLINK_COMMANDS, unlink_group, filters=groups),
        CommandHandler((*LINK_COMMANDS, *UNLINK_COMMANDS), groups_only),
        CommandHandler("client", find_client),
        MessageHandler(groups & ~filters.COMMAND & ~RepliesToTheBot(), ignore_chatter),
    ]
