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
from bot.form_lookups import forget_lookups, look_up_location, look_up_typed
from bot.form_routing import pass_on, takes_shared, takes_value
from bot.form_steps import form_change, form_message, render
from bot.payloads import FormBack, FormClear, FormField, FormShow, FormSkip, FormType


@form_change(FormField)
def choose_field(draft: FormDraft, payload: FormField) -> None:
    """A field's button: ask for its value, with an example of the expected format."""
    await_field(draft, payload.field)


@form_change(FormType)
def choose_type(draft: FormDraft, payload: FormType) -> None:
    """Professionnel / Particulier."""
    draft.values["type"] = payload.client_type.value


@form_change(FormBack)
def go_back(draft: FormDraft, _: FormBack) -> None:
    """ "Retour": stop typing this field and show the whole form."""
    show_whole_form(draft)


@form_change(FormClear)
def clear_field(draft: FormDraft, _: FormClear) -> None:
    """ "Effacer": empty the field being typed (the name cannot be emptied)."""
    if draft.awaiting is not None:
        accept(draft, draft.awaiting, "")


@form_change(FormSkip)
def skip_field(draft: FormDraft, _: FormSkip) -> None:
    """ "Passer": leave the field the sequence asks for empty; the next one is asked."""
    skip(draft)


@form_change(FormShow)
def show_form(draft: FormDraft, _: FormShow) -> None:
    """ "Non" to "Annuler ?": the form as it was."""
    # The message showed the question: whatever the form last looked like, show it again.
    draft.shown = None


@form_message(takes_value, pass_on)
async def receive_value(update: Update, context: BotContext, draft: FormDraft) -> FormDraft:
    """The text typed for the awaited field: checked at once, stored in canonical form."""
    message = update.message
    resume(draft)
    entry = draft.awaiting
    if entry is not None and message is not None and message.text is not None:
        forget_lookups(draft)
        accept(draft, entry, message.text)
        await look_up_typed(context, draft, entry, message.text)
    await render(update, context, draft)
    return draft


@form_message(takes_shared, pass_on)
async def receive_shared(update: Update, context: BotContext, draft: FormDraft) -> FormDraft:
    """A shared contact is the person to call: the contact name, and a phone number; a
    location shared while the form asks for the position is it, and while it asks for the
    address, the nearest address fills it too (bot.form_lookups)."""
    message = update.message
    if message is not None and message.contact is not None:
        contact = message.contact
        full_name = " ".join(p for p in (contact.first_name, contact.last_name) if p).strip()
        accept_contact(draft, full_name, contact.phone_number)
    elif message is not None and message.location is not None:
        awaited, location = draft.awaiting, message.location
        accept_location(draft, location.latitude, location.longitude)
        await look_up_location(context, draft, awaited, location.latitude, location.longitude)
    await render(update, context, draft)
    return draft
