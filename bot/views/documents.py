"""Documents: the "Oui"/"Non" before creating one, the "au choix" question, a client's
documents and one document with what the member may do with it."""

from __future__ import annotations

import html
from collections.abc import Sequence

from telegram import InlineKeyboardMarkup

from bot.i18n import t
from bot.payloads import (
    Card,
    DocumentCancel,
    DocumentClose,
    DocumentKindChoice,
    DocumentOpen,
    Documents,
    DocumentStartWork,
)
from bot.views.keyboards import button, keyboard
from bot.views.values import agreeing, client_title, status_of, when
from lokisi.document_moves import moves
from lokisi.enums import DocumentFamily, DocumentKind, DocumentStatus
from lokisi.schemas import ClientView, DocumentView, MemberView

# Longer lists are cut: the newest documents matter, and a keyboard must stay usable.
MAX_LISTED = 20


def kind_and_status(lang: str, document: DocumentView) -> str:
    return t(
        lang,
        "documents.kind_status",
        kind=t(lang, f"kind.{document.kind.value}"),
        status=status_of(lang, document.kind, document.status),
    )


def document_label(lang: str, document: DocumentView) -> str:
    """One line naming a document: number, kind and status."""
    return f"{document.number} — {kind_and_status(lang, document)}"


def confirm_creation_text(lang: str, family: DocumentFamily, client: ClientView) -> str:
    return t(lang, f"documents.confirm_{family.value}", client=client_title(client))


def kind_choice_text(lang: str, family: DocumentFamily, client: ClientView) -> str:
    return t(lang, f"documents.choose_{family.value}", client=client_title(client))


def kind_choice_keyboard(
    lang: str, choices: Sequence[DocumentKind], client_id: int, token: str
) -> InlineKeyboardMarkup:
    return keyboard(
        [
            button(
                t(lang, f"documents.choice_{kind.value}"),
                DocumentKindChoice(kind, client_id, token),
            )
            for kind in choices
        ],
        [button(t(lang, "common.cancel"), Card(client_id))],
    )


def created_text(lang: str, document: DocumentView, client: ClientView) -> str:
    family = document.kind.family
    created = t(
        lang,
        "documents.created",
        client=client_title(client),
        number=html.escape(document.number),
        kind=t(lang, f"kind.{document.kind.value}"),
        status=status_of(lang, document.kind, document.status),
    )
    return f"{created}\n\n{t(lang, f'documents.next_{family.value}')}"


def created_keyboard(lang: str, document: DocumentView) -> InlineKeyboardMarkup:
    return keyboard(
        [button(t(lang, "documents.open"), DocumentOpen(document.id))],
        [
            button(t(lang, "documents.client_documents"), Documents(document.client_id)),
            button(t(lang, "documents.back_to_card"), Card(document.client_id)),
        ],
    )


def list_text(lang: str, client: ClientView, documents: Sequence[DocumentView]) -> str:
    title = t(lang, "documents.list_title", client=client_title(client))
    if not documents:
        return f"{title}\n\n{t(lang, 'documents.none')}"
    lines = [title, "", t(lang, "documents.list_hint")]
    if len(documents) > MAX_LISTED:
        lines.append(t(lang, "common.and_more", count=len(documents) - MAX_LISTED))
    return "\n".join(lines)


def list_keyboard(
    lang: str, client_id: int, documents: Sequence[DocumentView]
) -> InlineKeyboardMarkup:
    rows = [
        [button(document_label(lang, document), DocumentOpen(document.id))]
        for document in documents[:MAX_LISTED]
    ]
    return keyboard(*rows, [button(t(lang, "documents.back_to_card"), Card(client_id))])


def document_text(lang: str, document: DocumentView, client: ClientView) -> str:
    lines = [
        f"📄 <b>{html.escape(document.number)}</b>",
        kind_and_status(lang, document),
        t(lang, "documents.client", client=client_title(client)),
        t(
            lang,
            "documents.created_by",
            name=html.escape(document.created_by_name),
            at=when(lang, document.created_at),
        ),
    ]
    if document.closed_at is not None and not document.status.is_open:
        lines.append(
            t(
                lang,
                agreeing(lang, f"documents.final_{document.status.value}", document.kind),
                at=when(lang, document.closed_at),
            )
        )
    return "\n".join(lines)


def document_keyboard(
    lang: str, document: DocumentView, member: MemberView
) -> InlineKeyboardMarkup:
    """Moves the member may make (lokisi.document_moves); techniciens never see close or
    cancel."""
    allowed = moves(member.role, document.status)
    start_row = None
    if DocumentStatus.EN_COURS in allowed:
        start_row = [button(t(lang, "documents.start_work"), DocumentStartWork(document.id))]
    final_row = [
        button(t(lang, key), payload)
        for status, key, payload in (
            (DocumentStatus.CLOTURE, "documents.close", DocumentClose(document.id)),
            (DocumentStatus.ANNULE, "documents.cancel", DocumentCancel(document.id)),
        )
        if status in allowed
    ]
    return keyboard(
        start_row,
        final_row or None,
        [
            button(t(lang, "documents.client_documents"), Documents(document.client_id)),
            button(t(lang, "documents.back_to_card"), Card(document.client_id)),
        ],
    )


Screen = tuple[str, InlineKeyboardMarkup]


def created_screen(lang: str, document: DocumentView, client: ClientView) -> Screen:
    return created_text(lang, document, client), created_keyboard(lang, document)


def list_screen(lang: str, client: ClientView, documents: Sequence[DocumentView]) -> Screen:
    return list_text(lang, client, documents), list_keyboard(lang, client.id, documents)


def document_screen(
    lang: str, document: DocumentView, client: ClientView, member: MemberView
) -> Screen:
    return document_text(lang, document, client), document_keyboard(lang, document, member)


def moved_text(lang: str, key: str, document: DocumentView) -> str:
    """ "Facture FA-2026-0001 : clôturée.": what a move made of the document."""
    return t(
        lang,
        key,
        kind=t(lang, f"kind.{document.kind.value}"),
        number=document.number,
        status=status_of(lang, document.kind, document.status),
    )


def confirm_final_text(lang: str, document: DocumentView, *, cancel: bool) -> str:
    return t(
        lang,
        "documents.confirm_cancel" if cancel else "documents.confirm_close",
        number=html.escape(document.number),
        kind=t(lang, f"kind.{document.kind.value}"),
    )
