"""Supprimer un client (card → "Supprimer" → "Oui") and Supprimer plusieurs clients
(selection → "Supprimer (N)" → "Oui"); managers only.

```mermaid
flowchart LR
    card -- "🗑 Supprimer" --> ask["Supprimer X ?"]
    ask -- Non --> card
    ask -- Oui --> done["deleted + menu"] & refused["documents in progress"]
    list["list, selection ●"] -- "Supprimer (N)" --> bulk["Supprimer ces clients ?"]
    bulk -- Non --> list
    bulk -- Oui --> summary["deleted / refused, client by client"]
```
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler

from bot.access import members_only
from bot.context import BotContext
from bot.handlers.search import selection, unselect
from bot.i18n import t
from bot.payloads import Delete, DeleteConfirm, SelectionDelete, SelectionDeleteConfirm
from bot.replies import show, tell
from bot.views.deletion import (
    bulk_confirm_keyboard,
    bulk_confirm_text,
    bulk_summary_keyboard,
    bulk_summary_text,
    confirm_keyboard,
    confirm_text,
    deleted_text,
    refused_keyboard,
    refused_text,
)
from bot.views.lists import PageRequest
from bot.views.menu import menu_keyboard
from lokisi.errors import ClientHasOpenDocuments

# The clients named by the last bulk confirmation: "Oui" deletes exactly what was shown.
CONFIRMED = "deletion"


@members_only(managers=True)
async def ask_delete(update: Update, context: BotContext) -> None:
    """Ask "Supprimer <name> (<code>) ?" with "Oui" / "Non"."""
    assert update.callback_query is not None
    client_id = Delete.unpack(update.callback_query.data).client_id
    client = await context.services.clients.get(context.member, client_id)
    await show(
        update,
        context,
        confirm_text(context.lang, client),
        confirm_keyboard(context.lang, client.id),
    )


@members_only(managers=True)
async def delete_client(update: Update, context: BotContext) -> None:
    """ "Oui": delete the client, or name the documents in progress that prevent it."""
    assert update.callback_query is not None
    client_id = DeleteConfirm.unpack(update.callback_query.data).client_id
    lang = context.lang
    try:
        client = await context.services.clients.delete(context.member, client_id)
    except ClientHasOpenDocuments as refused:
        await show(
            update,
            context,
            refused_text(lang, refused.client, refused.documents),
            refused_keyboard(lang, client_id, refused.documents),
        )
        return
    unselect(context, [client_id])
    await show(update, context, deleted_text(lang, client), menu_keyboard(lang, context.member))


@members_only(managers=True)
async def ask_delete_selection(update: Update, context: BotContext) -> None:
    """ "Supprimer (N)": name the selected clients and ask "Oui" / "Non"."""
    chosen = selection(context)
    clients = await context.services.clients.summaries(context.member, chosen)
    # Clients deleted meanwhile (by anyone) leave the selection, so that N stays true.
    alive = {c.id for c in clients}
    chosen[:] = [i for i in chosen if i in alive]
    if not clients:
        await tell(update, context, t(context.lang, "delete.bulk_nothing"))
        return
    assert context.user_data is not None
    context.user_data[CONFIRMED] = [c.id for c in clients]
    assert update.callback_query is not None
    page = PageRequest.of_selection(SelectionDelete.unpack(update.callback_query.data))
    back = page.payload()
    await show(
        update,
        context,
        bulk_confirm_text(context.lang, clients),
        bulk_confirm_keyboard(context.lang, back),
    )


@members_only(managers=True)
async def delete_selection(update: Update, context: BotContext) -> None:
    """ "Oui": delete what may be deleted, then one summary, client by client."""
    assert context.user_data is not None
    # Taken before deleting: a second "Oui" finds nothing and starts no second run.
    confirmed: list[int] = context.user_data.pop(CONFIRMED, None) or []
    if not confirmed:
        await tell(update, context, t(context.lang, "delete.bulk_nothing"))
        return
    outcomes = await context.services.clients.delete_many(context.member, confirmed)
    # Refused clients leave the selection too: the summary names them and the documents to
    # close, which takes a while; a selection kept silently until then would put them, unseen,
    # in the next "Supprimer (N)", and a second "Oui" would start a second run.
    unselect(context, confirmed)
    await show(
        update,
        context,
        bulk_summary_text(context.lang, outcomes),
        bulk_summary_keyboard(context.lang, outcomes),
    )


def handlers() -> list[BaseHandler]:
    return [
        CallbackQueryHandler(ask_delete, pattern=Delete.pattern()),
        CallbackQueryHandler(delete_client, pattern=DeleteConfirm.pattern()),
        CallbackQueryHandler(ask_delete_selection, pattern=SelectionDelete.pattern()),
        CallbackQueryHandler(delete_selection, pattern=SelectionDeleteConfirm.pattern()),
    ]
