"""Entering the form: "+ Nouveau client" (named after a search that found nothing),
"Modifier", a field of a client straight away, and "Reprendre" a form left for a command.
One form per user and place: asking for another shows the one in progress."""

from __future__ import annotations

from telegram import Update

from bot.buttons import on_button
from bot.callbacks import CallbackData
from bot.confirmation import ask, new_token
from bot.context import BotContext
from bot.drafts import FormDraft, await_field, draft_of, named_draft, new_draft, resume
from bot.form_steps import FormState, in_group, render, state_in
from bot.i18n import t
from bot.payloads import Edit, EditField, FormResume, Menu, NewClient, SearchPage
from bot.places import place_of
from bot.replies import answer
from bot.user_data import keep_draft, load_draft, search_query
from bot.views.lists import shown_query
from lokisi.schemas import ClientView

State = FormState | int | None


async def _open(
    update: Update,
    context: BotContext,
    draft: FormDraft,
    *,
    in_place: bool,
    notice_text: str | None = None,
) -> State:
    place = place_of(update)
    if place is None:
        return None
    await render(update, context, draft, move=True, in_place=in_place, notice_text=notice_text)
    keep_draft(context, place, draft)
    return state_in(context, place.chat_id)


async def _resume(update: Update, context: BotContext, draft: FormDraft) -> State:
    """One form per user and place: show the one in progress rather than lose it."""
    in_progress = t(context.lang, "form.in_progress")
    resume(draft)
    return await _open(
        update, context, draft, in_place=not in_group(update), notice_text=in_progress
    )


def _draft_here(update: Update, context: BotContext) -> FormDraft | None:
    place = place_of(update)
    return load_draft(context, place) if place is not None else None


@on_button(NewClient)
async def new_client(update: Update, context: BotContext, payload: NewClient) -> State:
    """ "+ Nouveau client": ask "Créer un nouveau client ?"; "Oui" opens an empty form awaiting
    the name, whose save the "Oui"'s token names. After a search that found nothing, the
    searched text is the name."""
    draft = _draft_here(update, context)
    if draft is not None:
        return await _resume(update, context, draft)
    name = search_query(context, payload.query_id) if payload.query_id else None
    if payload.token is None:
        back: CallbackData
        if name is None:
            question, back = t(context.lang, "form.confirm_new"), Menu()
        else:
            question = t(context.lang, "form.confirm_new_named", name=shown_query(name))
            back = SearchPage(payload.query_id or "")
        await ask(update, context, question, payload, back, new_message=in_group(update))
        return None
    draft = new_draft(payload.token) if name is None else named_draft(payload.token, name)
    return await _open(update, context, draft, in_place=True)


@on_button(FormResume)
async def resume_form(update: Update, context: BotContext, _: FormResume) -> State:
    """ "Reprendre": the form left for a command, again where the user was, awaiting the
    same field."""
    draft = _draft_here(update, context)
    if draft is None:
        await answer(update, context, t(context.lang, "form.no_form"), alert=True)
        return None
    resume(draft)
    # Asked again in a group: the question may be far up by now.
    draft.asked = None
    pressed = update.callback_query.message if update.callback_query else None
    on_the_form = pressed is not None and pressed.message_id == draft.message_id
    in_place = on_the_form or not in_group(update)
    in_progress = None if on_the_form else t(context.lang, "form.in_progress")
    return await _open(update, context, draft, in_place=in_place, notice_text=in_progress)


@on_button(Edit)
async def open_edit_form(update: Update, context: BotContext, payload: Edit) -> State:
    """ "Modifier": the same form, filled with the client's values."""
    return await _open_edit(update, context, payload.client_id, None)


@on_button(EditField)
async def open_edit_form_at_field(update: Update, context: BotContext, payload: EditField) -> State:
    """Open a client's form straight at one field (Localiser asks for the address this way)."""
    return await _open_edit(update, context, payload.client_id, payload.field)


async def _open_edit(
    update: Update, context: BotContext, client_id: int, field: str | None
) -> State:
    # Read first: the service refuses another account's client, whatever the payload says.
    client: ClientView = await context.services.clients.get(context.member, client_id)
    draft = _draft_here(update, context)
    if draft is not None and draft.client_id != client.id:
        return await _resume(update, context, draft)
    if draft is None:
        # The save's token: the same form saved twice (a crash, a double tap) changes once.
        draft = draft_of(client, new_token(context))
    resume(draft)
    if field is not None:
        await_field(draft, field)
    # In a group the card stays for everyone; the form is the user's own new message.
    return await _open(update, context, draft, in_place=not in_group(update))
