"""Créer un client, Modifier un client: one form message, filled field by field, then saved.

The draft (bot.drafts) is kept in the user's data, one per chat (bot.user_data); the
persistence writes it after every update, so a restart in the middle of a form resumes it
where the user was. The state diagram is in client_form.md.
"""

from __future__ import annotations

from telegram import Message, Update
from telegram.ext import BaseHandler, CommandHandler, ConversationHandler, MessageHandler, filters

from bot.buttons import on_button
from bot.confirmation import ask
from bot.context import BotContext
from bot.drafts import (
    FormDraft,
    accept,
    accept_contact,
    accept_location,
    await_field,
    changed_meanwhile,
    draft_of,
    new_draft,
    refused,
    show_whole_form,
    take_theirs,
)
from bot.form_lookups import (
    forget_lookups,
    keeps_position_private,
    look_up_location,
    look_up_typed,
    open_existing,
    refused_as_duplicate,
    take_offer,
    tell_placement,
)
from bot.form_steps import (
    GROUPS,
    FormState,
    form_button,
    form_change,
    form_message,
    in_group,
    render,
    state_of,
)
from bot.handlers.card import show_card
from bot.i18n import t
from bot.payloads import (
    Edit,
    EditField,
    FormBack,
    FormCancel,
    FormClear,
    FormField,
    FormOverwrite,
    FormReload,
    FormSave,
    FormSaveAnyway,
    FormType,
    Menu,
    NewClient,
)
from bot.persistence import persist_now
from bot.replies import notice, retire, show
from bot.user_data import drop_draft, keep_draft, load_draft
from bot.views.keyboards import keyboard, menu_row
from lokisi.errors import (
    AlreadyDone,
    ClientChangedMeanwhile,
    InvalidInput,
    LooksLikeDuplicate,
    SiretTaken,
)
from lokisi.schemas import ClientView

# Entering the form


async def _open(
    update: Update,
    context: BotContext,
    draft: FormDraft,
    *,
    in_place: bool,
    notice_text: str | None = None,
) -> FormState | None:
    chat = update.effective_chat
    if chat is None:
        return None
    await render(update, context, draft, move=True, in_place=in_place, notice_text=notice_text)
    keep_draft(context, chat.id, draft)
    return state_of(draft)


async def _resume(update: Update, context: BotContext, draft: FormDraft) -> FormState | None:
    """One form per user and chat: show the one in progress rather than lose it."""
    in_progress = t(context.lang, "form.in_progress")
    return await _open(
        update, context, draft, in_place=not in_group(update), notice_text=in_progress
    )


def _draft_here(update: Update, context: BotContext) -> FormDraft | None:
    chat = update.effective_chat
    return load_draft(context, chat.id) if chat is not None else None


@on_button(NewClient)
async def new_client(update: Update, context: BotContext, payload: NewClient) -> FormState | None:
    """ "+ Nouveau client": ask "Créer un nouveau client ?"; "Oui" opens an empty form awaiting
    the name, whose save the "Oui"'s token names."""
    draft = _draft_here(update, context)
    if draft is not None:
        return await _resume(update, context, draft)
    if payload.token is None:
        question = t(context.lang, "form.confirm_new")
        await ask(update, context, question, payload, Menu(), new_message=in_group(update))
        return None
    return await _open(update, context, new_draft(payload.token), in_place=True)


@on_button(Edit)
async def open_edit_form(update: Update, context: BotContext, payload: Edit) -> FormState | None:
    """ "Modifier": the same form, filled with the client's values."""
    return await _open_edit(update, context, payload.client_id, None)


@on_button(EditField)
async def open_edit_form_at_field(
    update: Update, context: BotContext, payload: EditField
) -> FormState | None:
    """Open a client's form straight at one field (Localiser asks for the address this way)."""
    return await _open_edit(update, context, payload.client_id, payload.field)


async def _open_edit(
    update: Update, context: BotContext, client_id: int, field: str | None
) -> FormState | None:
    # Read first: the service refuses another account's client, whatever the payload says.
    client: ClientView = await context.services.clients.get(context.member, client_id)
    draft = _draft_here(update, context)
    if draft is not None and draft.client_id != client.id:
        return await _resume(update, context, draft)
    if draft is None:
        draft = draft_of(client)
    if field is not None:
        await_field(draft, field)
    # In a group the card stays for everyone; the form is the user's own new message.
    return await _open(update, context, draft, in_place=not in_group(update))


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


@form_message
async def receive_value(update: Update, context: BotContext, draft: FormDraft) -> FormDraft:
    """The text typed for the awaited field: checked at once, stored in canonical form."""
    message = update.message
    entry = draft.awaiting
    if entry is not None and message is not None and message.text is not None:
        forget_lookups(draft)
        accept(draft, entry, message.text)
        await look_up_typed(context, draft, entry, message.text)
    await render(update, context, draft)
    return draft


@form_message
async def receive_shared(update: Update, context: BotContext, draft: FormDraft) -> FormDraft:
    """A shared contact fills the name (if empty) or the contact name, and a phone number; a
    shared location is the client's position."""
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
    # Gone, and stored as gone, before anything else can fail: a second press must not
    # save a second client (the draft's token covers a crash before this point).
    chat = update.effective_chat
    if chat is not None:
        drop_draft(context, chat.id)
    await persist_now(update, context)
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


@form_button(FormCancel)
async def cancel_button(
    update: Update, context: BotContext, draft: FormDraft, _: FormCancel
) -> None:
    """ "Annuler": drop the draft; nothing is saved."""
    await _cancel(update, context, draft)


@form_message
async def cancel_command(update: Update, context: BotContext, draft: FormDraft) -> None:
    """/cancel: drop the draft; nothing is saved."""
    await _cancel(update, context, draft)


@form_message
async def resume(update: Update, context: BotContext, draft: FormDraft) -> FormDraft:
    """/start while a form is open: show it again below, saying that a form is in progress."""
    in_progress = t(context.lang, "form.in_progress")
    await render(update, context, draft, move=True, in_place=False, notice_text=in_progress)
    return draft


class _ForTheForm(filters.MessageFilter):
    """Every message of a private chat; in a group, only replies to the bot's messages."""

    def filter(self, message: Message) -> bool:
        if message.chat.type not in GROUPS:
            return True
        replied = message.reply_to_message
        return (
            replied is not None
            and replied.from_user is not None
            and replied.from_user.id == message.get_bot().id
        )


def build_conversation() -> ConversationHandler[BotContext]:
    """The form's handlers: buttons work from any state, typed values only when awaited."""
    for_the_form = filters.UpdateType.MESSAGE & _ForTheForm()
    shared: list[BaseHandler[Update, BotContext, object]] = [
        MessageHandler(for_the_form & (filters.CONTACT | filters.LOCATION), receive_shared),
    ]
    buttons: list[BaseHandler[Update, BotContext, object]] = [
        button.handler()
        for button in (
            new_client,
            open_edit_form,
            open_edit_form_at_field,
            choose_field,
            choose_type,
            go_back,
            clear_field,
            save,
            save_anyway,
            take_offer,
            open_existing,
            cancel_button,
            reload_theirs,
            overwrite,
        )
    ]
    return ConversationHandler(
        # Buttons are entry points so that a press without a form (saved, cancelled, someone
        # else's) gets a clear answer instead of the generic "too old".
        entry_points=[*buttons, CommandHandler("cancel", cancel_command)],
        states={
            FormState.EDITING: shared,
            FormState.TYPING: [
                MessageHandler(for_the_form & filters.TEXT & ~filters.COMMAND, receive_value),
                *shared,
            ],
        },
        fallbacks=[CommandHandler("start", resume, has_args=False)],
        allow_reentry=True,
        name="client_form",
        persistent=True,
    )


def handlers() -> list[BaseHandler]:
    return [build_conversation()]
