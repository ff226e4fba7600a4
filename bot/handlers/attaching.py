"""Attaching from the chat: a photo, a document, a voice note, a video, a location or a
forwarded message sent while a card is open (private chat), or in reply to a card (any chat,
and the only way in a group, where privacy mode lets only replies to the bot through), is
offered to that client: "📎 Joindre 3 photos à <client> ?" → "Oui".

```mermaid
flowchart LR
    sent["photo, file, voice, video, forward; location: a reply"] --> ask{"Joindre … à X ?"}
    album["more updates of the album"] -- "same question, counted again" --> ask
    ask -- Oui --> attached["✅ Joint à X"]
    ask -- Non --> card
    other["sticker, audio, round video, contact…"] --> said["what the bot keeps"]
```

A location in a private chat that answers no card lists the nearest clients (bot.handlers.
nearby): sharing one's position is how a technicien finds them.
"""

from __future__ import annotations

from telegram import Message, Update
from telegram.ext import BaseHandler, MessageHandler, filters

from bot.access import members_only
from bot.attachable import SENT, Pending, Sent, attachable, client_shown
from bot.buttons import on_button
from bot.confirmation import ask, new_token
from bot.context import BotContext
from bot.form_steps import in_group, owner_mention
from bot.i18n import t
from bot.open_cards import OpenCards
from bot.payloads import Attach, Card
from bot.places import Place, place_of
from bot.replies import replace, reply, show, tell
from bot.replying import RepliesToTheBot, replies_to_the_bot
from bot.user_data import keep_pending, pending_album, pending_for
from bot.views import attachments as views
from bot.views.values import client_title
from lokisi.attachments import MAX_ITEMS
from lokisi.errors import AlreadyDone, NotFound


def _target(update: Update, context: BotContext, message: Message) -> int | None:
    """The client a message is sent to: the card it replies to, else the card open in the
    private chat."""
    if replies_to_the_bot(message):
        shown = client_shown(message.reply_to_message)
        if shown is not None:
            return shown
    if in_group(update) or message.from_user is None:
        return None
    return OpenCards.of(context.application.bot_data).open_for(message.from_user.id)


@members_only
async def receive(update: Update, context: BotContext) -> None:
    """Something sent to attach: ask "📎 Joindre … à <client> ?", or add it to the question of
    its album; say what the bot keeps, or to open a card first."""
    message, chat = update.effective_message, update.effective_chat
    assert message is not None and chat is not None
    sent = attachable(message)
    if sent is None:
        await reply(message, t(context.lang, "attachments.unsupported"))
        return
    if sent.album is not None:
        pending = pending_album(context, chat.id, sent.album)
        if pending is not None and pending.attached is None and len(pending.items) < MAX_ITEMS:
            await _grow(update, context, pending, sent)
            return
    client_id = _target(update, context, message)
    if client_id is None:
        await reply(message, t(context.lang, "attachments.open_a_card"))
        return
    try:
        client = await context.services.clients.get(context.member, client_id)
    except NotFound:
        # The open card's client is gone (deleted meanwhile): nothing to offer it to.
        if message.from_user is not None:
            OpenCards.of(context.application.bot_data).forget(message.from_user.id)
        await reply(message, t(context.lang, "attachments.open_a_card"))
        return
    await _ask(update, context, client.id, client_title(client), sent)


async def _ask(update: Update, context: BotContext, client_id: int, title: str, sent: Sent) -> None:
    place = place_of(update)
    assert place is not None
    token = new_token(context)
    pending = Pending(token, client_id, title, place.chat_id, album=sent.album, topic=place.topic)
    pending.take(sent)
    question = views.question_text(context.lang, pending, owner_mention(update))
    shown = await ask(
        update, context, question, Attach(client_id), Card(client_id), token=token, new_message=True
    )
    pending.question_id = shown.message_id if shown else None
    keep_pending(context, pending)


async def _grow(update: Update, context: BotContext, pending: Pending, sent: Sent) -> None:
    """One more update of an album: the same question, counting it."""
    pending.take(sent)
    text = views.question_text(context.lang, pending, owner_mention(update))
    markup = views.question_keyboard(context.lang, pending)
    if pending.question_id is not None:
        where = Place(pending.chat_id, pending.topic)
        pending.question_id = await replace(context, where, pending.question_id, text, markup)
    keep_pending(context, pending)


@on_button(Attach)
async def attach(update: Update, context: BotContext, payload: Attach) -> None:
    """ "Oui": attach what was sent, once however often "Oui" arrives."""
    lang = context.lang
    if payload.token is None:
        # Nothing waits for a "Joindre" without its question: say how to attach.
        await tell(update, context, t(lang, "attachments.how"))
        return
    pending = pending_for(context, payload.token)
    if pending is None or pending.client_id != payload.client_id:
        await tell(update, context, t(lang, "attachments.nothing_pending"))
        return
    attachments = context.services.attachments
    if pending.attached is not None:
        attachment = await attachments.get(context.member, pending.attached)
    else:
        try:
            attachment = await attachments.add(
                context.member,
                pending.client_id,
                pending.items,
                caption=pending.caption,
                origin=pending.origin,
                once=payload.token,
            )
        except AlreadyDone as done:
            if done.entity_id is None:
                raise
            attachment = await attachments.get(context.member, done.entity_id)
        # Kept without its items (they are stored now), for a second "Oui" and late items.
        pending.attached, pending.items = attachment.id, []
        keep_pending(context, pending)
    await show(
        update,
        context,
        views.attached_text(lang, pending.title, attachment),
        views.attached_keyboard(lang, pending.client_id),
    )


class _AboutOneClient(filters.MessageFilter):
    """A reply to a message about one client (a card, or a screen of it)."""

    def filter(self, message: Message) -> bool:
        return client_shown(message.reply_to_message) is not None


def handlers() -> list[BaseHandler]:
    to_card = RepliesToTheBot() & _AboutOneClient()
    private = filters.ChatType.PRIVATE
    # A private location answering no card is a search of the nearest clients.
    not_nearby = ~filters.LOCATION | to_card
    sent = filters.UpdateType.MESSAGE & SENT & ~filters.VIA_BOT
    return [
        MessageHandler(
            sent & ((private & not_nearby) | (filters.ChatType.GROUPS & to_card)), receive
        ),
        attach.handler(),
    ]
