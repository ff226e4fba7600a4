"""A client's attachments: "📎 Pièces (N)" lists them newest first; one is sent back into the
chat as it was sent (an album as an album, a document as a document), with who attached it
and when; its author or a manager removes it.

```mermaid
flowchart LR
    card -- "📎 Pièces (N)" --> list -- "older / newest" --> list
    list -- attachment --> sent["the media, then its details"]
    sent -- "🗑 Retirer" --> sure{"Oui / Non"}
    sure -- Non --> list
    sure -- Oui --> list
```
"""

from __future__ import annotations

import html

from telegram import (
    InputMediaDocument,
    InputMediaPhoto,
    InputMediaVideo,
    Update,
)
from telegram.ext import BaseHandler

from bot.buttons import on_button
from bot.confirmation import ask
from bot.context import BotContext
from bot.i18n import t
from bot.payloads import AttachmentOpen, AttachmentRemove, Attachments
from bot.replies import answer, clip, show
from bot.views import attachments as views
from lokisi.enums import AttachmentKind
from lokisi.errors import PermissionDenied
from lokisi.schemas import AttachmentItemView, AttachmentView

_INPUT_MEDIA = {
    AttachmentKind.PHOTO: InputMediaPhoto,
    AttachmentKind.VIDEO: InputMediaVideo,
    AttachmentKind.DOCUMENT: InputMediaDocument,
}


@on_button(Attachments)
async def list_attachments(update: Update, context: BotContext, payload: Attachments) -> None:
    """The client's attachments, newest first, a page at a time."""
    await show_attachments(update, context, payload.client_id, payload.before)


async def show_attachments(
    update: Update, context: BotContext, client_id: int, before: int | None = None
) -> None:
    client = await context.services.clients.get(context.member, client_id)
    page = await context.services.attachments.page(context.member, client.id, before_id=before)
    await show(
        update,
        context,
        views.list_text(context.lang, client, page),
        views.list_keyboard(context.lang, client.id, page),
    )


@on_button(AttachmentOpen)
async def send_back(update: Update, context: BotContext, payload: AttachmentOpen) -> None:
    """Send the attachment into the chat as it was sent, then what it is and who attached it."""
    attachment = await context.services.attachments.get(context.member, payload.attachment_id)
    client = await context.services.clients.get(context.member, attachment.client_id)
    await answer(update, context)
    chat = update.effective_chat
    if chat is None:
        return
    await _send(context, chat.id, attachment)
    await context.bot.send_message(
        chat.id,
        views.details_text(context.lang, client, attachment),
        reply_markup=views.details_keyboard(context.lang, attachment, context.member),
    )


async def _send(context: BotContext, chat_id: int, attachment: AttachmentView) -> None:
    """Each batch of items (bot.views.attachments.batches) the way Telegram sends it; the
    caption goes with the first media, as the member sent it."""
    caption = html.escape(attachment.caption) if attachment.caption else None
    bot = context.bot
    for batch in views.batches(attachment.items):
        first = batch[0]
        if len(batch) > 1:
            media = [
                _INPUT_MEDIA[item.kind](item.file_id, caption=caption if n == 0 else None)
                for n, item in enumerate(batch)
            ]
            await bot.send_media_group(chat_id, media)
        else:
            await _send_one(context, chat_id, first, caption, attachment.origin)
        caption = None


async def _send_one(
    context: BotContext,
    chat_id: int,
    item: AttachmentItemView,
    caption: str | None,
    origin: str | None,
) -> None:
    bot = context.bot
    match item.kind:
        case AttachmentKind.PHOTO:
            await bot.send_photo(chat_id, item.file_id or "", caption=caption)
        case AttachmentKind.VIDEO:
            await bot.send_video(chat_id, item.file_id or "", caption=caption)
        case AttachmentKind.DOCUMENT:
            await bot.send_document(chat_id, item.file_id or "", caption=caption)
        case AttachmentKind.VOICE:
            await bot.send_voice(chat_id, item.file_id or "", caption=caption)
        case AttachmentKind.LOCATION:
            await bot.send_location(chat_id, item.latitude, item.longitude)
        case AttachmentKind.MESSAGE:
            said = html.escape(item.text or "")
            if origin:
                by = t(context.lang, "attachments.forwarded_by", origin=html.escape(origin))
                said = f"{by}\n{said}"
            await bot.send_message(chat_id, clip(said))


@on_button(AttachmentRemove)
async def remove(update: Update, context: BotContext, payload: AttachmentRemove) -> None:
    """ "Retirer": ask "Oui" / "Non" (its author or a manager), then remove it."""
    attachments = context.services.attachments
    if payload.token is None:
        attachment = await attachments.get(context.member, payload.attachment_id)
        if not views.may_remove(context.member, attachment):
            raise PermissionDenied("attachment.remove")
        client = await context.services.clients.get(context.member, attachment.client_id)
        question = views.remove_question(context.lang, client, attachment)
        await ask(update, context, question, payload, Attachments(attachment.client_id))
        return
    removed = await attachments.remove(context.member, payload.attachment_id, once=payload.token)
    await answer(update, context, t(context.lang, "attachments.removed"))
    await show_attachments(update, context, removed.client_id)


def handlers() -> list[BaseHandler]:
    return [button.handler() for button in (list_attachments, send_back, remove)]
