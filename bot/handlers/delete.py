"""Supprimer un client (card → "Supprimer" → "Oui") and Supprimer plusieurs clients
(selection → "Supprimer (N)" → "Oui"); managers only.

```mermaid
flowchart LR
    card -- "🗑 Supprimer" --> ask["Supprimer X ?"]
    ask -- Non --> card
    ask -- Oui --> done["deleted + menu"] & refused["documents in progress"]
    refused -- "Clôturer et supprimer" --> sure["Clôturer … et supprimer X ?"]
    sure -- Non --> card
    sure -- Oui --> done
    list["list, selection ●"] -- "Supprimer (N)" --> bulk["Supprimer ces clients ?"]
    bulk -- Non --> list
    bulk -- Oui --> summary["deleted / refused, client by client"]
```
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler

from bot.buttons import on_button
from bot.confirmation import ask, done_before, new_token
from bot.context import BotContext
from bot.i18n import t
from bot.payloads import Card, CloseAndDelete, Delete, SelectionDelete
from bot.replies import show, tell
from bot.user_data import ask_deletion, selection, take_deletion, unselect
from bot.views.deletion import (
    bulk_confirm_text,
    bulk_summary_keyboard,
    bulk_summary_text,
    closed_and_deleted_text,
    confirm_close_and_delete_text,
    confirm_text,
    deleted_text,
    refused_keyboard,
    refused_text,
)
from bot.views.lists import PageRequest
from bot.views.menu import menu_keyboard
from lokisi.errors import AlreadyDone, ClientHasOpenDocuments
from lokisi.schemas import ClientView, DeleteOutcome


@on_button(Delete, managers=True)
async def delete_client(update: Update, context: BotContext, payload: Delete) -> None:
    """Ask "Supprimer <name> (<code>) ?"; on "Oui", delete the client, or name the documents
    in progress that prevent it."""
    lang = context.lang
    if payload.token is None:
        client = await context.services.clients.get(context.member, payload.client_id)
        await ask(update, context, confirm_text(lang, client), payload, Card(client.id))
        return
    try:
        client = await context.services.clients.delete(
            context.member, payload.client_id, once=payload.token
        )
    except ClientHasOpenDocuments as refusal:
        await show(
            update,
            context,
            refused_text(lang, refusal),
            refused_keyboard(lang, payload.client_id, refusal.documents),
        )
        return
    except AlreadyDone as done:
        if done.outcome is None:
            # Deleted by a version that kept no answer: only say it was done.
            raise
        await done_before(update, context)
        client = ClientView.model_validate(done.outcome)
    unselect(context, [payload.client_id])
    await show(update, context, deleted_text(lang, client), menu_keyboard(lang, context.member))


@on_button(CloseAndDelete, managers=True)
async def close_and_delete(update: Update, context: BotContext, payload: CloseAndDelete) -> None:
    """From the refusal: name the documents in progress and ask; on "Oui", close them and
    delete the client, in one transaction (a document opened meanwhile is closed too)."""
    lang = context.lang
    if payload.token is None:
        client = await context.services.clients.get(context.member, payload.client_id)
        documents = await context.services.documents.list_for_client(context.member, client.id)
        in_progress = [d for d in documents if d.status.is_open]
        question = confirm_close_and_delete_text(lang, client, in_progress)
        await ask(update, context, question, payload, Card(client.id))
        return
    client = await context.services.clients.delete(
        context.member, payload.client_id, once=payload.token, closing_documents=True
    )
    unselect(context, [payload.client_id])
    text = closed_and_deleted_text(lang, client)
    await show(update, context, text, menu_keyboard(lang, context.member))


@on_button(SelectionDelete, managers=True)
async def delete_selection(update: Update, context: BotContext, payload: SelectionDelete) -> None:
    """ "Supprimer (N)": name the selected clients and ask; on "Oui", delete what may be
    deleted, then one summary, client by client."""
    if payload.token is None:
        await _ask_delete_selection(update, context, payload)
        return
    # The token says whether this "Oui" deleted before (a double tap, a crash): then what it
    # deleted is shown again, whether or not the question is still remembered.
    confirmed = take_deletion(context, payload.token)
    try:
        outcomes = await context.services.clients.delete_many(
            context.member, confirmed, once=payload.token
        )
    except AlreadyDone as done:
        if done.outcome is None:
            raise
        await done_before(update, context)
        outcomes = [DeleteOutcome.model_validate(outcome) for outcome in done.outcome]
    if not outcomes:
        await tell(update, context, t(context.lang, "delete.bulk_nothing"))
        return
    # Refused clients leave the selection too: the summary names them and the documents to
    # close, which takes a while; a selection kept silently until then would put them, unseen,
    # in the next "Supprimer (N)".
    unselect(context, confirmed)
    await show(
        update,
        context,
        bulk_summary_text(context.lang, outcomes),
        bulk_summary_keyboard(context.lang, outcomes),
    )


async def _ask_delete_selection(
    update: Update, context: BotContext, payload: SelectionDelete
) -> None:
    chosen = selection(context)
    clients = await context.services.clients.summaries(context.member, chosen)
    # Clients deleted meanwhile (by anyone) leave the selection, so that N stays true.
    alive = {c.id for c in clients}
    chosen[:] = [i for i in chosen if i in alive]
    if not clients:
        await tell(update, context, t(context.lang, "delete.bulk_nothing"))
        return
    back = PageRequest.of_selection(payload).payload()
    # "Oui" deletes exactly the clients the question names.
    token = new_token(context)
    ask_deletion(context, token, [c.id for c in clients])
    question = bulk_confirm_text(context.lang, clients)
    await ask(update, context, question, payload, back, token=token)


def handlers() -> list[BaseHandler]:
    return [delete_client.handler(), close_and_delete.handler(), delete_selection.handler()]
