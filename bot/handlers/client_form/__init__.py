"""Créer un client, Modifier un client: one form message, filled field by field, then saved.

The draft (bot.drafts) is kept in the user's data, one per chat and topic (bot.user_data,
bot.places); the persistence writes it after every update, so a restart in the middle of a
form resumes it where the user was. Which messages the form takes: bot.form_routing. One
module per part of it: `opening`, `filling`, `ending`. The state diagram is in
client_form.md.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler, ConversationHandler, MessageHandler, filters

from bot.context import BotContext
from bot.form_lookups import open_existing, take_offer
from bot.form_routing import FORM_COMMANDS
from bot.form_steps import FORM_NAME, FormState
from bot.handlers.client_form.ending import (
    cancel_button,
    cancel_command,
    overwrite,
    reload_theirs,
    save,
    save_anyway,
)
from bot.handlers.client_form.filling import (
    choose_field,
    choose_type,
    clear_field,
    go_back,
    receive_shared,
    receive_value,
    show_form,
    skip_field,
)
from bot.handlers.client_form.opening import (
    new_client,
    open_edit_form,
    open_edit_form_at_field,
    resume_form,
)
from bot.replying import RepliesToTheBot


def build_conversation() -> ConversationHandler[BotContext]:
    """The form's handlers: buttons work from any state, typed values only when awaited."""
    # Every message of a private chat; in a group, only replies to the bot (which of them
    # are for the form, bot.form_routing decides).
    for_the_form = filters.UpdateType.MESSAGE & (filters.ChatType.PRIVATE | RepliesToTheBot())
    shared: list[BaseHandler[Update, BotContext, object]] = [
        MessageHandler(for_the_form & (filters.CONTACT | filters.LOCATION), receive_shared),
    ]
    buttons: list[BaseHandler[Update, BotContext, object]] = [
        button.handler()
        for button in (
            new_client,
            resume_form,
            open_edit_form,
            open_edit_form_at_field,
            choose_field,
            choose_type,
            go_back,
            clear_field,
            skip_field,
            show_form,
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
        entry_points=[*buttons, CommandHandler(FORM_COMMANDS, cancel_command)],
        states={
            FormState.EDITING: shared,
            FormState.TYPING: [
                MessageHandler(for_the_form & filters.TEXT & ~filters.COMMAND, receive_value),
                *shared,
            ],
        },
        # Any other command leaves the form for what it asks (bot.form_routing.exits).
        fallbacks=[],
        allow_reentry=True,
        name=FORM_NAME,
        persistent=True,
    )


def handlers() -> list[BaseHandler]:
    return [build_conversation()]
