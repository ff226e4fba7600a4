"""Créer une intervention / location / vente / facture, a client's documents, one document.

```mermaid
flowchart LR
    card -- "Créer une …" --> confirm{"Oui / Non"}
    confirm -- Non --> card
    confirm -- Oui --> created
    confirm -- "Oui, au choix" --> choice{"second message: Devis / Ordre or Contrat"}
    choice -- Annuler --> card
    choice -- kind --> created
    card -- Documents --> list --> document
    document -- "Clôturer / Annuler le document" --> sure{"Oui / Non"}
    sure -- Non --> document
    sure -- Oui --> document
```
"""

from __future__ import annotations

from telegram import Message, Update
from telegram.ext import BaseHandler

from bot.buttons import on_button
from bot.confirmation import ask, done_before
from bot.context import BotContext
from bot.payloads import (
    Card,
    DocumentCancel,
    DocumentClose,
    DocumentKindChoice,
    DocumentOpen,
    Documents,
    DocumentStart,
    DocumentStartWork,
)
from bot.replies import answer, show
from bot.views import documents as views
from lokisi.errors import AlreadyDone, DocumentKindRequired
from lokisi.schemas import DocumentView


@on_button(DocumentStart)
async def create(update: Update, context: BotContext, payload: DocumentStart) -> None:
    """ "Créer une intervention" (etc.): name the client and ask "Oui" / "Non"; on "Oui",
    create the document, or ask its kind in a second message when "au choix"."""
    if payload.token is None:
        client = await context.services.clients.get(context.member, payload.client_id)
        question = views.confirm_creation_text(context.lang, payload.family, client)
        await ask(update, context, question, payload, Card(client.id))
        return
    try:
        document = await context.services.documents.create(
            context.member, payload.client_id, payload.family, once=payload.token
        )
    except DocumentKindRequired as asked:
        await ask_kind(update, context, payload, asked)
        return
    except AlreadyDone as done:
        document = await _made_before(update, context, done)
    await show_created(update, context, document)


async def ask_kind(
    update: Update, context: BotContext, payload: DocumentStart, asked: DocumentKindRequired
) -> None:
    """The manual's second message: "Devis" or "Ordre" (or "Contrat"), under the token of the
    "Oui", which no document has used yet."""
    assert payload.token is not None
    client = await context.services.clients.get(context.member, payload.client_id)
    await answer(update, context)
    message = update.callback_query.message if update.callback_query else None
    if isinstance(message, Message):
        # The question was answered: its "Oui" / "Non" must not invite another tap.
        await message.edit_reply_markup(reply_markup=None)
    await show(
        update,
        context,
        views.kind_choice_text(context.lang, asked.family, client),
        views.kind_choice_keyboard(context.lang, asked.choices, client.id, payload.token),
        new_message=True,
    )


@on_button(DocumentKindChoice)
async def create_chosen_kind(
    update: Update, context: BotContext, payload: DocumentKindChoice
) -> None:
    """ "Devis", "Ordre" or "Contrat": create that kind, once."""
    documents = context.services.documents
    try:
        document = await documents.create(
            context.member, payload.client_id, payload.kind.family, payload.kind, once=payload.token
        )
    except AlreadyDone as done:
        document = await _made_before(update, context, done)
    await show_created(update, context, document)


async def _made_before(update: Update, context: BotContext, done: AlreadyDone) -> DocumentView:
    """The document this "Oui" (or this kind) created before: shown again, not made again."""
    if done.entity_id is None:
        raise done
    await done_before(update, context)
    return await context.services.documents.get(context.member, done.entity_id)


async def show_created(update: Update, context: BotContext, document: DocumentView) -> None:
    """Number, kind and status of the new document, and where to go from there."""
    client = await context.services.clients.get(context.member, document.client_id)
    await show(update, context, *views.created_screen(context.lang, document, client))


@on_button(Documents)
async def list_documents(update: Update, context: BotContext, payload: Documents) -> None:
    """The client's documents, newest first, each a button."""
    client = await context.services.clients.get(context.member, payload.client_id)
    documents = await context.services.documents.list_for_client(context.member, client.id)
    await show(update, context, *views.list_screen(context.lang, client, documents))


@on_button(DocumentOpen)
async def open_document(update: Update, context: BotContext, payload: DocumentOpen) -> None:
    """One document: number, kind, status, client, who created it and when."""
    document = await context.services.documents.get(context.member, payload.document_id)
    await show_document(update, context, document)


async def show_document(update: Update, context: BotContext, document: DocumentView) -> None:
    """The document view, with the moves the member may make."""
    client = await context.services.clients.get(context.member, document.client_id)
    await show(
        update, context, *views.document_screen(context.lang, document, client, context.member)
    )


@on_button(DocumentStartWork)
async def start_work(update: Update, context: BotContext, payload: DocumentStartWork) -> None:
    """ "Passer en cours": any member starts work on a brouillon."""
    document = await context.services.documents.start(context.member, payload.document_id)
    await answer(update, context, views.moved_text(context.lang, "documents.started", document))
    await show_document(update, context, document)


@on_button(DocumentClose, managers=True)
async def close_document(update: Update, context: BotContext, payload: DocumentClose) -> None:
    """ "Clôturer": ask "Oui" / "Non", then close."""
    await _finalise(update, context, payload)


@on_button(DocumentCancel, managers=True)
async def cancel_document(update: Update, context: BotContext, payload: DocumentCancel) -> None:
    """ "Annuler le document": ask "Oui" / "Non", then cancel."""
    await _finalise(update, context, payload)


async def _finalise(
    update: Update, context: BotContext, payload: DocumentClose | DocumentCancel
) -> None:
    documents = context.services.documents
    cancel = isinstance(payload, DocumentCancel)
    if payload.token is None:
        document = await documents.get(context.member, payload.document_id)
        question = views.confirm_final_text(context.lang, document, cancel=cancel)
        await ask(update, context, question, payload, DocumentOpen(document.id))
        return
    move = documents.cancel if cancel else documents.close
    try:
        document = await move(context.member, payload.document_id, once=payload.token)
    except AlreadyDone:
        await done_before(update, context)
        document = await documents.get(context.member, payload.document_id)
    else:
        done = "documents.cancelled" if cancel else "documents.closed"
        await answer(update, context, views.moved_text(context.lang, done, document))
    await show_document(update, context, document)


def handlers() -> list[BaseHandler]:
    return [
        button.handler()
        for button in (
            create,
            create_chosen_kind,
            list_documents,
            open_document,
            start_work,
            close_document,
            cancel_document,
        )
    ]
