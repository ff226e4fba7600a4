"""Group chats: a manager links the team's group to the account (/lier in it, in a topic to
get the activity feed there; or, in the private chat, Telegram's picker of their groups where
the bot is) or unlinks it (/delier); in a linked group, /client TEXT searches, and every card
works as in private.

Privacy mode stays on, so the bot only receives commands and replies to its own messages;
should it see more (as a group administrator does), it still ignores the chatter.
"""

from __future__ import annotations

import html
import logging

from telegram import ChatMember, Update
from telegram.constants import ChatType
from telegram.error import TelegramError
from telegram.ext import BaseHandler, CommandHandler, MessageHandler, filters

from bot.access import members_only
from bot.buttons import on_button
from bot.context import BotContext
from bot.handlers.search import show_search_results
from bot.handlers.shortcuts import restore_shortcuts, send_with_keyboard
from bot.i18n import t
from bot.payloads import LinkGroup
from bot.places import topic_of
from bot.replies import answer, tell
from bot.replying import RepliesToTheBot
from bot.views.shortcuts import LINK_GROUP_REQUEST, group_picker
from lokisi.schemas import AccountView

log = logging.getLogger(__name__)

# Who is in a chat, as getChatMember says.
PRESENT = frozenset(
    {ChatMember.OWNER, ChatMember.ADMINISTRATOR, ChatMember.MEMBER, ChatMember.RESTRICTED}
)

LINK_COMMANDS = ("lier", "link")
UNLINK_COMMANDS = ("delier", "unlink")


@members_only(managers=True, unlinked_groups=True)
async def link_group(update: Update, context: BotContext) -> None:
    """Link this group to the manager's account and say what the bot does here."""
    chat = update.effective_chat
    if chat is None:
        return
    topic = topic_of(update.effective_message)
    # Linked to another account, the group stays so: bot.errors says which way out.
    await context.services.groups.link(
        context.member, chat.id, chat.title or "", feed_topic_id=topic
    )
    account = await context.services.accounts.account(context.member)
    await tell(update, context, linked_text(context.lang, account, context.bot.username, topic))


def linked_text(lang: str, account: AccountView, bot: str, topic: int | None) -> str:
    """What the bot does in the group just linked, and where its activity feed goes."""
    feed = "group.feed_here" if topic is not None else "group.feed_general"
    lines = [
        t(lang, "group.linked", account=html.escape(account.name), bot=bot),
        t(lang, feed if account.activity_feed else "group.feed_off"),
    ]
    return "\n\n".join(lines)


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
    """/lier and /delier in a private chat: say where to send them; a manager also gets
    Telegram's picker of the groups to link."""
    where = t(context.lang, "group.in_groups_only")
    if context.member.is_manager:
        await _offer_picker(update, context, f"{where}\n\n{t(context.lang, 'group.pick_prompt')}")
    else:
        await tell(update, context, where)


@on_button(LinkGroup, managers=True)
async def link_group_button(update: Update, context: BotContext, _: LinkGroup) -> None:
    """ "👥 Lier un groupe" (in ⚙️ Réglages): Telegram's picker, under the typing field."""
    await answer(update, context)
    await _offer_picker(update, context, t(context.lang, "group.pick_prompt"))


async def _offer_picker(update: Update, context: BotContext, text: str) -> None:
    chat = update.effective_chat
    if chat is not None and chat.type == ChatType.PRIVATE:
        await send_with_keyboard(update, context, text, group_picker(context.lang))
    else:
        await tell(update, context, t(context.lang, "group.in_groups_only"))


@members_only(managers=True)
async def group_picked(update: Update, context: BotContext) -> None:
    """The group picked with "👥 Choisir le groupe": linked, if the manager is in it (a
    modified app could name any group); the group hears what the bot does there."""
    message = update.effective_message
    shared = message.chat_shared if message is not None else None
    lang = context.lang
    if shared is None or shared.request_id != LINK_GROUP_REQUEST:
        await restore_shortcuts(update, context, t(lang, "access.invalid_button"))
        return
    if not await _is_member_of(context, shared.chat_id):
        await restore_shortcuts(update, context, t(lang, "group.pick_not_member"))
        return
    title = shared.title or ""
    await context.services.groups.link(context.member, shared.chat_id, title)
    account = await context.services.accounts.account(context.member)
    picked = t(
        lang, "group.picked_linked", group=html.escape(title), account=html.escape(account.name)
    )
    await restore_shortcuts(update, context, picked)
    try:
        await context.bot.send_message(
            shared.chat_id,
            linked_text(context.default_language, account, context.bot.username, None),
        )
    except TelegramError as failure:
        log.info("could not greet the group %s just linked: %s", shared.chat_id, failure)


async def _is_member_of(context: BotContext, chat_id: int) -> bool:
    try:
        member = await context.bot.get_chat_member(chat_id, context.member.telegram_user_id)
    except TelegramError as failure:
        log.info("membership of chat %s unknown: %s", chat_id, failure)
        return False
    return member.status in PRESENT


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


def handlers() -> list[BaseHandler]:
    groups = filters.ChatType.GROUPS
    picked = filters.ChatType.PRIVATE & filters.StatusUpdate.CHAT_SHARED
    return [
        CommandHandler(LINK_COMMANDS, link_group, filters=groups),
        CommandHandler(UNLINK_COMMANDS, unlink_group, filters=groups),
        CommandHandler((*LINK_COMMANDS, *UNLINK_COMMANDS), groups_only),
        link_group_button.handler(),
        MessageHandler(picked, group_picked),
        CommandHandler("client", find_client),
        MessageHandler(groups & ~filters.COMMAND & ~RepliesToTheBot(), ignore_chatter),
    ]
