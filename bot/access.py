"""Who may do what: every handler re-checks the member, the account and the role on every
update, whatever the callback data says, and turns domain refusals into short messages."""

from __future__ import annotations

import functools
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import ConversationHandler

from bot.callbacks import InvalidCallbackData
from bot.context import BotContext
from bot.errors import describe
from bot.i18n import language_of, t
from bot.members import MemberCache
from bot.replies import answer, answer_inline, reply, tell
from lokisi.errors import LokisiError, PermissionDenied

log = logging.getLogger(__name__)

Handler = Callable[[Update, BotContext], Awaitable[Any]]


def set_language(update: Update, context: BotContext) -> str:
    user = update.effective_user
    context.lang = language_of(user.language_code if user else None, context.default_language)
    return context.lang


def members_only(
    handler: Handler | None = None, *, managers: bool = False, unlinked_groups: bool = False
) -> Any:
    """Run the handler for members (or managers) of an account; refuse everyone else.

    In a group, the group must be linked to the member's account (unless `unlinked_groups`,
    for the command that links it): a member of one company sees nothing of it in another
    company's group. Domain refusals (a client gone, a role too low, a forged id) become a
    short message or alert; the conversation, if any, stays where it was, so nothing typed
    is lost.
    """

    def decorate(inner: Handler) -> Handler:
        @functools.wraps(inner)
        async def wrapper(update: Update, context: BotContext) -> Any:
            lang = set_language(update, context)
            user = update.effective_user
            members = MemberCache.of(context.application.bot_data, context.services)
            member = await members.member_for(user.id) if user else None
            if member is None:
                await refuse_outsider(update, context)
                return ConversationHandler.END
            context.member = member
            if not unlinked_groups and not await _group_allows(update, context):
                return ConversationHandler.END
            try:
                if update.callback_query is not None and not update.callback_query.data:
                    # PTB gives a query without data to the first button handler, whatever
                    # its pattern: only a forged (or game) button sends one.
                    raise InvalidCallbackData("callback query without data")
                if managers and not member.is_manager:
                    raise PermissionDenied(inner.__name__)
                return await inner(update, context)
            except InvalidCallbackData as forged:
                log.warning("refused callback data from member %s: %r", member.id, forged)
                await tell(update, context, describe(forged, lang))
            except LokisiError as refusal:
                log.info("refused %s for member %s: %r", inner.__name__, member.id, refusal)
                await tell(update, context, describe(refusal, lang))
            finally:
                await answer(update, context)
            return None

        return wrapper

    return decorate(handler) if handler is not None else decorate


async def _group_allows(update: Update, context: BotContext) -> bool:
    chat = update.effective_chat
    if chat is None or chat.type not in (ChatType.GROUP, ChatType.SUPERGROUP):
        return True
    if await context.services.groups.account_of(chat.id) == context.member.account_id:
        return True
    log.info(
        "member %s refused in group %s not linked to their account", context.member.id, chat.id
    )
    if update.callback_query is not None:
        await answer(update, context, t(context.lang, "access.outsider_alert"), alert=True)
    elif context.member.is_manager and update.effective_message is not None:
        await reply(update.effective_message, t(context.lang, "access.group_not_linked"))
    return False


async def refuse_outsider(update: Update, context: BotContext) -> None:
    """A short explanation for someone who is no member; never any data."""
    user = update.effective_user
    log.info("outsider %s refused", user.id if user else None)
    if update.callback_query is not None:
        await answer(update, context, t(context.lang, "access.outsider_alert"), alert=True)
    elif update.inline_query is not None:
        await answer_inline(update, [])
    elif update.effective_chat is not None and update.effective_chat.type == "private":
        await tell(update, context, t(context.lang, "access.outsider"))
