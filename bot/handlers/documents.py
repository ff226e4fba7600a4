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

import secrets

from telegram import Message, Update
from telegram.ext import BaseHandler, CallbackQueryHandler

from bot.access import members_only
from bot.context import BotContext
from bot.i18n import t
from bot.payloads import (
    DocumentCancel,
    DocumentClose,
    DocumentConfirm,
    DocumentKindChoice,
    DocumentOpen,
    Documents,
    DocumentStart,
    DocumentStartWork,
)
from bot.replies import answer, show
from bot.views import documents as views
from lokisi.errors import DocumentKindRequired
from lokisi.schemas import DocumentView

NONCES = "nonces"
# Enough for a few confirmations left open at once; older "Oui" buttons then count as used.
MAX_NONCES = 20


def _nonces(context: BotContext) -> list[str]:
    assert context.user_data is not None  # callback queries always come from a user
    nonces: list[str] = context.user_data.setdefault(NONCES, [])
    return nonces


def issue_nonce(context: BotContext) -> str:
    """A one-time token for a "Oui" button, remembered in the user's (persisted) data."""
    nonce = secrets.token_hex(4)
    nonces = _nonces(context)
    nonces.append(nonce)
    del nonces[:-MAX_NONCES]
    return nonce


def consume_nonce(context: BotContext, nonce: str) -> bool:
    """True the first time a "Oui" is pressed; a double tap or a replay gets False."""
    nonces = _nonces(context)
    if nonce not in nonces:
        return False
    nonces.remove(nonce)
    return True


def query_data(update: Update) -> str | None:
    assert update.callback_query is not None
    return update.callback_query.data


@members_only
async def ask_creation(update: Update, context: BotContext) -> None:
    """ "Créer une intervention" (etc.): name the client and ask "Oui" / "Non"."""
    payload = DocumentStart.unpack(query_data(update))
    client = await context.services.clients.get(context.member, payload.client_id)
    nonce = issue_nonce(context)
    await show(
        update,
        context,
        views.confirm_creation_text(context.lang, payload.family, client),
        views.confirm_creation_keyboard(context.lang, payload.family, client.id, nonce),
    )


@members_only
async def create(update: Update, context: BotContext) -> None:
    """ "Oui": create the document, or ask its kind in a second message when "au choix"."""
    payload = DocumentConfirm.unpack(query_data(update))
    if not consume_nonce(context, payload.nonce):
        await answer(update, context, t(context.lang, "common.already_handled"), alert=True)
        return
    try:
        document = await context.services.documents.create(
            context.member, payload.client_id, payload.family
        )
    except DocumentKindRequired as asked:
        await ask_kind(update, context, payload.client_id, asked)
        return
    await show_created(update, context, document)


async def ask_kind(
    update: Update, context: BotContext, client_id: int, asked: DocumentKindRequired
) -> None:
    """The manual's second message: "Devis" or "Ordre" (or "Contrat")."""
    client = await context.services.clients.get(context.member, client_id)
    nonce = issue_nonce(context)
    await answer(update, context)
    message = update.callback_query.message if update.callback_query else None
    if isinstance(message, Message):
        # The question was answered: its "Oui" / "Non" must not invite another tap.
        await message.edit_reply_markup(reply_markup=None)
    await show(
        update,
        context,
        views.kind_choice_text(context.lang, asked.family, client),
        views.kind_choice_keyboard(context.lang, asked.choices, client.id, nonce),
        new_message=True,
    )


@members_only
async def create_chosen_kind(update: Update, context: BotContext) -> None:
    """ "Devis", "Ordre" or "Contrat": create that kind, once."""
    payload = DocumentKindChoice.unpack(query_data(update))
    if not consume_nonce(context, payload.nonce):
        await answer(update, context, t(context.lang, "common.already_handled"), alert=True)
        return
    document = await context.services.documents.create(
        context.member, payload.client_id, payload.kind.family, payload.kind
    )
    await show_created(update, context, document)


async def show_created(update: Update, context: BotContext, document: DocumentView) -> None:
    """Number, kind and status of the new document, and where to go from there."""
    client = await context.services.clients.get(context.member, document.client_id)
    await show(
        update,
        context,
        views.created_text(context.lang, document, client),
        views.created_keyboard(context.lang, document),
    )


@members_only
async def list_documents(update: Update, context: BotContext) -> None:
    """The client's documents, newest first, each a button."""
    payload = Documents.unpack(query_data(update))
    client = await context.services.clients.get(context.member, payload.client_id)
    documents = await context.services.documents.list_for_client(context.member, client.id)
    await show(
        update,
        context,
        views.list_text(context.lang, client, documents),
        views.list_keyboard(context.lang, client.id, documents),
    )


@members_only
async def open_document(update: Update, context: BotContext) -> None:
    """One document: number, kind, status, client, who created it and when."""
    payload = DocumentOpen.unpack(query_data(update))
    document = await context.services.documents.get(context.member, payload.document_id)
    await show_document(update, context, document)


async def show_document(update: Update, context: BotContext, document: DocumentView) -> None:
    """The document view, with the moves the member may make."""
    client = await context.services.clients.get(context.member, document.client_id)
    await show(
        update,
        context,
        views.document_text(context.lang, document, client),
        views.document_keyboard(context.lang, document, context.member),
    )


@members_only
async def start_work(update: Update, context: BotContext) -> None:
    """ "Passer en cours": any member starts work on a brouillon."""
    payload = DocumentStartWork.unpack(query_data(update))
    document = await context.services.documents.start(context.member, payload.document_id)
    await answer(update, context, t(context.lang, "documents.started", number=document.number))
    await show_document(update, context, document)


@members_only(managers=True)
async def close_document(update: Update, context: BotContext) -> None:
    """ "Clôturer": ask "Oui" / "Non", then close."""
    await finalise(update, context, DocumentClose.unpack(query_data(update)), cancel=False)


@members_only(managers=True)
async def cancel_document(update: Update, context: BotContext) -> None:
    """ "Annuler le document": ask "Oui" / "Non", then cancel."""
    await finalise(update, context, DocumentCancel.unpack(query_data(update)), cancel=True)


async def finalise(
    update: Update,
    context: BotContext,
    payload: DocumentClose | DocumentCancel,
    *,
    cancel: bool,
) -> None:
    """Ask first; once confirmed, close or cancel the document and show it."""
    documents = context.services.documents
    if not payload.confirmed:
        document = await documents.get(context.member, payload.document_id)
        await show(
            update,
            context,
            views.confirm_final_text(context.lang, document, cancel=cancel),
            views.confirm_final_keyboard(context.lang, document, cancel=cancel),
        )
        return
    move = documents.cancel if cancel else documents.close
    document = await move(context.member, payload.document_id)
    done = "documents.cancelled" if cancel else "documents.closed"
    await answer(update, context, t(context.lang, done, number=document.number))
    await show_document(update, context, document)


def handlers() -> list[BaseHandler]:
    return [
        CallbackQueryHandler(ask_creation, pattern=DocumentStart.pattern()),
        CallbackQueryHandler(create, pattern=DocumentConfirm.pattern()),
        CallbackQueryHandler(create_chosen_kind, pattern=DocumentKindChoice.pattern()),
        CallbackQueryHandler(list_documents, pattern=Documents.pattern()),
        CallbackQueryHandler(open_document, pattern=DocumentOpen.pattern()),
        CallbackQueryHandler(start_work, pattern=DocumentStartWork.pattern()),
        CallbackQueryHandler(close_document, pattern=DocumentClose.pattern()),
        CallbackQueryHandler(cancel_document, pattern=DocumentCancel.pattern()),
    ]
