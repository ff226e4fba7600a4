"""Ending the form: "Enregistrer" (and, after someone else's save, "Recharger" or
"Écraser"), or "Annuler" and /cancel, which ask first when something would be lost."""

from __future__ import annotations

import html

from telegram import Update

from bot.confirmation import ask
from bot.context import BotContext
from bot.drafts import FormDraft, changed_meanwhile, has_changes, refused, take_theirs
from bot.form_lookups import keeps_position_private, refused_as_duplicate, tell_placement
from bot.form_routing import pass_on
from bot.form_steps import form_button, form_change, form_message, render
from bot.handlers.card import show_card
from bot.i18n import t
from bot.payloads import (
    FormCancel,
    FormOverwrite,
    FormReload,
    FormSave,
    FormSaveAnyway,
    FormShow,
)
from bot.persistence import store_now
from bot.places import place_of
from bot.replies import notice, retire, show
from bot.user_data import keep_draft
from bot.views.keyboards import keyboard, menu_row
from lokisi.errors import (
    AlreadyDone,
    ClientChangedMeanwhile,
    InvalidInput,
    LooksLikeDuplicate,
    SiretTaken,
)


@form_button(FormSave)
async def save(
    update: Update, context: BotContext, draft: FormDraft, _: FormSave
) -> FormDraft | None:
    """ "Enregistrer": create or update the client, then show its card."""
    return await _save(update, context, draft, draft.version)


@form_button(FormSaveAnyway)
async def save_anyway(
    update: Update, context: BotContext, draft: FormDraft, _: FormSaveAnyway
) -> FormDraft | None:
    """ "Créer quand même": the client looks like others, and the user knows it."""
    return await _save(update, context, draft, draft.version, allow_duplicate=True)


@form_button(FormOverwrite)
async def overwrite(
    update: Update, context: BotContext, draft: FormDraft, _: FormOverwrite
) -> FormDraft | None:
    """ "Écraser": save the user's values over the other person's, knowingly."""
    if draft.conflict is None:
        await render(update, context, draft)
        return draft
    return await _save(update, context, draft, draft.conflict["version"])


async def _save(
    update: Update,
    context: BotContext,
    draft: FormDraft,
    version: int | None,
    *,
    allow_duplicate: bool = False,
) -> FormDraft | None:
    clients = context.services.clients
    options = {"allow_duplicate": allow_duplicate, "place": not keeps_position_private(draft)}
    try:
        if draft.client_id is None:
            client = await clients.create(context.member, draft.values, once=draft.token, **options)
        else:
            client = await clients.update(
                context.member,
                draft.client_id,
                draft.values,
                expected_version=version or 0,
                once=draft.token,
                **options,
            )
    except (SiretTaken, LooksLikeDuplicate) as duplicate:
        refused_as_duplicate(draft, duplicate)
        await render(update, context, draft)
        return draft
    except InvalidInput as invalid:
        refused(draft, invalid)
        await render(update, context, draft)
        return draft
    except ClientChangedMeanwhile as changed:
        changed_meanwhile(draft, changed.current)
        await render(update, context, draft)
        return draft
    except AlreadyDone as done:
        # Saved already (a double tap, or a crash after the save): show what was made.
        if done.entity_id is None:
            raise
        client = await clients.get(context.member, done.entity_id)
    # Over, and stored so before the card shows: the same press delivered again after a
    # crash shows the card again (bot.form_replay), and a text typed next is no value.
    place = place_of(update)
    if place is not None:
        draft.saved, draft.update_id = client.id, update.update_id
        keep_draft(context, place, draft)
        await store_now(update, context)
    await tell_placement(update, context, client, placed=options["place"])
    await show_card(update, context, client)
    return None


@form_change(FormReload)
def reload_theirs(draft: FormDraft, _: FormReload) -> None:
    """ "Recharger": take the other person's version into the form, dropping the user's."""
    take_theirs(draft)


async def _cancel(update: Update, context: BotContext, draft: FormDraft) -> None:
    """Drop the draft; nothing is saved."""
    chat = update.effective_chat
    lang = context.lang
    if update.callback_query is None and draft.message_id is not None and chat is not None:
        await retire(context, chat.id, draft.message_id)
    if draft.client_id is None:
        await show(update, context, t(lang, "form.cancelled_new"), keyboard(menu_row(lang)))
        return None
    await notice(update, context, t(lang, "form.cancelled_edit"))
    await show_card(update, context, draft.client_id)
    return None


def _cancel_question(lang: str, draft: FormDraft) -> str:
    if draft.is_new:
        return t(lang, "form.confirm_cancel_new")
    return t(lang, "form.confirm_cancel_edit", code=html.escape(draft.code or ""))


@form_button(FormCancel)
async def cancel_button(
    update: Update, context: BotContext, draft: FormDraft, payload: FormCancel
) -> FormDraft | None:
    """ "Annuler": drop the draft, nothing saved; asks first when values would be lost."""
    if payload.token is None and has_changes(draft):
        await ask(update, context, _cancel_question(context.lang, draft), payload, FormShow())
        draft.shown = None
        return draft
    await _cancel(update, context, draft)
    return None


def _always(update: Update, draft: FormDraft | None) -> bool:
    return True


@form_message(_always, pass_on)
async def cancel_command(update: Update, context: BotContext, draft: FormDraft) -> None:
    """/cancel: drop the draft; nothing is saved. Typed, it is meant: no question."""
    await _cancel(update, context, draft)
