"""A client's history in plain words, from the audit trail's events and their snapshots:
"12/03 14:05 — Marie Dupont a modifié « Adresse » : 3 rue des Lilas → 5 rue des Lilas"
(pure)."""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

from telegram import InlineKeyboardMarkup

from bot.i18n import t
from bot.payloads import Card, History
from bot.views.attachments import what
from bot.views.keyboards import button, keyboard
from bot.views.values import client_title, display_value, excerpt, when
from lokisi.enums import AttachmentKind
from lokisi.fields import FIELD_NAMES
from lokisi.schemas import ClientView, HistoryEntry, Page
from lokisi.services.audit import SYSTEM

# A page stops before this many characters (Telegram: 4,096); the next one starts there.
BUDGET = 3500
VALUE_LENGTH = 60
MAX_CHANGES = 6
_DOCUMENT_ACTIONS = ("document.create", "document.en_cours", "document.cloture", "document.annule")
_PLAIN_ACTIONS = ("client.create", "client.delete", "client.restore", "client.purge")


def changes(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[str]:
    """The fields a save changed, in the registry's order."""
    return [name for name in FIELD_NAMES if before.get(name) != after.get(name)]


def _value(lang: str, name: str, snapshot: Mapping[str, Any]) -> str:
    shown = display_value(lang, name, snapshot)
    if shown is None:
        return t(lang, "history.empty_value")
    return html.escape(excerpt(shown, VALUE_LENGTH))


def _update(lang: str, entry: HistoryEntry) -> list[str]:
    before, after = entry.before or {}, entry.after or {}
    changed = changes(before, after)
    if not changed:
        return [t(lang, "history.client.update_none")]
    said = [
        {
            "label": t(lang, f"field.{name}"),
            "before": _value(lang, name, before),
            "after": _value(lang, name, after),
        }
        for name in changed
    ]
    if len(said) == 1:
        return [t(lang, "history.client.update_one", **said[0])]
    lines = [t(lang, "history.client.update_many")]
    lines += [t(lang, "history.change", **change) for change in said[:MAX_CHANGES]]
    if len(said) > MAX_CHANGES:
        lines.append(t(lang, "history.more_changes", count=len(said) - MAX_CHANGES))
    return lines


def _document(lang: str, snapshot: Mapping[str, Any]) -> str:
    kind = t(lang, f"kind.{snapshot.get('kind')}") if snapshot.get("kind") else ""
    return html.escape(f"{kind} {snapshot.get('number', '')}".strip())


def _said(lang: str, entry: HistoryEntry) -> list[str]:
    """What the event did: its first line, then the lines of its details."""
    snapshot = entry.after or entry.before or {}
    action = entry.action
    if action == "client.update":
        return _update(lang, entry)
    if action in _PLAIN_ACTIONS:
        return [t(lang, f"history.{action}")]
    if action in _DOCUMENT_ACTIONS:
        return [t(lang, f"history.{action}", document=_document(lang, snapshot))]
    if action in ("attachment.add", "attachment.remove"):
        kinds = [AttachmentKind(kind) for kind in snapshot.get("kinds", [])]
        said = t(lang, f"history.{action}", what=html.escape(what(lang, kinds)))
    elif action in ("note.add", "note.remove"):
        said = t(lang, f"history.{action}")
    else:
        return [t(lang, "history.unknown", action=html.escape(action))]
    if entry.detail:
        said = t(lang, "history.detail", what=said, detail=html.escape(excerpt(entry.detail, 80)))
    return [said]


def entry_text(lang: str, entry: HistoryEntry) -> str:
    actor = t(lang, "history.system") if entry.actor_name == SYSTEM else entry.actor_name
    first, *details = _said(lang, entry)
    head = t(
        lang,
        "history.entry",
        at=when(lang, entry.at, "datetime_short"),
        actor=html.escape(actor),
        what=first,
    )
    return "\n".join([head, *details])


def history_view(
    lang: str, client: ClientView, page: Page[HistoryEntry]
) -> tuple[str, InlineKeyboardMarkup]:
    """The page's events that fit in one message, and the buttons to the others."""
    title = t(lang, "history.title", client=client_title(client))
    if not page.items:
        return f"{title}\n\n{t(lang, 'history.empty')}", _keyboard(lang, client.id, page, None)
    shown: list[str] = []
    size = len(title)
    last = None
    for entry in page.items:
        said = entry_text(lang, entry)
        if shown and size + len(said) + 2 > BUDGET:
            break
        shown.append(said)
        size += len(said) + 2
        last = entry
    assert last is not None
    more = last is not page.items[-1] or page.has_next
    return "\n\n".join([title, *shown]), _keyboard(lang, client.id, page, last.id if more else None)


def _keyboard(
    lang: str, client_id: int, page: Page[HistoryEntry], older_than: int | None
) -> InlineKeyboardMarkup:
    paging = []
    if page.has_previous:
        paging.append(button(t(lang, "history.newest"), History(client_id)))
    if older_than is not None:
        paging.append(button(t(lang, "history.older"), History(client_id, before=older_than)))
    return keyboard(paging, [button(t(lang, "attachments.back_to_card"), Card(client_id))])
