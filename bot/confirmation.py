"""One way to ask before doing, and one way to do it once.

An action that asks first ("Supprimer", "Créer une facture", "Restaurer", "Clôturer", ...) has
one payload whose last field is `token: str | None = None` (a `Confirmable`, bot.payloads):

- pressed without a token, its handler asks with `ask`: "Oui" is the same payload with a new
  token, "Non" goes back where the user was and changes nothing;
- pressed with a token, its handler acts. `bot.buttons.on_button` has checked that the bot
  gave this token to this user (a made-up one gets "Ce bouton a déjà servi.") and the service
  claims it in the transaction of its effect (`once=`, lokisi.services.once): a double tap, a
  replayed press or one delivered again after a crash does the action once (AlreadyDone),
  and shows again what it made, after `done_before`'s word.

Tokens are signed, not stored: asking writes nothing, and any number of questions may be open.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from telegram import Message, Update

from bot.callbacks import CallbackData, Confirmable, UnknownToken
from bot.context import BotContext
from bot.i18n import t
from bot.replies import answer, show
from bot.views.keyboards import confirm

# Random part of a token: enough that an account's tokens of the last 30 days never collide.
NONCE_BYTES = 5
# Signature part: forging one takes millions of presses, for a button the user has anyway.
SIGNATURE_CHARS = 6


def new_token(context: BotContext) -> str:
    """A token for the "Oui" of the acting member."""
    return token_for(context.bot.token, context.member.telegram_user_id)


def token_for(bot_token: str, user_id: int, nonce: str | None = None) -> str:
    """A random part, and its signature for this user with the bot's token as the key: the
    deployment's secret, and the same after a restart, so that a question asked before it can
    still be answered."""
    nonce = nonce or secrets.token_hex(NONCE_BYTES)
    key = hashlib.sha256(f"confirmation:{bot_token}".encode()).digest()
    signature = hmac.new(key, f"{user_id}:{nonce}".encode(), hashlib.sha256).hexdigest()
    return nonce + signature[:SIGNATURE_CHARS]


def verify_token(context: BotContext, payload: CallbackData) -> None:
    """Refuse a payload whose token was not given to the acting member by this bot."""
    token = getattr(payload, "token", None)
    if token is None:
        return
    nonce = token[: NONCE_BYTES * 2]
    expected = token_for(context.bot.token, context.member.telegram_user_id, nonce)
    if len(nonce) != NONCE_BYTES * 2 or not hmac.compare_digest(token, expected):
        raise UnknownToken(token)


async def ask(
    update: Update,
    context: BotContext,
    question: str,
    action: Confirmable,
    no: CallbackData,
    *,
    token: str | None = None,
    new_message: bool = False,
) -> Message | None:
    """Ask `question` with "Oui" (the action, confirmed with `token` or a new one) and "Non"
    (`no`, changing nothing); returns the message that asks."""
    yes = action.confirmed(token or new_token(context))
    assert isinstance(yes, CallbackData)
    keyboard = confirm(context.lang, yes, no)
    return await show(update, context, question, keyboard, new_message=new_message)


async def done_before(update: Update, context: BotContext) -> None:
    """Say that this "Oui" was answered before (a double tap, or a press delivered again
    after a crash); the handler then shows what it made, as the first time."""
    await answer(update, context, t(context.lang, "common.already_handled"))
