"""Deleting clients: the confirmation, and what was deleted or refused and why."""

from __future__ import annotations

import html
from collections.abc import Sequence

from telegram import InlineKeyboardMarkup

from bot.errors import describe
from bot.i18n import t, t_count
from bot.payloads import Card, CloseAndDelete, DocumentOpen, ListPage, Menu
from bot.views.keyboards import button, keyboard
from bot.views.values import client_title, status_of
from lokisi.errors import ClientHasOpenDocuments
from lokisi.schemas import ClientSummary, ClientView, DeleteOutcome, DocumentView

# Long lists are cut so that a message stays readable, and within Telegram's 4096 characters
# whatever the names: clipping the finished HTML could cut a tag, which Telegram refuses.
MAX_CLIENTS_LISTED = 20
MAX_DOCUMENTS_LISTED = 5
NAMES_BUDGET = 3000
DELETED_BUDGET = 1200
REFUSED_BUDGET = 2200
MAX_BUTTONS = 8
MAX_NAME_IN_LABEL = 36


def document_line(lang: str, document: DocumentView) -> str:
    """ "VE-2026-0001 — Vente, brouillon"."""
    return t(
        lang,
        "delete.document_line",
        number=html.escape(document.number),
        kind=t(lang, f"kind.{document.kind.value}"),
        status=status_of(lang, document.kind, document.status),
    )


def _cut(
    lang: str, lines: list[str], limit: int, budget: int = NAMES_BUDGET, indent: str = ""
) -> list[str]:
    """At most `limit` lines and `budget` characters, then "… et N de plus"."""
    kept: list[str] = []
    used = 0
    for line in lines[:limit]:
        used += len(line) + 1
        if used > budget:
            break
        kept.append(line)
    if len(kept) == len(lines):
        return kept
    return [*kept, indent + t(lang, "common.and_more", count=len(lines) - len(kept))]


# One client


def confirm_text(lang: str, client: ClientView) -> str:
    return t(lang, "delete.confirm", client=client_title(client))


def deleted_text(lang: str, client: ClientView) -> str:
    return "\n".join(
        [t(lang, "delete.done", client=client_title(client)), t(lang, "delete.restorable")]
    )


def refused_text(lang: str, refusal: ClientHasOpenDocuments) -> str:
    """Why the client stays, and each document in progress that keeps it."""
    lines = [describe(refusal, lang), ""]
    documents_lines = [f"• {document_line(lang, d)}" for d in refusal.documents]
    lines += _cut(lang, documents_lines, MAX_BUTTONS)
    lines += ["", t_count(lang, "delete.close_first", len(refusal.documents))]
    return "\n".join(lines)


def refused_keyboard(
    lang: str, client_id: int, documents: Sequence[DocumentView]
) -> InlineKeyboardMarkup:
    """Close them all and delete, in one go; or each document in progress one tap away;
    then back to the card."""
    close_all = t_count(lang, "delete.close_and_delete", len(documents))
    return keyboard(
        [button(close_all, CloseAndDelete(client_id))],
        *(
            [button(t(lang, "delete.open_document", number=d.number), DocumentOpen(d.id))]
            for d in documents[:MAX_BUTTONS]
        ),
        [button(t(lang, "common.back"), Card(client_id))],
    )


def confirm_close_and_delete_text(
    lang: str, client: ClientView, documents: Sequence[DocumentView]
) -> str:
    """Which documents will be closed, and which client deleted, before "Oui"."""
    lines = [f"• {document_line(lang, d)}" for d in documents]
    question = t_count(
        lang, "delete.confirm_close_and_delete", len(documents), client=client_title(client)
    )
    return "\n".join([question, "", *_cut(lang, lines, MAX_BUTTONS)])


def closed_and_deleted_text(lang: str, client: ClientView) -> str:
    return "\n".join([t(lang, "delete.closed_documents"), deleted_text(lang, client)])


# Several clients


def bulk_confirm_text(lang: str, clients: Sequence[ClientSummary]) -> str:
    names = [f"• {client_title(c)}" for c in clients]
    return "\n".join(
        [t_count(lang, "delete.bulk_confirm", len(clients)), *_cut(lang, names, MAX_CLIENTS_LISTED)]
    )


def bulk_summary_text(lang: str, outcomes: Sequence[DeleteOutcome]) -> str:
    """Deleted clients, then refused ones client by client with their documents in progress."""
    deleted = [o for o in outcomes if o.deleted]
    refused = [o for o in outcomes if not o.deleted and not o.not_found]
    gone = [o for o in outcomes if o.not_found]
    lines = [t(lang, "delete.bulk_title")]
    if deleted:
        lines += ["", t_count(lang, "delete.bulk_deleted", len(deleted))]
        names = [f"• {_outcome_title(o)}" for o in deleted]
        lines += _cut(lang, names, MAX_CLIENTS_LISTED, DELETED_BUDGET)
        lines.append(t_count(lang, "delete.bulk_restorable", len(deleted)))
    if refused:
        lines += ["", t_count(lang, "delete.bulk_refused", len(refused))]
        blocks = [_refused_block(lang, o) for o in refused]
        lines += _cut(lang, blocks, MAX_CLIENTS_LISTED, REFUSED_BUDGET)
        lines += ["", t(lang, "delete.bulk_close_first")]
    if gone:
        lines += ["", t_count(lang, "delete.bulk_gone", len(gone))]
    return "\n".join(lines)


def bulk_summary_keyboard(lang: str, outcomes: Sequence[DeleteOutcome]) -> InlineKeyboardMarkup:
    """The refused clients' cards, where their documents are; then the list and the menu."""
    refused = [o for o in outcomes if not o.deleted and not o.not_found]
    return keyboard(
        *(
            [button(f"📇 {_short(o.name or '')} ({o.code})", Card(o.client_id))]
            for o in refused[:MAX_BUTTONS]
        ),
        [
            button(t(lang, "menu.list"), ListPage()),
            button(t(lang, "common.menu"), Menu()),
        ],
    )


def _refused_block(lang: str, outcome: DeleteOutcome) -> str:
    documents = [f"   – {document_line(lang, d)}" for d in outcome.open_documents]
    documents = _cut(lang, documents, MAX_DOCUMENTS_LISTED, indent="   ")
    return "\n".join([f"• {_outcome_title(outcome)}", *documents])


def _outcome_title(outcome: DeleteOutcome) -> str:
    return f"<b>{html.escape(outcome.name or '')}</b> ({html.escape(outcome.code or '')})"


def _short(name: str) -> str:
    return name if len(name) <= MAX_NAME_IN_LABEL else name[: MAX_NAME_IN_LABEL - 1] + "…"
