"""Domain errors become user text here, and only here; the global handler catches the rest."""

from __future__ import annotations

import html
import logging
from typing import Any

from telegram import Update
from telegram.error import BadRequest, Forbidden

from bot.i18n import language_of, t
from bot.replies import answer
from lokisi.errors import (
    ClientHasOpenDocuments,
    DocumentAlreadyFinal,
    DocumentKindNotAllowed,
    GroupLinkedElsewhere,
    LokisiError,
    NotAMember,
    NotFound,
    PermissionDenied,
)

log = logging.getLogger(__name__)


def describe(error: LokisiError, lang: str) -> str:
    """A short sentence saying what went wrong (alerts hold 200 characters)."""
    match error:
        case NotFound(entity=entity):
            key = f"errors.not_found_{entity}"
            return t(
                lang, key if entity in ("client", "document", "member") else "errors.not_found"
            )
        case NotAMember():
            return t(lang, "errors.not_member")
        case PermissionDenied():
            return t(lang, "errors.permission")
        case DocumentAlreadyFinal(document=document):
            status = t(lang, f"status.{document.status.value}")
            return t(
                lang, "errors.document_final", number=html.escape(document.number), status=status
            )
        case DocumentKindNotAllowed():
            return t(lang, "errors.kind_not_allowed")
        case ClientHasOpenDocuments(documents=documents):
            return t(lang, "errors.open_documents", count=len(documents))
        case GroupLinkedElsewhere():
            return t(lang, "errors.group_elsewhere")
    log.error("no message for %r", error)
    return t(lang, "errors.unexpected")


async def on_error(update: object, context: Any) -> None:
    """Log what failed with the update, and tell the user something useful."""
    error = context.error
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
        if update.callback_query is not None:
            await answer(update, context, text, alert=True)
        elif update.effective_message is not None and update.effective_chat is not None:
            await update.effective_message.reply_text(text)
    except BadRequest as failure:
        log.warning("could not tell the user about the failure: %s", failure)
