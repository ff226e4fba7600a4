"""Inviter: a manager makes a single-use link that turns its opener into a member."""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler
from telegram.helpers import create_deep_linked_url

from bot.buttons import on_button
from bot.context import BotContext
from bot.handlers.start import INVITATION_PREFIX
from bot.i18n import t
from bot.payloads import Invite
from bot.replies import show
from bot.views.settings import invitation_keyboard, invitation_text, invite_choice_keyboard
from lokisi.schemas import InvitationView


def invitation_link(bot_username: str, invitation: InvitationView) -> str:
    """The deep link that /start redeems."""
    return create_deep_linked_url(bot_username, f"{INVITATION_PREFIX}{invitation.token}")


@on_button(Invite, managers=True)
async def invite(update: Update, context: BotContext, payload: Invite) -> None:
    """Ask whom to invite, then make the link for that role."""
    if payload.role is None:
        await show(
            update,
            context,
            t(context.lang, "access.invite_title"),
            invite_choice_keyboard(context.lang),
        )
        return
    invitation = await context.services.accounts.invite(context.member, payload.role)
    account = await context.services.accounts.account(context.member)
    deep_link = invitation_link(context.bot.username, invitation)
    await show(
        update,
        context,
        invitation_text(context.lang, invitation, deep_link),
        invitation_keyboard(context.lang, account, deep_link),
    )


def handlers() -> list[BaseHandler]:
    return [invite.handler()]
