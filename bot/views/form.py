"""The client form ("Créer un client", "Modifier un client"): its draft and how it is shown.

The draft is what the user has entered so far; it is kept as plain JSON in the user's data
(one per chat) so that a restart or a dropped network loses nothing. Everything here is pure.
"""

from __future__ import annotations

import dataclasses
import hashlib
import html
import json
import secrets
from dataclasses import dataclass, field
from typing import Any

from telegram import ForceReply, InlineKeyboardButton, InlineKeyboardMarkup

from bot.i18n import t
from bot.payloads import (
    FormBack,
    FormCancel,
    FormClear,
    FormField,
    FormOverwrite,
    FormReload,
    FormSave,
    FormType,
)
from bot.texts import CATALOGS
from bot.views.card import display_phone, display_siret
from bot.views.keyboards import button, keyboard
from lokisi.enums import ClientType
from lokisi.schemas import ClientView
from lokisi.validation import DEFAULT_COUNTRY

FIELDS: tuple[str, ...] = (
    "name",
    "contact_name",
    "mobile",
    "phone",
    "email",
    "address_line1",
    "address_line2",
    "postal_code",
    "city",
    "country",
    "siret",
    "vat_number",
    "notes",
)
# Not typed like the others: set by sharing a Telegram location (or typing "lat, lon").
POSITION = "position"
EDITABLE: tuple[str, ...] = (*FIELDS, POSITION)
# A new client's form walks through these, so that the usual client needs no tap between values.
QUICK_SEQUENCE: tuple[str, ...] = ("name", "mobile", "address_line1", "postal_code", "city")
# Always filled: the name is required, the country defaults to France.
NOT_CLEARABLE = frozenset({"name", "country"})

# Two fields per row, except the long ones.
_ROWS: tuple[tuple[str, ...], ...] = (
    ("name",),
    ("contact_name", "mobile"),
    ("phone", "email"),
    ("address_line1",),
    ("address_line2", "postal_code"),
    ("city", "country"),
    ("siret", "vat_number"),
    (POSITION, "notes"),
)
_FULL_ROW_VALUE = 28
_HALF_ROW_VALUE = 14
# Budgets in characters of HTML, so that the worst form stays within Telegram's 4096.
_LIST_VALUE = 120
_FIELD_VALUE = 1500
_CONFLICT_VALUE = 80
_REJECTED_VALUE = 100
_MAX_ERRORS = 5


@dataclass
class FormDraft:
    """One user's form in one chat: the values entered so far and where the form is."""

    values: dict[str, Any]
    client_id: int | None = None
    code: str | None = None
    # The version the edit started from, and the values it had: the base of a conflict.
    version: int | None = None
    original: dict[str, Any] | None = None
    awaiting: str | None = None
    # The field screen (tapped field) rather than the whole form.
    focused: bool = False
    errors: list[dict[str, Any]] = field(default_factory=list)
    rejected: str | None = None
    # Someone else's save: {"version": int, "values": {...}}.
    conflict: dict[str, Any] | None = None
    message_id: int | None = None
    # The field last asked with ForceReply in a group, so that a re-render does not ask again.
    asked: str | None = None
    # Fingerprint of the form as last shown: Telegram refuses an edit that changes nothing.
    shown: str | None = None
    # Names this form's save of a new client: saved twice, it still makes one client.
    creation_key: str | None = None

    @property
    def is_new(self) -> bool:
        return self.client_id is None

    @property
    def client_type(self) -> ClientType:
        return ClientType(self.values["type"])

    def to_json(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> FormDraft:
        known = {f.name for f in dataclasses.fields(cls)}
        return cls(**{key: value for key, value in data.items() if key in known})


def new_draft() -> FormDraft:
    """An empty professional client, in France, awaiting its name."""
    values: dict[str, Any] = dict.fromkeys((*FIELDS, "latitude", "longitude"))
    values.update(type=ClientType.PROFESSIONNEL.value, country=DEFAULT_COUNTRY)
    return FormDraft(values=values, awaiting="name", creation_key=secrets.token_hex(8))


def client_values(client: ClientView) -> dict[str, Any]:
    """A client's values as the form keeps them (plain JSON)."""
    return client.model_dump(mode="json", include={"type", *FIELDS, "latitude", "longitude"})


def draft_of(client: ClientView) -> FormDraft:
    values = client_values(client)
    return FormDraft(
        values=values,
        client_id=client.id,
        code=client.code,
        version=client.version,
        original=dict(values),
    )


def is_empty(draft: FormDraft, name: str) -> bool:
    if name == POSITION:
        return draft.values.get("latitude") is None
    return draft.values.get(name) in (None, "")


def next_awaited(draft: FormDraft, filled: str) -> str | None:
    """After a new client's value, the next empty field of the quick sequence (if any)."""
    if not draft.is_new or filled not in QUICK_SEQUENCE:
        return None
    following = QUICK_SEQUENCE[QUICK_SEQUENCE.index(filled) + 1 :]
    return next((name for name in following if is_empty(draft, name)), None)


def form_field_of(error_field: str) -> str | None:
    """The form field an error of the business is about (latitude and longitude: position)."""
    if error_field in ("latitude", "longitude"):
        return POSITION
    return error_field if error_field in FIELDS else None


def their_changes(draft: FormDraft) -> list[str]:
    """Fields (and "type", "position") that the other person's save changed."""
    if draft.conflict is None or draft.original is None:
        return []
    theirs = draft.conflict["values"]
    changed = [name for name in ("type", *FIELDS) if theirs.get(name) != draft.original.get(name)]
    if any(theirs.get(k) != draft.original.get(k) for k in ("latitude", "longitude")):
        changed.append(POSITION)
    return changed


# Display


def label(lang: str, name: str, client_type: ClientType) -> str:
    if name == "name":
        return t(lang, f"form.label.name.{client_type.value}")
    if name == "type":
        return t(lang, "form.type")
    return t(lang, f"form.label.{name}")


def example(lang: str, name: str, client_type: ClientType) -> str:
    if name == "name":
        return t(lang, f"form.example.name.{client_type.value}")
    if name in EDITABLE:
        return t(lang, f"form.example.{name}")
    return t(lang, "form.example.position")


def display_value(lang: str, name: str, values: dict[str, Any]) -> str | None:
    """A value as a person reads it (raw text, not escaped); None when empty."""
    if name == POSITION:
        latitude, longitude = values.get("latitude"), values.get("longitude")
        if latitude is None or longitude is None:
            return None
        return f"{latitude:.5f}, {longitude:.5f}"
    value = values.get(name)
    if value in (None, ""):
        return None
    if name == "type":
        return t(lang, f"client_type.{value}")
    if name in ("mobile", "phone"):
        return display_phone(str(value))
    if name == "siret":
        return display_siret(str(value))
    return str(value)


def line(lang: str, name: str, value: str) -> str:
    """ "Label : value", with the colon as each language writes it."""
    return t(lang, "form.line", label=name, value=value)


def shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def escaped(text: str, limit: int) -> str:
    """The text escaped for HTML in at most `limit` characters, cut with "…" if longer."""
    whole = html.escape(text, quote=False)
    if len(whole) <= limit:
        return whole
    kept, size = [], 0
    for char in text:
        piece = html.escape(char, quote=False)
        if size + len(piece) > limit - 1:
            break
        kept.append(piece)
        size += len(piece)
    return "".join(kept) + "…"


def _shown(lang: str, value: str | None, limit: int) -> str:
    return escaped(value, limit) if value is not None else t(lang, "form.empty")


def mention(user_id: int, first_name: str) -> str:
    """A mention that notifies the user and targets a selective ForceReply at them."""
    return f'<a href="tg://user?id={user_id}">{html.escape(first_name)}</a>'


def error_message(lang: str, error: dict[str, Any], client_type: ClientType) -> str:
    """What is wrong with one value, and how to write it."""
    code, params = error["code"], error.get("params") or {}
    name = form_field_of(error["field"]) or "name"
    fill = {"example": html.escape(example(lang, name, client_type))}
    if code == "out_of_range":
        limit = params.get("ge", params.get("le"))
        code = "out_of_range_low" if "ge" in params else "out_of_range_high"
        fill["limit"] = f"{limit:g}" if isinstance(limit, int | float) else str(limit)
    fill.update({k: html.escape(str(v)) for k, v in params.items() if k not in fill})
    key = f"form.error.{code}"
    return t(lang, key if key in CATALOGS["fr"] else "form.error.other", **fill)


def _error_lines(lang: str, draft: FormDraft) -> list[str]:
    lines = []
    if draft.rejected is not None:
        text = escaped(draft.rejected, _REJECTED_VALUE)
        lines.append(t(lang, "form.you_typed", text=text))
    for error in draft.errors[:_MAX_ERRORS]:
        name = form_field_of(error["field"])
        message = error_message(lang, error, draft.client_type)
        if name is not None:
            message = line(lang, f"<b>{label(lang, name, draft.client_type)}</b>", message)
        lines.append(f"⚠️ {message}")
    if len(draft.errors) > _MAX_ERRORS:
        lines.append(t(lang, "common.and_more", count=len(draft.errors) - _MAX_ERRORS))
    return lines


def _prompt(lang: str, draft: FormDraft, *, group: bool) -> str:
    name = draft.awaiting
    assert name is not None
    fill = {
        "label": label(lang, name, draft.client_type),
        "example": html.escape(example(lang, name, draft.client_type)),
    }
    if name == POSITION:
        return t(lang, "form.prompt_position", **fill)
    return t(lang, "form.prompt_group" if group else "form.prompt", **fill)


def _title(lang: str, draft: FormDraft, owner: str | None) -> list[str]:
    if draft.is_new:
        lines = [t(lang, "form.title_new")]
    else:
        lines = [t(lang, "form.title_edit", code=html.escape(draft.code or ""))]
    if owner is not None:
        lines.append(t(lang, "form.owner", mention=owner))
    return lines


def _value_line(lang: str, draft: FormDraft, name: str) -> str:
    marker = ""
    if any(form_field_of(e["field"]) == name for e in draft.errors):
        marker = "⚠️ "
    elif name == draft.awaiting:
        marker = "✏️ "
    value = _shown(lang, display_value(lang, name, draft.values), _LIST_VALUE)
    return marker + line(lang, label(lang, name, draft.client_type), value)


def form_text(
    lang: str, draft: FormDraft, *, owner: str | None = None, notice: str | None = None
) -> str:
    """The whole form: every value (escaped), what is wrong, and what is awaited."""
    lines = _title(lang, draft, owner)
    if notice:
        lines += ["", notice]
    lines.append("")
    lines += [_value_line(lang, draft, name) for name in ("type", *EDITABLE)]
    lines.append("")
    lines += _error_lines(lang, draft)
    if draft.awaiting is not None:
        lines.append(_prompt(lang, draft, group=owner is not None))
    else:
        lines.append(t(lang, "form.hint"))
    return "\n".join(lines)


def _field_button(lang: str, draft: FormDraft, name: str, limit: int) -> InlineKeyboardButton:
    value = display_value(lang, name, draft.values)
    shown = shorten(value, limit) if value is not None else t(lang, "form.empty")
    marker = "✏️ " if name == draft.awaiting else ""
    return button(marker + line(lang, label(lang, name, draft.client_type), shown), FormField(name))


def form_keyboard(lang: str, draft: FormDraft) -> InlineKeyboardMarkup:
    def kind(client_type: ClientType) -> InlineKeyboardButton:
        dot = "●" if draft.client_type is client_type else "○"
        return button(f"{dot} {t(lang, f'client_type.{client_type.value}')}", FormType(client_type))

    fields = [
        [
            _field_button(lang, draft, name, _FULL_ROW_VALUE if len(row) == 1 else _HALF_ROW_VALUE)
            for name in row
        ]
        for row in _ROWS
    ]
    return keyboard(
        [kind(ClientType.PROFESSIONNEL), kind(ClientType.PARTICULIER)],
        *fields,
        [button(t(lang, "form.save"), FormSave()), button(t(lang, "common.cancel"), FormCancel())],
    )


def field_text(lang: str, draft: FormDraft, *, owner: str | None = None) -> str:
    """The screen of one tapped field: its current value and what to type."""
    name = draft.awaiting
    assert name is not None
    current = _shown(lang, display_value(lang, name, draft.values), _FIELD_VALUE)
    lines = _title(lang, draft, owner)
    lines += [
        "",
        f"<b>{label(lang, name, draft.client_type)}</b>",
        t(lang, "form.current", value=current),
        "",
        *_error_lines(lang, draft),
        _prompt(lang, draft, group=owner is not None),
    ]
    return "\n".join(lines)


def field_keyboard(lang: str, draft: FormDraft) -> InlineKeyboardMarkup:
    name = draft.awaiting
    clearable = name not in NOT_CLEARABLE and name is not None and not is_empty(draft, name)
    return keyboard(
        [
            button(t(lang, "common.back"), FormBack()),
            *([button(t(lang, "form.clear"), FormClear())] if clearable else []),
        ]
    )


def conflict_text(lang: str, draft: FormDraft, *, owner: str | None = None) -> str:
    """Who changed what meanwhile: their value against the user's, field by field."""
    assert draft.conflict is not None
    theirs = draft.conflict["values"]
    lines = [*_title(lang, draft, owner), "", t(lang, "form.conflict")]
    changed = their_changes(draft)
    for name in changed:
        lines.append(
            t(
                lang,
                "form.conflict_line",
                label=label(lang, name, draft.client_type),
                theirs=_shown(lang, display_value(lang, name, theirs), _CONFLICT_VALUE),
                mine=_shown(lang, display_value(lang, name, draft.values), _CONFLICT_VALUE),
            )
        )
    if not changed:
        lines.append(t(lang, "form.conflict_nothing"))
    lines += ["", t(lang, "form.conflict_choice")]
    return "\n".join(lines)


def conflict_keyboard(lang: str) -> InlineKeyboardMarkup:
    return keyboard(
        [
            button(t(lang, "form.reload"), FormReload()),
            button(t(lang, "form.overwrite"), FormOverwrite()),
        ],
        [button(t(lang, "common.back"), FormBack())],
    )


def form_view(
    lang: str, draft: FormDraft, *, owner: str | None = None, notice: str | None = None
) -> tuple[str, InlineKeyboardMarkup]:
    """The form message as it should look now: conflict, one field, or the whole form."""
    if draft.conflict is not None:
        return conflict_text(lang, draft, owner=owner), conflict_keyboard(lang)
    if draft.focused and draft.awaiting is not None:
        return field_text(lang, draft, owner=owner), field_keyboard(lang, draft)
    return form_text(lang, draft, owner=owner, notice=notice), form_keyboard(lang, draft)


def question_view(lang: str, draft: FormDraft, owner: str) -> tuple[str, ForceReply]:
    """In a group: the question the user answers by replying (privacy mode lets replies in)."""
    name = draft.awaiting
    assert name is not None
    sample = example(lang, name, draft.client_type)
    text = t(
        lang,
        "form.question",
        mention=owner,
        label=label(lang, name, draft.client_type),
        example=html.escape(sample),
    )
    lines = [*_error_lines(lang, draft), text]
    return "\n".join(lines), ForceReply(selective=True, input_field_placeholder=sample[:64])


def fingerprint(text: str, markup: InlineKeyboardMarkup) -> str:
    """Identifies what a message shows, to skip edits that would change nothing."""
    content = json.dumps([text, markup.to_dict()], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(content.encode()).hexdigest()[:16]
