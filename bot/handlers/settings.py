"""Réglages: the account configuration, for managers only."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import BaseHandler

from bot.buttons import on_button
from bot.context import BotContext
from bot.i18n import t
from bot.payloads import SetActivityFeed, SetInterventionStart, SetRentalStart, Settings
from bot.replies import answer, show
from bot.views.settings import settings_keyboard, settings_text
from lokisi.schemas import AccountView


@on_button(Settings, managers=True)
async def open_settings(update: Update, context: BotContext, _: Settings) -> None:
    """Show the account configuration with the current choices marked."""
    account = await context.services.accounts.account(context.member)
    await render(update, context, account)


@on_button(SetInterventionStart, managers=True)
async def set_intervention_start(
    update: Update, context: BotContext, payload: SetInterventionStart
) -> None:
    """What "Créer une intervention" creates: Devis, Ordre or Au choix."""
    await configure(update, context, intervention_start=payload.value)


@on_button(SetRentalStart, managers=True)
async def set_rental_start(update: Update, context: BotContext, payload: SetRentalStart) -> None:
    """What "Créer une location" creates: Devis, Contrat or Au choix."""
    await configure(update, context, rental_start=payload.value)


@on_button(SetActivityFeed, managers=True)
async def set_activity_feed(update: Update, context: BotContext, payload: SetActivityFeed) -> None:
    """Turn the activity feed on or off."""
    await configure(update, context, activity_feed=payload.enabled)


async def configure(update: Update, context: BotContext, **change: Any) -> None:
    """Save a change; pressing the current choice changes nothing and edits nothing."""
    account = await context.services.accounts.account(context.member)
    if all(getattr(account, name) == value for name, value in change.items()):
        await answer(update, context, t(context.lang, "settings.unchanged"))
        return
    account = await context.services.accounts.configure(context.member, **change)
    await answer(update, context, t(context.lang, "settings.saved"))
    await render(update, context, account)


async def render(update: Update, context: BotContext, account: AccountView) -> None:
    """The settings screen, in place."""
    await show(
        update,
        context,
        settings_text(context.lang, account),
        settings_keyboard(context.lang, account),
    )


def handlers() -> list[BaseHandler]:
    return [
        button.handler()
        for button in (open_settings, set_intervention_start, set_rental_start, set_activity_feed)
    ]
