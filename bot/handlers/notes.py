"""A client's notes: "📝 Notes (N)" lists them newest first, each with its author and time;
"Ajouter une note" asks for one, answered in one message (a reply, which privacy mode lets
through in groups); its author or a manager removes one.

```mermaid
flowchart LR
    card -- "📝 Notes (N)" --> list -- "older / newest" --> list
    list -- "Ajouter une note" --> asked["✍️ Votre note… (reply)"]
    asked -- "the reply" --> added["✅ Note ajoutée + the list"]
    asked -- "too long, blank" --> said["why; the question stays"]
    list -- note --> note -- "🗑 Retirer" --> sure{"Oui / Non"}
    sure -- Non --> list
    sure -- Oui --> list
```
"""

from __future__ import annotations

from telegram import ForceReply, Message, Update
from telegram.ext import BaseHandler, MessageHandler, filters

from bot.access import members_only
from bot.buttons import on_button
from bot.confirmation import ask
from bot.context import BotContext
from bot.form_steps import in_group, owner_mention
from bot.handlers.search import show_search_results
from bot.handlers.stray import stray_reply
from bot.i18n import t
from bot.payloads import NoteAdd, NoteOpen, NoteRemove, Notes
from bot.replies import answer, ask_reply, reply, show
from bot.replying import RepliesToTheBot
from bot.user_data import ask_note, drop_note_prompt, note_asked
from bot.views import notes as views
from bot.views.values import client_title
from lokisi.errors import AlreadyDone, InvalidInput, PermissionDenied


@on_button(Notes)
async def list_notes(update: Update, context: BotContext, payload: Notes) -> None:
    """The client's notes, newest first, a page at a time."""
    await show_notes(update, context, payload.client_id, payload.before)


async def show_notes(
    update: Update,
    context: BotContext,
    client_id: int,
    before: int | None = None,
    *,
    new_message: bool = False,
    said: str | None = None,
) -> None:
    client = await context.services.clients.get(context.member, client_id)
    page = await context.services.notes.page(context.member, client.id, before_id=before)
    text = views.list_text(context.lang, client, page)
    await show(
        update,
        context,
        f"{said}\n\n{text}" if said else text,
        views.list_keyboard(context.lang, client.id, page),
        new_message=new_message,
    )


@on_button(NoteAdd)
async def ask_for_note(update: Update, context: BotContext, payload: NoteAdd) -> None:
    """Ask for the note as a question to reply to, so that one message adds it."""
    client = await context.services.clients.get(context.member, payload.client_id)
    await answer(update, context)
    chat = update.effective_chat
    if chat is None:
        return
    placeholder = t(context.lang, "notes.placeholder")
    question = await ask_reply(
        update,
        context,
        views.prompt_text(context.lang, client, owner_mention(update)),
        ForceReply(selective=True, input_field_placeholder=placeholder),
    )
    if question is not None:
        ask_note(context, chat.id, question.message_id, client.id)


@members_only
async def receive_note(update: Update, context: BotContext) -> None:
    """A text replying to one of the bot's messages: the note it asked this user for; any other
    reply in a private chat is a search, as any text there, and in a group gets a hint."""
    message, chat = update.effective_message, update.effective_chat
    assert message is not None and chat is not None and message.reply_to_message is not None
    asked = message.reply_to_message.message_id
    client_id = note_asked(context, chat.id, asked)
    if client_id is None:
        if in_group(update):
            await stray_reply(update, context)
        elif message.text:
            await show_search_results(update, context, message.text)
        return
    try:
        note = await context.services.notes.add(
            context.member, client_id, message.text or "", once=_once(message)
        )
    except InvalidInput as refused:
        await _refuse(update, context, refused)
        return
    except AlreadyDone as done:
        if done.entity_id is None:
            raise
        note = await context.services.notes.get(context.member, done.entity_id)
    drop_note_prompt(context, chat.id, asked)
    client = await context.services.clients.get(context.member, note.client_id)
    added = t(context.lang, "notes.added", client=client_title(client))
    await show_notes(update, context, note.client_id, new_message=True, said=added)


def _once(message: Message) -> str:
    """The message's own token: delivered again, it adds the note once."""
    return f"n{message.chat.id}:{message.message_id}"


async def _refuse(update: Update, context: BotContext, refused: InvalidInput) -> None:
    """Why the note was not added; the question stays, to answer again."""
    [error] = refused.errors
    if error.code == "too_long":
        text = t(context.lang, "notes.too_long", **error.params)
    else:
        text = t(context.lang, "notes.blank")
    message = update.effective_message
    assert message is not None
    await reply(message, text)


@on_button(NoteOpen)
async def open_note(update: Update, context: BotContext, payload: NoteOpen) -> None:
    """One note, whole, with who wrote it and when."""
    note = await context.services.notes.get(context.member, payload.note_id)
    client = await context.services.clients.get(context.member, note.client_id)
    await show(
        update,
        context,
        views.note_text(context.lang, client, note),
        views.note_keyboard(context.lang, note, context.member),
    )


@on_button(NoteRemove)
async def remove_note(update: Update, context: BotContext, payload: NoteRemove) -> None:
    """ "Retirer la note": ask "Oui" / "Non" (its author or a manager), then remove it."""
    notes = context.services.notes
    if payload.token is None:
        note = await notes.get(context.member, payload.note_id)
        if not views.may_remove(context.member, note):
            raise PermissionDenied("note.remove")
        question = views.remove_question(context.lang, note)
        await ask(update, context, question, payload, NoteOpen(note.id))
        return
    removed = await notes.remove(context.member, payload.note_id, once=payload.token)
    await answer(update, context, t(context.lang, "notes.removed"))
    await show_notes(update, context, removed.client_id)


def handlers() -> list[BaseHandler]:
    text = filters.UpdateType.MESSAGE & filters.TEXT & ~filters.COMMAND & ~filters.VIA_BOT
    return [
        MessageHandler(text & RepliesToTheBot(), receive_note),
        *(button.handler() for button in (list_notes, ask_for_note, open_note, remove_note)),
    ]
