"""Inviter: a manager picks the person in Telegram's own list of their contacts (the
invitation then serves that person alone, and reaches them in the bot if they ever started
it), or makes a single-use link for someone who is not in their contacts.

```mermaid
flowchart LR
    menu -- "✉️ Inviter" --> role{"technicien / manager"}
    role -- private chat --> pick["👤 Choisir la personne: Telegram's picker"]
    role -- "🔗 Créer un lien" or a group --> link["link to forward"]
    pick -- users_shared --> bound["invitation for that person: sent to them, or a link to forward"]
    pick -- "✖️ Annuler" --> shortcuts
```
"""

from __future__ import annotations

import html
import logging

from telegram import SharedUser, Update
from telegram.constants import ChatType
from telegram.error import BadRequest, Forbidden
from telegram.ext import BaseHandler, MessageHandler, filters
from telegram.helpers import create_deep_linked_url

from bot.access import members_only
from bot.buttons import on_button
from bot.context import BotContext
from bot.handlers.shortcuts import restore_shortcuts, send_with_keyboard
from bot.handlers.start import INVITATION_PREFIX
from bot.i18n import t
from bot.payloads import Invite, InviteLink
from bot.replies import answer, show
from bot.views.settings import (
    expiry,
    invitation_keyboard,
    invitation_text,
    invite_choice_keyboard,
    invite_pick_keyboard,
    invited_keyboard,
)
from bot.views.shortcuts import INVITE_REQUESTS, person_picker
from lokisi.errors import AlreadyMember
from lokisi.schemas import InvitationView

log = logging.getLogger(__name__)

ROLE_OF_REQUEST = {request: role for role, request in INVITE_REQUESTS.items()}


def invitation_link(bot_username: str, invitation: InvitationView) -> str:
    """The deep link that /start redeems."""
    return create_deep_linked_url(bot_username, f"{INVITATION_PREFIX}{invitation.token}")


@on_button(Invite, managers=True)
async def invite(update: Update, context: BotContext, payload: Invite) -> None:
    """Ask whom to invite; in a private chat, offer Telegram's picker of a person, else (and
    on "🔗 Créer un lien") make a link for the role."""
    lang = context.lang
    if payload.role is None:
        await show(update, context, t(lang, "access.invite_title"), invite_choice_keyboard(lang))
        return
    chat = update.effective_chat
    if chat is None or chat.type != ChatType.PRIVATE:
        await _make_link(update, context, InviteLink(payload.role))
        return
    role = t(lang, f"role.{payload.role.value}")
    await show(
        update,
        context,
        t(lang, "access.invite_pick", role=role),
        invite_pick_keyboard(lang, payload.role),
    )
    await send_with_keyboard(
        update, context, t(lang, "access.pick_prompt"), person_picker(lang, payload.role)
    )


@on_button(InviteLink, managers=True)
async def invite_by_link(update: Update, context: BotContext, payload: InviteLink) -> None:
    """ "🔗 Créer un lien": a single-use link to forward, for someone not in the contacts;
    the person picker gives way to the shortcuts again."""
    await answer(update, context)
    await restore_shortcuts(update, context, t(context.lang, "access.link_below"))
    await _make_link(update, context, payload, new_message=True)


async def _make_link(
    update: Update, context: BotContext, payload: InviteLink, *, new_message: bool = False
) -> None:
    invitation = await context.services.accounts.invite(context.member, payload.role)
    account = await context.services.accounts.account(context.member)
    deep_link = invitation_link(context.bot.username, invitation)
    await show(
        update,
        context,
        invitation_text(context.lang, invitation, deep_link),
        invitation_keyboard(context.lang, account, deep_link),
        new_message=new_message,
    )


@members_only(managers=True)
async def person_picked(update: Update, context: BotContext) -> None:
    """The person picked with "👤 Choisir la personne": an invitation for them alone, sent to
    them in the bot if they ever started it, else a link for the manager to forward."""
    message = update.effective_message
    shared = message.users_shared if message is not None else None
    role = ROLE_OF_REQUEST.get(shared.request_id) if shared is not None else None
    if shared is None or role is None or not shared.users:
        await restore_shortcuts(update, context, t(context.lang, "access.invalid_button"))
        return
    person = shared.users[0]
    name = html.escape(_name_of(person, context.lang))
    try:
        invitation = await context.services.accounts.invite(
            context.member, role, for_telegram_id=person.user_id
        )
    except AlreadyMember as already:
        key = "access.picked_member_here" if already.account_name else "access.picked_member"
        await restore_shortcuts(update, context, t(context.lang, key, name=name))
        return
    account = await context.services.accounts.account(context.member)
    deep_link = invitation_link(context.bot.username, invitation)
    lang, role_name = context.lang, t(context.lang, f"role.{role.value}")
    expires = expiry(lang, invitation)
    if await _tell_the_person(context, person, invitation, account.name, deep_link):
        text = t(lang, "access.invitation_sent", name=name, role=role_name, expires=expires)
        await restore_shortcuts(update, context, text)
        return
    text = t(lang, "access.invitation_to_forward", name=name, role=role_name, expires=expires)
    await restore_shortcuts(update, context, f"{text}\n{html.escape(deep_link)}")
    await show(
        update,
        context,
        t(lang, "access.forward_prompt", name=name),
        invitation_keyboard(lang, account, deep_link),
        new_message=True,
    )


async def _tell_the_person(
    context: BotContext,
    person: SharedUser,
    invitation: InvitationView,
    account: str,
    deep_link: str,
) -> bool:
    """Send the invitation to the person, in the manager's language (theirs is unknown until
    they write: a team mostly speaks one); False when Telegram does not let the bot write to
    them first."""
    lang = context.lang
    text = t(
        lang,
        "access.invited_you",
        manager=html.escape(context.member.name),
        account=html.escape(account),
        role=t(lang, f"role.{invitation.role.value}"),
    )
    try:
        await context.bot.send_message(
            person.user_id, text, reply_markup=invited_keyboard(lang, deep_link)
        )
    except (Forbidden, BadRequest) as unreachable:
        log.info("picked user %s unreachable: %s", person.user_id, unreachable)
        return False
    return True


def _name_of(person: SharedUser, lang: str) -> str:
    full = " ".join(p for p in (person.first_name, person.last_name) if p)
    if full:
        return full
    return f"@{person.username}" if person.username else t(lang, "access.this_person")


def handlers() -> list[BaseHandler]:
    picked = filters.ChatType.PRIVATE & filters.StatusUpdate.USERS_SHARED
    return [invite.handler(), invite_by_link.handler(), MessageHandler(picked, person_picked)]
