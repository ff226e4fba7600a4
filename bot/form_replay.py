"""A form's update delivered again after a crash (bot.inbox) shows its answer again, and
changes nothing.

Each step stores its draft, naming the update it answers, before showing it
(bot.form_steps.render); a save stores the draft as saved before showing the card. Handled
again, the step would be applied twice (a value typed for one field taken for the next), so
this handler runs before all others and shows what the stored draft says: the form, or the
saved client's card. It runs first because the conversation's state may have moved on (a
value typed for the last field), and would send the update elsewhere (to search).
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import ApplicationHandlerStop, TypeHandler

from bot.access import members_only
from bot.context import BotContext
from bot.form_steps import render
from bot.handlers.card import show_card
from bot.persistence import persist_now
from bot.places import place_of
from bot.user_data import drop_draft, keep_draft, stored_draft


async def answer_again(update: Update, context: BotContext) -> None:
    """The update the stored draft answers, delivered again: its answer, nothing else."""
    place = place_of(update)
    draft = stored_draft(context, place) if place is not None else None
    # A paused draft was shown by a command leaving the form (bot.form_routing): that update
    # has its own work to do, and, handled again, leaves the form as it is.
    if draft is None or draft.update_id != update.update_id or draft.paused:
        return
    await _show_again(update, context)
    await persist_now(update, context)
    raise ApplicationHandlerStop


@members_only
async def _show_again(update: Update, context: BotContext) -> None:
    place = place_of(update)
    draft = stored_draft(context, place) if place is not None else None
    if place is None or draft is None:
        return
    if draft.saved is not None:
        await show_card(update, context, draft.saved)
        drop_draft(context, place)
        return
    # Whether the message was edited before the crash is unknown: show it whatever it shows.
    draft.shown = draft.asked = None
    await render(update, context, draft)
    keep_draft(context, place, draft)


def handler() -> TypeHandler[Update, BotContext, None]:
    return TypeHandler(Update, answer_again)
