"""Filling the form in: a field's button, the type, "Retour", "Effacer", "Passer", and the
values typed, contacts and locations shared (which messages are for the form:
bot.form_routing)."""

from __future__ import annotations

from telegram import Update

from bot.context import BotContext
from bot.drafts import (
    FormDraft,
    accept,
    accept_contact,
    accept_location,
    await_field,
    resume,
    show_whole_form,
    skip,
)
from bot.form_routing import pass_on, takes_contact, takes_location, takes_value
from bot.form_steps import form_button, form_message, render
from bot.payloads import FormBack, FormClear, FormField, FormShow, FormSkip, FormType


@form_button(FormField)
async def choose_field(
    update: Update, context: BotContext, draft: FormDraft, payload: FormField
) -> FormDraft:
    """A field's button: ask for its value, with an example of the expected format."""
    await_field(draft, payload.field)
    await render(update, context, draft)
    return draft


@form_button(FormType)
async def choose_type(
    update: Update, context: BotContext, draft: FormDraft, payload: FormType
) -> FormDraft:
    """Professionnel / Particulier."""
    draft.values["type"] = payload.client_type.value
    await render(update, context, draft)
    return draft


@form_button(FormBack)
async def go_back(update: Update, context: BotContext, draft: FormDraft, _: FormBack) -> FormDraft:
    """ "Retour": stop typing this field and show the whole form."""
    show_whole_form(draft)
    await render(update, context, draft)
    return draft


@form_button(FormClear)
async def clear_field(
    update: Update, context: BotContext, draft: FormDraft, _: FormClear
) -> FormDraft:
    """ "Effacer": empty the field being typed (the name cannot be emptied)."""
    if draft.awaiting is not None:
        accept(draft, draft.awaiting, "")
    await render(update, context, draft)
    return draft


@form_button(FormSkip)
async def skip_field(
    update: Update, context: BotContext, draft: FormDraft, _: FormSkip
) -> FormDraft:
    """ "Passer": leave the field the sequence asks for empty; the next one is asked."""
    skip(draft)
    await render(update, context, draft)
    return draft


@form_button(FormShow)
async def show_form(
    update: Update, context: BotContext, draft: FormDraft, _: FormShow
) -> FormDraft:
    """ "Non" to "Annuler ?": the form as it was."""
    # The message showed the question: whatever the form last looked like, show it again.
    draft.shown = None
    await render(update, context, draft)
    return draft


@form_message(takes_value, pass_on)
async def receive_value(update: Update, context: BotContext, draft: FormDraft) -> FormDraft:
    """The text typed for the awaited field: checked at once, stored in canonical form."""
    message = update.message
    resume(draft)
    if draft.awaiting is not None and message is not None and message.text is not None:
        accept(draft, draft.awaiting, message.text)
    await render(update, context, draft)
    return draft


@form_message(takes_contact, pass_on)
async def receive_contact(update: Update, context: BotContext, draft: FormDraft) -> FormDraft:
    """A shared contact is the person to call: the contact name, and a phone number."""
    contact = update.message.contact if update.message else None
    if contact is not None:
        full_name = " ".join(p for p in (contact.first_name, contact.last_name) if p).strip()
        accept_contact(draft, full_name, contact.phone_number)
    await render(update, context, draft)
    return draft


@form_message(takes_location, pass_on)
async def receive_location(update: Update, context: BotContext, draft: FormDraft) -> FormDraft:
    """A location shared while the form asks for it is the client's position."""
    location = update.message.location if update.message else None
    if location is not None:
        accept_location(draft, location.latitude, location.longitude)
    await render(update, context, draft)
    return draft
