"""Créer un client, Modifier un client: one form message, filled field by field, then saved.

The draft lives in the user's data, one per chat, as plain JSON: the persistence writes it after
every update, so a restart in the middle of a form resumes it where the user was. The state
diagram is in client_form.md.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Awaitable, Callable
from enum import StrEnum
from typing import Any

import phonenumbers
from telegram import Message, ReplyParameters, Update
from telegram.constants import ChatType, ParseMode
from telegram.error import BadRequest
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot.access import members_only
from bot.callbacks import InvalidCallbackData
from bot.context import BotContext
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
    FormType,
    Menu,
    NewClient,
    NewClientConfirm,
)
from bot.persistence import persist_now
from bot.replies import answer, clip, show
from bot.views.form import (
    EDITABLE,
    POSITION,
    FormDraft,
    client_values,
    draft_of,
    fingerprint,
    form_field_of,
    form_view,
    is_empty,
    mention,
    new_draft,
    next_awaited,
    question_view,
)
from bot.views.keyboards import confirm, keyboard, menu_row
from lokisi.errors import AlreadyDone, ClientChangedMeanwhile, FieldError, InvalidInput
from lokisi.schemas import ClientView
from lokisi.validation import validate_field

log = logging.getLogger(__name__)

FORMS = "forms"
_GROUPS = (ChatType.GROUP, ChatType.SUPERGROUP)
_MOBILE_TYPES = (
    phonenumbers.PhoneNumberType.MOBILE,
    phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
)


class FormState(StrEnum):
    # The form is shown; text goes elsewhere (a search).
    EDITING = "editing"
    # A field is awaited: the user's next text is its value.
    TYPING = "typing"


# The draft, kept in the user's data


def _chat_id(update: Update) -> int:
    assert update.effective_chat is not None
    return update.effective_chat.id


def _forms(context: BotContext) -> dict[str, Any]:
    assert context.user_data is not None
    forms: dict[str, Any] = context.user_data.setdefault(FORMS, {})
    return forms


def load_draft(context: BotContext, chat_id: int) -> FormDraft | None:
    stored = _forms(context).get(str(chat_id))
    return FormDraft.from_json(stored) if stored else None


def keep_draft(context: BotContext, chat_id: int, draft: FormDraft) -> None:
    _forms(context)[str(chat_id)] = draft.to_json()


def drop_draft(context: BotContext, chat_id: int) -> None:
    _forms(context).pop(str(chat_id), None)


def state_of(draft: FormDraft) -> FormState:
    return FormState.TYPING if draft.awaiting is not None else FormState.EDITING


# Entering values


def _plain_errors(invalid: InvalidInput) -> list[dict[str, Any]]:
    """Errors as JSON for the user's data (params are numbers and words)."""
    return [
        {
            "field": error.field,
            "code": error.code,
            "params": {
                key: value if isinstance(value, int | float | str) else str(value)
                for key, value in error.params.items()
            },
        }
        for error in invalid.errors
    ]


def _position(raw: str) -> dict[str, float | None]:
    """ "48.8566, 2.3522" (or with spaces, semicolons, decimal commas) as latitude, longitude."""
    if not raw.strip():
        return {"latitude": None, "longitude": None}
    parts = re.split(r"\s*;\s*|,\s+|\s+", raw.strip())
    if len(parts) == 1:
        parts = parts[0].split(",")
    if len(parts) != 2:
        raise InvalidInput([FieldError("latitude", "position_format", {})])
    latitude, longitude = (part.replace(",", ".") for part in parts)
    return {
        "latitude": validate_field("latitude", latitude),
        "longitude": validate_field("longitude", longitude),
    }


def accept(draft: FormDraft, name: str, raw: str) -> None:
    """Store a value typed for `name`, or say what is wrong with it and keep awaiting it."""
    try:
        if name == POSITION:
            draft.values.update(_position(raw))
        else:
            draft.values[name] = validate_field(name, raw, country=draft.values.get("country"))
    except InvalidInput as invalid:
        draft.errors = _plain_errors(invalid)
        draft.rejected = raw if raw.strip() else None
        return
    draft.awaiting = next_awaited(draft, name)
    draft.focused = False


def _move_on_if_filled(draft: FormDraft) -> None:
    """A shared contact or location may fill the awaited field: then await the next one."""
    if draft.awaiting is not None and not is_empty(draft, draft.awaiting):
        draft.awaiting = next_awaited(draft, draft.awaiting)
        draft.focused = False


def _contact_phone(raw: str) -> str:
    """Telegram gives one's own number without the "+": try it as international too."""
    try:
        return str(validate_field("mobile", raw))
    except InvalidInput:
        if raw.startswith("+"):
            raise
        return str(validate_field("mobile", "+" + raw))


def _phone_field(e164: str) -> str:
    kind = phonenumbers.number_type(phonenumbers.parse(e164))
    return "mobile" if kind in _MOBILE_TYPES else "phone"


# Showing the form


def _in_group(update: Update) -> bool:
    return update.effective_chat is not None and update.effective_chat.type in _GROUPS


def _owner(update: Update) -> str | None:
    """In a group, whose form this is; in a private chat, obviously the user's."""
    user = update.effective_user
    if not _in_group(update) or user is None:
        return None
    return mention(user.id, user.first_name)


async def render(
    update: Update,
    context: BotContext,
    draft: FormDraft,
    *,
    move: bool = False,
    in_place: bool = True,
    notice: str | None = None,
) -> None:
    """Show the draft in the form message; `move` makes the pressed (or a new) message the form.

    In a group, an awaited field is then asked with a selective ForceReply, since privacy
    mode only lets replies to the bot's messages through.
    """
    owner = _owner(update)
    text, markup = form_view(context.lang, draft, owner=owner, notice=notice)
    text = clip(text)
    shown = fingerprint(text, markup)
    if move or draft.message_id is None:
        previous = draft.message_id
        message = await show(update, context, text, markup, new_message=not in_place)
        draft.message_id = message.message_id if message else None
        if previous is not None and previous != draft.message_id:
            await _retire(context, _chat_id(update), previous)
    elif shown != draft.shown:
        await _edit_form(update, context, draft, text, markup)
    draft.shown = shown
    await answer(update, context)
    if owner is not None:
        await _ask(update, context, draft, owner)


async def _edit_form(
    update: Update, context: BotContext, draft: FormDraft, text: str, markup: Any
) -> None:
    chat_id = _chat_id(update)
    try:
        await context.bot.edit_message_text(
            text,
            chat_id=chat_id,
            message_id=draft.message_id,
            parse_mode=ParseMode.HTML,
            reply_markup=markup,
            disable_web_page_preview=True,
        )
    except BadRequest as error:
        if "not modified" in error.message.lower():
            return
        # The form message was deleted (or is too old to edit): show the form again below.
        log.info("form message %s of chat %s unusable: %s", draft.message_id, chat_id, error)
        message = await context.bot.send_message(
            chat_id, text, parse_mode=ParseMode.HTML, reply_markup=markup
        )
        draft.message_id = message.message_id


async def _retire(context: BotContext, chat_id: int, message_id: int) -> None:
    """Take the buttons off an older form message, so that only the current form is pressed."""
    try:
        await context.bot.edit_message_reply_markup(chat_id, message_id, reply_markup=None)
    except BadRequest as error:
        log.info("could not retire form message %s: %s", message_id, error)


async def _ask(update: Update, context: BotContext, draft: FormDraft, owner: str) -> None:
    """Ask the awaited field as a new message the user replies to (once, or again on an error)."""
    if draft.awaiting is None:
        draft.asked = None
        return
    if draft.asked == draft.awaiting and not draft.errors:
        return
    text, force_reply = question_view(context.lang, draft, owner)
    answered = update.message
    await context.bot.send_message(
        _chat_id(update),
        clip(text),
        parse_mode=ParseMode.HTML,
        reply_markup=force_reply,
        reply_parameters=(
            ReplyParameters(answered.message_id, allow_sending_without_reply=True)
            if answered is not None
            else None
        ),
    )
    draft.asked = draft.awaiting


async def _say(update: Update, context: BotContext, text: str) -> None:
    """A short notice: a toast for a button, a message for a command."""
    if update.callback_query is not None:
        await answer(update, context, text)
    elif update.effective_message is not None:
        await update.effective_message.reply_text(text)


# Entering the form


async def _open(
    update: Update,
    context: BotContext,
    draft: FormDraft,
    *,
    in_place: bool,
    notice: str | None = None,
) -> FormState:
    await render(update, context, draft, move=True, in_place=in_place, notice=notice)
    keep_draft(context, _chat_id(update), draft)
    return state_of(draft)


async def _resume(update: Update, context: BotContext, draft: FormDraft) -> FormState:
    """One form per user and chat: show the one in progress rather than lose it."""
    notice = t(context.lang, "form.in_progress")
    return await _open(update, context, draft, in_place=not _in_group(update), notice=notice)


@members_only
async def ask_new_client(update: Update, context: BotContext) -> FormState | None:
    """ "+ Nouveau client": ask "Créer un nouveau client ?" (Oui / Non)."""
    draft = load_draft(context, _chat_id(update))
    if draft is not None:
        return await _resume(update, context, draft)
    lang = context.lang
    await show(
        update,
        context,
        t(lang, "form.confirm_new"),
        confirm(lang, NewClientConfirm(), Menu()),
        new_message=_in_group(update),
    )
    return None


@members_only
async def open_new_form(update: Update, context: BotContext) -> FormState:
    """ "Oui": open an empty form, awaiting the name."""
    draft = load_draft(context, _chat_id(update))
    if draft is not None:
        return await _resume(update, context, draft)
    return await _open(update, context, new_draft(), in_place=True)


@members_only
async def open_edit_form(update: Update, context: BotContext) -> FormState:
    """ "Modifier": the same form, filled with the client's values."""
    assert update.callback_query is not None
    payload = Edit.unpack(update.callback_query.data)
    return await _open_edit(update, context, payload.client_id, None)


@members_only
async def open_edit_form_at_field(update: Update, context: BotContext) -> FormState:
    """Open a client's form straight at one field (Localiser asks for the address this way)."""
    assert update.callback_query is not None
    payload = EditField.unpack(update.callback_query.data)
    if payload.field not in EDITABLE:
        raise InvalidCallbackData(update.callback_query.data)
    return await _open_edit(update, context, payload.client_id, payload.field)


async def _open_edit(
    update: Update, context: BotContext, client_id: int, field: str | None
) -> FormState:
    # Read first: the service refuses another account's client, whatever the payload says.
    client: ClientView = await context.services.clients.get(context.member, client_id)
    draft = load_draft(context, _chat_id(update))
    if draft is not None and draft.client_id != client.id:
        return await _resume(update, context, draft)
    if draft is None:
        draft = draft_of(client)
    if field is not None:
        draft.awaiting, draft.focused, draft.asked = field, True, None
    # In a group the card stays for everyone; the form is the user's own new message.
    return await _open(update, context, draft, in_place=not _in_group(update))


# Inside the form

FormAction = Callable[[Update, BotContext, FormDraft], Awaitable[FormDraft | None]]


def on_form(action: FormAction) -> Callable[[Update, BotContext], Awaitable[Any]]:
    """Run `action` on the user's draft in this chat; keep what it returns, or drop the draft.

    A button of another form (someone else's in a group, or an older message) changes nothing.
    """

    @functools.wraps(action)
    async def handle(update: Update, context: BotContext) -> Any:
        chat_id = _chat_id(update)
        draft = load_draft(context, chat_id)
        query = update.callback_query
        if draft is None:
            if query is not None:
                # In a group the message may be someone else's form, not a finished one.
                key = "form.not_yours" if _in_group(update) else "form.no_form"
                await answer(update, context, t(context.lang, key), alert=True)
            else:
                await _say(update, context, t(context.lang, "form.nothing_to_cancel"))
            return ConversationHandler.END
        if query is not None and (
            query.message is None or query.message.message_id != draft.message_id
        ):
            await answer(update, context, t(context.lang, "form.not_this_form"), alert=True)
            return None
        draft.errors, draft.rejected = [], None
        kept = await action(update, context, draft)
        if kept is None:
            drop_draft(context, chat_id)
            return ConversationHandler.END
        keep_draft(context, chat_id, kept)
        return state_of(kept)

    return handle


@members_only
@on_form
async def choose_field(update: Update, context: BotContext, draft: FormDraft) -> FormDraft:
    """A field's button: ask for its value, with an example of the expected format."""
    assert update.callback_query is not None
    payload = FormField.unpack(update.callback_query.data)
    if payload.field not in EDITABLE:
        raise InvalidCallbackData(update.callback_query.data)
    draft.awaiting, draft.focused, draft.asked, draft.conflict = payload.field, True, None, None
    await render(update, context, draft)
    return draft


@members_only
@on_form
async def choose_type(update: Update, context: BotContext, draft: FormDraft) -> FormDraft:
    """Professionnel / Particulier."""
    assert update.callback_query is not None
    payload = FormType.unpack(update.callback_query.data)
    draft.values["type"] = payload.client_type.value
    await render(update, context, draft)
    return draft


@members_only
@on_form
async def go_back(update: Update, context: BotContext, draft: FormDraft) -> FormDraft:
    """ "Retour": stop typing this field and show the whole form."""
    draft.awaiting, draft.focused, draft.conflict = None, False, None
    await render(update, context, draft)
    return draft


@members_only
@on_form
async def clear_field(update: Update, context: BotContext, draft: FormDraft) -> FormDraft:
    """ "Effacer": empty the field being typed (the name cannot be emptied)."""
    if draft.awaiting is not None:
        accept(draft, draft.awaiting, "")
    await render(update, context, draft)
    return draft


@members_only
@on_form
async def receive_value(update: Update, context: BotContext, draft: FormDraft) -> FormDraft:
    """The text typed for the awaited field: checked at once, stored in canonical form."""
    assert update.message is not None and update.message.text is not None
    if draft.awaiting is not None:
        accept(draft, draft.awaiting, update.message.text)
    await render(update, context, draft)
    return draft


@members_only
@on_form
async def receive_contact(update: Update, context: BotContext, draft: FormDraft) -> FormDraft:
    """A shared contact fills the name (if empty) or the contact name, and a phone number."""
    assert update.message is not None and update.message.contact is not None
    contact = update.message.contact
    full_name = " ".join(p for p in (contact.first_name, contact.last_name) if p).strip()
    if full_name:
        draft.values["name" if is_empty(draft, "name") else "contact_name"] = full_name[:120]
    try:
        number = _contact_phone(contact.phone_number)
    except InvalidInput as invalid:
        draft.errors = _plain_errors(invalid)
        draft.rejected = contact.phone_number
    else:
        draft.values[_phone_field(number)] = number
    _move_on_if_filled(draft)
    await render(update, context, draft)
    return draft


@members_only
@on_form
async def receive_location(update: Update, context: BotContext, draft: FormDraft) -> FormDraft:
    """A shared location is the client's position."""
    assert update.message is not None and update.message.location is not None
    location = update.message.location
    draft.values.update(latitude=location.latitude, longitude=location.longitude)
    _move_on_if_filled(draft)
    await render(update, context, draft)
    return draft


@members_only
@on_form
async def save(update: Update, context: BotContext, draft: FormDraft) -> FormDraft | None:
    """ "Enregistrer": create or update the client, then show its card."""
    return await _save(update, context, draft, draft.version)


@members_only
@on_form
async def overwrite(update: Update, context: BotContext, draft: FormDraft) -> FormDraft | None:
    """ "Écraser": save the user's values over the other person's, knowingly."""
    if draft.conflict is None:
        await render(update, context, draft)
        return draft
    return await _save(update, context, draft, draft.conflict["version"])


async def _save(
    update: Update, context: BotContext, draft: FormDraft, version: int | None
) -> FormDraft | None:
    clients = context.services.clients
    try:
        if draft.client_id is None:
            client = await clients.create(context.member, draft.values, once=draft.creation_key)
        else:
            assert version is not None
            client = await clients.update(
                context.member, draft.client_id, draft.values, expected_version=version
            )
    except InvalidInput as invalid:
        draft.errors = _plain_errors(invalid)
        fields = (form_field_of(error.field) for error in invalid.errors)
        draft.awaiting = next((name for name in fields if name is not None), None)
        draft.focused, draft.asked, draft.conflict = False, None, None
        await render(update, context, draft)
        return draft
    except AlreadyDone as done:
        # Saved before (a second press, or a crash before the form's end was stored).
        assert done.entity_id is not None
        client = await clients.get(context.member, done.entity_id)
    except ClientChangedMeanwhile as changed:
        current = changed.current
        draft.conflict = {"version": current.version, "values": client_values(current)}
        draft.awaiting, draft.focused = None, False
        await render(update, context, draft)
        return draft
    # Gone, and stored as gone, before anything else can fail: a second press must not
    # save a second client (the creation key covers a crash before this point).
    drop_draft(context, _chat_id(update))
    await persist_now(update, context)
    await show_card(update, context, client)
    return None


@members_only
@on_form
async def reload_theirs(update: Update, context: BotContext, draft: FormDraft) -> FormDraft:
    """ "Recharger": take the other person's version into the form, dropping the user's."""
    if draft.conflict is not None:
        draft.values = dict(draft.conflict["values"])
        draft.original = dict(draft.conflict["values"])
        draft.version = draft.conflict["version"]
    draft.conflict, draft.awaiting, draft.focused = None, None, False
    await render(update, context, draft)
    return draft


@members_only
@on_form
async def cancel_form(update: Update, context: BotContext, draft: FormDraft) -> None:
    """ "Annuler" and /cancel: drop the draft; nothing is saved."""
    chat_id = _chat_id(update)
    drop_draft(context, chat_id)
    lang = context.lang
    if update.callback_query is None and draft.message_id is not None:
        await _retire(context, chat_id, draft.message_id)
    if draft.client_id is None:
        await show(update, context, t(lang, "form.cancelled_new"), keyboard(menu_row(lang)))
        return None
    await _say(update, context, t(lang, "form.cancelled_edit"))
    await show_card(update, context, draft.client_id)
    return None


@members_only
@on_form
async def resume(update: Update, context: BotContext, draft: FormDraft) -> FormDraft:
    """/start while a form is open: show it again below, saying that a form is in progress."""
    notice = t(context.lang, "form.in_progress")
    await render(update, context, draft, move=True, in_place=False, notice=notice)
    return draft


class _ForTheForm(filters.MessageFilter):
    """Every message of a private chat; in a group, only replies to the bot's messages."""

    def filter(self, message: Message) -> bool:
        if message.chat.type not in _GROUPS:
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
        MessageHandler(for_the_form & filters.CONTACT, receive_contact),
        MessageHandler(for_the_form & filters.LOCATION, receive_location),
    ]
    buttons = [
        CallbackQueryHandler(ask_new_client, pattern=NewClient.pattern()),
        CallbackQueryHandler(open_new_form, pattern=NewClientConfirm.pattern()),
        CallbackQueryHandler(open_edit_form, pattern=Edit.pattern()),
        CallbackQueryHandler(open_edit_form_at_field, pattern=EditField.pattern()),
        CallbackQueryHandler(choose_field, pattern=FormField.pattern()),
        CallbackQueryHandler(choose_type, pattern=FormType.pattern()),
        CallbackQueryHandler(go_back, pattern=FormBack.pattern()),
        CallbackQueryHandler(clear_field, pattern=FormClear.pattern()),
        CallbackQueryHandler(save, pattern=FormSave.pattern()),
        CallbackQueryHandler(cancel_form, pattern=FormCancel.pattern()),
        CallbackQueryHandler(reload_theirs, pattern=FormReload.pattern()),
        CallbackQueryHandler(overwrite, pattern=FormOverwrite.pattern()),
        CommandHandler("cancel", cancel_form),
    ]
    return ConversationHandler(
        # Buttons are entry points so that a press without a form (saved, cancelled, someone
        # else's) gets a clear answer instead of the generic "too old".
        entry_points=buttons,
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
