"""What the look-ups add to the client form (bot.form_lookups): a line of note, the offers to
choose from, the existing clients a refused save names. Pure: the draft in, lines and rows of
buttons out."""

from __future__ import annotations

import html

from telegram import InlineKeyboardButton

from bot.drafts import FormDraft
from bot.i18n import t
from bot.payloads import FormOffer, FormOpenExisting, FormSaveAnyway
from bot.views.keyboards import button

MAX_LABEL = 60


def _short(text: str) -> str:
    return text if len(text) <= MAX_LABEL else text[: MAX_LABEL - 1] + "…"


def lookup_lines(lang: str, draft: FormDraft) -> list[str]:
    """The lines the form shows above its prompt."""
    lookups = draft.lookups
    lines = []
    if lookups.get("note"):
        lines.append(t(lang, f"lookups.{lookups['note']}"))
    offers = lookups.get("offers") or []
    if offers:
        lines.append(t(lang, f"lookups.offers_{offers[0]['kind']}"))
    taken = lookups.get("taken")
    if taken:
        lines.append(t(lang, "lookups.siret_taken", client=_named(taken)))
    duplicates = lookups.get("duplicates") or []
    if duplicates:
        named = ", ".join(
            t(lang, f"lookups.same_{d['reason']}", client=_named(d)) for d in duplicates
        )
        key = "lookups.looks_like_new" if draft.is_new else "lookups.looks_like_edit"
        lines.append(t(lang, key, clients=named))
    return lines


def _named(client: dict[str, str]) -> str:
    return f"{html.escape(client['code'])} {html.escape(client['name'])}"


def lookup_rows(lang: str, draft: FormDraft) -> list[list[InlineKeyboardButton]]:
    """The buttons the form shows above its fields."""
    lookups = draft.lookups
    rows = []
    for index, offer in enumerate(lookups.get("offers") or []):
        shown = " · ".join(p for p in (offer["name"], offer.get("where")) if p)
        if offer["kind"] == "company":
            marks = ("⛔ " if offer["closed"] else "") + ("🔒 " if offer["masked"] else "")
            shown = f"{marks or '✅ '}{shown}"
        rows.append([button(_short(shown), FormOffer(index))])
    existing = [lookups["taken"]] if lookups.get("taken") else lookups.get("duplicates") or []
    for client in existing:
        label = t(lang, "lookups.open", code=client["code"], name=client["name"])
        rows.append([button(_short(label), FormOpenExisting(client["id"]))])
    if lookups.get("duplicates"):
        key = "lookups.create_anyway" if draft.is_new else "lookups.save_anyway"
        rows.append([button(t(lang, key), FormSaveAnyway())])
    return rows
