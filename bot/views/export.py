"""What the export files are called and what they say, in the member's language."""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from datetime import date

from bot.i18n import t, t_count
from bot.views.values import when
from lokisi.enums import ClientType
from lokisi.exporting import COLUMNS
from lokisi.fields import FIELDS_BY_NAME
from lokisi.schemas import NoteView


def export_headers(lang: str) -> dict[str, str]:
    """Each column's header: a field's own name, or the export's word for the others."""
    keys = {c: f"field.{c}" if c in FIELDS_BY_NAME else f"export.column.{c}" for c in COLUMNS}
    return {column: t(lang, key) for column, key in keys.items()}


def type_labels(lang: str) -> dict[ClientType, str]:
    return {kind: t(lang, f"client_type.{kind.value}") for kind in ClientType}


def file_name(lang: str, today: date, extension: str) -> str:
    return f"{t(lang, 'export.file_name')}-{today.isoformat()}.{extension}"


def export_caption(lang: str, count: int, account: str, query: str | None) -> str:
    if query is None:
        return t_count(lang, "export.all", count, account=html.escape(account))
    return t_count(lang, "export.search", count, query=html.escape(query))


def journal_cells(lang: str, notes: Mapping[int, Sequence[NoteView]]) -> dict[int, str]:
    """Each client's notes as one cell, a line each, newest first: "12/03/2026 14:05 Théo
    Technicien : Portail cassé" (plain text: a spreadsheet shows no HTML)."""
    return {
        client_id: "\n".join(
            t(
                lang,
                "export.journal_line",
                at=when(lang, note.created_at, "datetime_plain"),
                author=note.author_name,
                text=note.text,
            )
            for note in client_notes
        )
        for client_id, client_notes in notes.items()
    }
