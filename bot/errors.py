"""Refusals become user text here, and only here; the global handler catches the rest."""

from __future__ import annotations

import html
import logging
from typing import Any

from telegram import Update
from telegram.error import BadRequest, Forbidden

from bot.callbacks import InvalidCallbackData, UnknownToken
from bot.i18n import language_of, t, t_count
from bot.replies import answer, answer_inline, reply, unanswered
from bot.views.values import client_title
from lokisi.errors import (
    AlreadyDone,
    AlreadyMember,
    ClientHasOpenDocuments,
    DocumentAlreadyFinal,
    DocumentKindNotAllowed,
    GroupLinkedElsewhere,
    InvitationUnusable,
    LokisiError,
    NotAMember,
    NotFound,
    PermissionDenied,
)

log = logging.getLogger(__name__)

# What the bot refuses to do: a business rule said no, or the button was not the bot's.
Refusal = LokisiError | InvalidCallbackData
# Records that have a sentence of their own when they are gone.
_NAMED_WHEN_GONE = ("client", "document", "attachment", "note")
# What their author may do besides managers.
_AUTHORS_ACTIONS = ("attachment.remove", "note.remove")


def describe(error: Refusal, lang: str) -> str:
    """A short sentence saying what went wrong, in the bot's HTML (alerts hold 200 characters
    and show it as plain text, see bot.replies.tell)."""
    match error:
        case UnknownToken() | AlreadyDone():
            return t(lang, "common.already_handled")
        case InvalidCallbackData():
            return t(lang, "access.invalid_button")
        case NotFound(entity=entity):
            key = f"errors.not_found_{entity}"
            return t(lang, key if entity in _NAMED_WHEN_GONE else "errors.not_found")
        case NotAMember():
            return t(lang, "errors.not_member")
        case PermissionDenied(action=action) if action in _AUTHORS_ACTIONS:
            return t(lang, "errors.permission_author")
        case PermissionDenied():
            return t(lang, "errors.permission")
        case DocumentAlreadyFinal(document=document):
            status = t(lang, f"status.{document.status.value}")
            return t(
                lang, "errors.document_final", number=html.escape(document.number), status=status
            )
        case DocumentKindNotAllowed():
            return t(lang, "errors.kind_not_allowed")
        case ClientHasOpenDocuments(client=client, documents=documents):
            return t_count(
                lang, "errors.open_documents", len(documents), client=client_title(client)
            )
        case GroupLinkedElsewhere():
            return t(lang, "errors.group_elsewhere")
        case InvitationUnusable(reason=reason):
            return t(lang, f"access.invitation_{reason}")
        case AlreadyMember(account_name=account):
            return t(lang, "access.already_member", account=html.escape(account))
    log.error("no message for %r", error)
    return t(lang, "errors.unexpected")


async def on_error(update: object, context: Any) -> None:
    """Log what failed with the update, and tell the user something useful; a failed job
    (update None) is only logged: no user asked for it."""
    error = context.error
    metrics = getattr(context.application, "metrics", None)
    if context.job is not None:
        log.error("job %s failed", context.job.name, exc_info=error)
        if metrics is not None:
            metrics.failed(job=context.job.name)
        return
    if metrics is not None:
        metrics.failed()
    if isinstance(error, Forbidden):
        # The user blocked the bot: nobody to tell.
        log.info("user unreachable: %s", error)
        return
    log.error("update failed: %s", update, exc_info=error)
    if not isinstance(update, Update):
        return
    user = update.effective_user
    lang = language_of(user.language_code if user else None)
    text = t(lang, "errors.unexpected")
    try:
        if update.callback_query is not None and unanswered(update):
            await answer(update, context, text, alert=True)
        elif update.inline_query is not None:
            await answer_inline(update, [])
        # A query answered before the failure: a message is the only way left to say it.
        elif update.effective_message is not None and update.effective_chat is not None:
            await reply(update.effective_message, text)
    except BadRequest as failure:
        log.warning("could not tell the user about the failure: %s", failure)
