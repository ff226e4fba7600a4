"""/start: the main menu, invitation links and card links."""

from __future__ import annotations

import html
import logging

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler

from bot.access import members_only, set_language
from bot.buttons import on_button
from bot.context import BotContext
from bot.errors import describe
from bot.handlers.card import show_card
from bot.handlers.shortcuts import offer_shortcuts
from bot.i18n import t
from bot.payloads import Menu, SearchPrompt
from bot.places import place_of
from bot.replies import show, tell
from bot.user_data import load_draft
from bot.views.menu import menu_keyboard, menu_text
from bot.views.sharing import linked_client_id
from lokisi.errors import AlreadyMember, InvitationUnusable

log = logging.getLogger(__name__)

INVITATION_PREFIX = "inv_"


async def start(update: Update, context: BotContext) -> None:
    """Open the menu; with a deep-link argument, redeem an invitation or open a card."""
    argument = context.args[0] if context.args else ""
    if argument.startswith(INVITATION_PREFIX):
        await redeem_invitation(update, context, argument.removeprefix(INVITATION_PREFIX))
        return
    client_id = linked_client_id(argument)
    if client_id is not None:
        await open_linked_card(update, context)
        return
    await menu(update, context)


@members_only
async def menu(update: Update, context: BotContext) -> None:
    """/menu: show the main menu."""
    await show_menu(update, context)


@on_button(Menu)
async def menu_button(update: Update, context: BotContext, _: Menu) -> None:
    """ "🏠 Menu" (and "Non" where the menu is where the user was)."""
    await show_menu(update, context)


async def show_menu(update: Update, context: BotContext) -> None:
    """The menu (with "Reprendre" when a form waits here), and in a private chat the
    shortcuts under the typing field the first time."""
    account = await context.services.accounts.account(context.member)
    place = place_of(update)
    waiting = place is not None and load_draft(context, place) is not None
    await offer_shortcuts(update, context)
    await show(
        update,
        context,
        menu_text(context.lang, account),
        menu_keyboard(context.lang, context.member, resume=waiting),
    )


@members_only
async def open_linked_card(update: Update, context: BotContext) -> None:
    """A card link (t.me/<bot>?start=c_42): the card, for members of the client's account
    only; anyone else learns nothing of it."""
    client_id = linked_client_id(context.args[0]) if context.args else None
    if client_id is not None:
        await show_card(update, context, client_id, new_message=True)


@on_button(SearchPrompt)
async def search_prompt(update: Update, context: BotContext, _: SearchPrompt) -> None:
    """Say what to type to search (any text outside a form is a search)."""
    await show(update, context, t(context.lang, "menu.search_prompt"), new_message=True)


async def redeem_invitation(update: Update, context: BotContext, token: str) -> None:
    """Make the user a member of the inviting account."""
    lang = set_language(update, context)
    user = update.effective_user
    if user is None:
        return
    try:
        member = await context.services.accounts.redeem(
            token, telegram_user_id=user.id, name=user.full_name, language=lang
        )
    except (InvitationUnusable, AlreadyMember) as refusal:
        log.info("invitation refused to user %s: %r", user.id, refusal)
        await tell(update, context, describe(refusal, lang))
        return
    context.member = member
    account = await context.services.accounts.account(member)
    await tell(
        update,
        context,
        t(
            lang,
            "access.welcome",
            account=html.escape(account.name),
            name=html.escape(member.name),
            role=t(lang, f"role.{member.role.value}"),
        ),
    )
    await show_menu(update, context)


def handlers() -> list[BaseHandler]:
    return [
        CommandHandler("start", start),
        CommandHandler("menu", menu),
        menu_button.handler(),
        search_prompt.handler(),
    ]
