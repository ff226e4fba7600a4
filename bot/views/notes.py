"""A client's notes: the list, one note, the question that asks for one, and the latest note
on the card (pure)."""

from __future__ import annotations

import html

from telegram import InlineKeyboardMarkup

from bot.i18n import t
from bot.payloads import Card, NoteAdd, NoteOpen, NoteRemove, Notes
from bot.views.keyboards import button, keyboard
from bot.views.values import client_title, excerpt, when
from lokisi.schemas import ClientView, MemberView, NoteView, Page

# What a list or the card shows of each note; the whole note is one tap away.
LISTED_LENGTH = 300
CARD_LENGTH = 160


def list_text(lang: str, client: ClientView, page: Page[NoteView]) -> str:
    title = t(lang, "notes.title", client=client_title(client))
    if not page.items and not page.has_previous:
        return f"{title}\n\n{t(lang, 'notes.none')}\n\n{t(lang, 'notes.hint')}"
    entries = [
        t(
            lang,
            "notes.entry",
            at=when(lang, note.created_at, "datetime_short"),
            author=html.escape(note.author_name),
            text=html.escape(excerpt(note.text, LISTED_LENGTH)),
        )
        for note in page.items
    ]
    return "\n\n".join([title, *entries, f"<i>{t(lang, 'notes.hint')}</i>"])


def list_keyboard(lang: str, client_id: int, page: Page[NoteView]) -> InlineKeyboardMarkup:
    opens = [
        [
            button(
                t(
                    lang,
                    "notes.open",
                    at=when(lang, note.created_at, "datetime_short"),
                    author=note.author_name,
                )[:64],
                NoteOpen(note.id),
            )
        ]
        for note in page.items
    ]
    paging = []
    if page.has_previous:
        paging.append(button(t(lang, "notes.newest"), Notes(client_id)))
    if page.has_next:
        paging.append(button(t(lang, "notes.older"), Notes(client_id, before=page.items[-1].id)))
    return keyboard(
        [button(t(lang, "notes.add"), NoteAdd(client_id))],
        *opens,
        paging,
        [button(t(lang, "attachments.back_to_card"), Card(client_id))],
    )


def note_text(lang: str, client: ClientView, note: NoteView) -> str:
    return t(
        lang,
        "notes.note",
        author=html.escape(note.author_name),
        at=when(lang, note.created_at),
        client=client_title(client),
        text=html.escape(note.text),
    )


def may_remove(member: MemberView, note: NoteView) -> bool:
    """Its author or a manager (the service decides; this only hides the button)."""
    return member.is_manager or note.author_member_id == member.id


def note_keyboard(lang: str, note: NoteView, member: MemberView) -> InlineKeyboardMarkup:
    remove = (
        [button(t(lang, "notes.remove"), NoteRemove(note.id))] if may_remove(member, note) else None
    )
    return keyboard(
        remove,
        [
            button(t(lang, "notes.back"), Notes(note.client_id)),
            button(t(lang, "attachments.back_to_card"), Card(note.client_id)),
        ],
    )


def remove_question(lang: str, note: NoteView) -> str:
    return t(
        lang,
        "notes.confirm_remove",
        author=html.escape(note.author_name),
        at=when(lang, note.created_at),
    )


def prompt_text(lang: str, client: ClientView, owner: str | None) -> str:
    if owner is None:
        return t(lang, "notes.prompt", client=client_title(client))
    return t(lang, "notes.prompt_in_group", owner=owner, client=client_title(client))


def latest_line(lang: str, note: NoteView) -> str:
    """The card's line for its latest note."""
    return t(
        lang,
        "notes.on_card",
        author=html.escape(note.author_name),
        at=when(lang, note.created_at, "datetime_short"),
        text=html.escape(excerpt(note.text, CARD_LENGTH)),
    )
