"""The client form ("Créer un client", "Modifier un client") as the user sees it: the whole
form, one field's screen, a conflict, and in groups the question to reply to. Pure: the draft
(bot.drafts) in, text and keyboards out.
"""

from __future__ import annotations

import hashlib
import html
import json
from typing import Any

from telegram import ForceReply, InlineKeyboardButton, InlineKeyboardMarkup

from bot.drafts import (
    EDITABLE,
    NOT_CLEARABLE,
    TYPE,
    FormDraft,
    can_skip,
    form_field_of,
    is_empty,
    offered,
    their_changes,
)
from bot.i18n import t
from bot.languages import DEFAULT_LANGUAGE
from bot.payloads import (
    FormBack,
    FormCancel,
    FormClear,
    FormField,
    FormOverwrite,
    FormReload,
    FormResume,
    FormSave,
    FormSkip,
    FormType,
)
from bot.texts import CATALOGS
from bot.views.keyboards import button, keyboard
from bot.views.lookups import lookup_lines, lookup_rows
from bot.views.values import display_value
from lokisi.enums import ClientType
from lokisi.fields import POSITION

# Fields shown alone on a row of buttons: the others go two by two, in the form's order.
_WIDE = frozenset({"name", "address_line1"})
_FULL_ROW_VALUE = 28
_HALF_ROW_VALUE = 14
# Budgets in characters of HTML, so that the worst form stays within Telegram's 4096.
_LIST_VALUE = 120
_FIELD_VALUE = 1500
_CONFLICT_VALUE = 80
_REJECTED_VALUE = 100
_MAX_ERRORS = 5


def _rows(fields: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    rows: list[tuple[str, ...]] = []
    for entry in fields:
        if entry in _WIDE or not rows or len(rows[-1]) == 2 or rows[-1][0] in _WIDE:
            rows.append((entry,))
        else:
            rows[-1] = (*rows[-1], entry)
    return tuple(rows)


# Display


def label(lang: str, name: str, client_type: ClientType) -> str:
    """A field's name; the name's own says "Raison sociale" or "Nom" as the type asks."""
    if name == "name":
        return t(lang, f"field.name.{client_type.value}")
    return t(lang, f"field.{name}")


def example(lang: str, name: str, client_type: ClientType) -> str:
    if name == "name":
        return t(lang, f"form.example.name.{client_type.value}")
    if name in EDITABLE:
        return t(lang, f"form.example.{name}")
    return t(lang, "form.example.position")


def line(lang: str, name: str, value: str) -> str:
    """ "Label : value", with the colon as each language writes it."""
    return t(lang, "common.line", label=name, value=value)


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
    return t(lang, key if key in CATALOGS[DEFAULT_LANGUAGE] else "form.error.other", **fill)


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
    prompt = t(lang, "form.prompt_group" if group else "form.prompt", **fill)
    return f"{prompt}\n{t(lang, 'form.skip_hint')}" if can_skip(draft) else prompt


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
    elif name == draft.typing:
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
    lines += [_value_line(lang, draft, name) for name in (TYPE, *offered(draft))]
    lines.append("")
    lines += _error_lines(lang, draft)
    lines += lookup_lines(lang, draft)
    if draft.paused:
        lines.append(t(lang, "form.paused"))
    elif draft.awaiting is not None:
        lines.append(_prompt(lang, draft, group=owner is not None))
    else:
        lines.append(t(lang, "form.hint"))
    return "\n".join(lines)


def _field_button(lang: str, draft: FormDraft, name: str, limit: int) -> InlineKeyboardButton:
    value = display_value(lang, name, draft.values)
    shown = shorten(value, limit) if value is not None else t(lang, "form.empty")
    marker = "✏️ " if name == draft.typing else ""
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
        for row in _rows(offered(draft))
    ]
    skip = None
    if can_skip(draft):
        assert draft.awaiting is not None
        field = label(lang, draft.awaiting, draft.client_type)
        skip = [button(t(lang, "form.skip", label=field), FormSkip())]
    return keyboard(
        [button(t(lang, "form.resume"), FormResume())] if draft.paused else None,
        *lookup_rows(lang, draft),
        [kind(ClientType.PROFESSIONNEL), kind(ClientType.PARTICULIER)],
        skip,
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
        *lookup_lines(lang, draft),
        _prompt(lang, draft, group=owner is not None),
    ]
    return "\n".join(lines)


def field_keyboard(lang: str, draft: FormDraft) -> InlineKeyboardMarkup:
    name = draft.awaiting
    clearable = name not in NOT_CLEARABLE and name is not None and not is_empty(draft, name)
    return keyboard(
        *lookup_rows(lang, draft),
        [
            button(t(lang, "common.back"), FormBack()),
            *([button(t(lang, "form.clear"), FormClear())] if clearable else []),
        ],
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
    if draft.focused and draft.typing is not None:
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
    if can_skip(draft):
        lines.append(t(lang, "form.skip_hint_group"))
    return "\n".join(lines), ForceReply(selective=True, input_field_placeholder=sample[:64])


def fingerprint(text: str, markup: InlineKeyboardMarkup) -> str:
    """Identifies what a message shows, to skip edits that would change nothing."""
    content = json.dumps([text, markup.to_dict()], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(content.encode()).hexdigest()[:16]
