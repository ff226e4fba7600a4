"""Everything the bot keeps in a user's data, in one place.

python-telegram-bot's user data is stored as JSON with the user's conversation states
(bot.persistence), so what is here survives a restart. One key each:

- "forms": {place: draft}: the client form in progress in each chat, and in a forum in each
  topic (bot.places names the place: "<chat id>" or "<chat id>:<topic>"; bot.drafts); a saved
  one stays until the end of the update that saved it, so that the same press delivered
  again after a crash shows the card again (bot.form_replay);
- "searches": {query id: query}: the last searches too long to travel in a page's buttons
  (64 bytes), which name them (a short query travels in the buttons, and is not stored);
- "selection": [client id, ...]: the clients selected for "Supprimer plusieurs clients",
  across pages and searches;
- "deletion": {"token": ..., "clients": [...]}: the clients the latest "Supprimer (N) ?"
  named, so that its "Oui" deletes exactly what was shown;
- "selecting": true while the user is in selection mode, so that a new search keeps it;
- "shortcuts": the language of the private chat's reply keyboard ("📍 Autour de moi",
  "🔎 Rechercher") once it is shown, so that it is sent once, and again for a new language;
- "attaching": [pending, ...]: what waits for the "Oui" of "📎 Joindre … ?" (bot.attachable),
  the latest few;
- "note_prompts": {"chat:message": client id}: the questions "your note, in one message" the
  user may still answer, the latest few.

Which page a list message shows travels in its buttons (bot.payloads): paging stores nothing.
"""

from __future__ import annotations

import secrets
from typing import Any

from bot.attachable import Pending
from bot.callbacks import SEPARATOR
from bot.context import BotContext
from bot.drafts import FormDraft
from bot.places import Place

FORMS = "forms"
SEARCHES = "searches"
SELECTION = "selection"
DELETION = "deletion"
SELECTING = "selecting"
SHORTCUTS = "shortcuts"
ATTACHING = "attaching"
NOTE_PROMPTS = "note_prompts"
KEYS = (FORMS, SEARCHES, SELECTION, DELETION, SELECTING, SHORTCUTS, ATTACHING, NOTE_PROMPTS)

MAX_SEARCHES = 10
# Questions left unanswered are forgotten past these many.
MAX_PENDING = 3
MAX_NOTE_PROMPTS = 5


def _user_data(context: BotContext) -> dict[Any, Any]:
    if context.user_data is None:
        # Every update the bot handles comes from a user; a channel post reaches no handler
        # that keeps anything.
        raise RuntimeError("no user data for this update")
    return context.user_data


# The client form: of the user of the update (a context), or of another user (their data,
# e.g. the person a chat_member update is about).

Owner = BotContext | dict[Any, Any]


def _forms(owner: Owner) -> dict[str, Any]:
    data = owner if isinstance(owner, dict) else _user_data(owner)
    forms: dict[str, Any] = data.setdefault(FORMS, {})
    return forms


def load_draft(owner: Owner, place: Place) -> FormDraft | None:
    """The form in progress in this place (a saved one is over, even if still kept)."""
    draft = stored_draft(owner, place)
    return draft if draft is not None and draft.saved is None else None


def stored_draft(owner: Owner, place: Place) -> FormDraft | None:
    """The draft kept for this place, saved or not."""
    data = owner if isinstance(owner, dict) else owner.user_data
    if data is None:
        return None
    # Read without adding "forms": this runs for every update (bot.form_replay).
    stored = (data.get(FORMS) or {}).get(place.key)
    return FormDraft.from_json(stored) if stored else None


def keep_draft(owner: Owner, place: Place, draft: FormDraft) -> None:
    _forms(owner)[place.key] = draft.to_json()


def drop_draft(owner: Owner, place: Place) -> None:
    _forms(owner).pop(place.key, None)


def drafts_in_chat(owner: Owner, chat_id: int) -> dict[Place, FormDraft]:
    """The user's drafts in every topic of one chat."""
    places = (Place.of_key(key) for key in list(_forms(owner)))
    return {
        place: draft
        for place in places
        if place.chat_id == chat_id and (draft := load_draft(owner, place)) is not None
    }


# Searches


# A query this short (in UTF-8) travels in the buttons themselves, after the mark, so that a
# search writes nothing: most queries are a word or two. The longest payload that carries it
# (bot.payloads.SelectionDelete, with two ids, a page and a token) still fits in 64 bytes.
INLINE_QUERY_MARK = "="
INLINE_QUERY_BYTES = 15


def _searches(context: BotContext) -> dict[str, str]:
    known: dict[str, str] = _user_data(context).setdefault(SEARCHES, {})
    return known


def search_key(context: BotContext, query: str) -> str:
    """How a page's buttons name the query: the query itself when it fits (stored ids never
    start with the mark), else the id it is remembered under."""
    if len(query.encode()) <= INLINE_QUERY_BYTES and SEPARATOR not in query:
        return INLINE_QUERY_MARK + query
    return remember_search(context, query)


def search_query(context: BotContext, key: str) -> str | None:
    """The query a page's buttons name; None for one forgotten since."""
    if key.startswith(INLINE_QUERY_MARK):
        return key.removeprefix(INLINE_QUERY_MARK) or None
    return _user_data(context).get(SEARCHES, {}).get(key)


def remember_search(context: BotContext, query: str) -> str:
    """A short id for the query; the same query typed again keeps its id."""
    known = _searches(context)
    for query_id, known_query in known.items():
        if known_query == query:
            del known[query_id]
            known[query_id] = query
            return query_id
    query_id = secrets.token_urlsafe(6)
    known[query_id] = query
    # Dicts keep insertion order, and so does their JSON: the oldest go first.
    for old in list(known)[:-MAX_SEARCHES]:
        del known[old]
    return query_id


# The selection, and the bulk deletion it leads to


def selection(context: BotContext) -> list[int]:
    """The selected client ids, in the order they were selected."""
    chosen: list[int] = _user_data(context).setdefault(SELECTION, [])
    return chosen


def selected(context: BotContext) -> tuple[int, ...]:
    """The selection, read without storing an empty one: showing a page writes nothing."""
    return tuple(_user_data(context).get(SELECTION, ()))


def selecting(context: BotContext) -> bool:
    return bool(_user_data(context).get(SELECTING))


def set_selecting(context: BotContext, on: bool) -> None:
    if on:
        _user_data(context)[SELECTING] = True
    else:
        _user_data(context).pop(SELECTING, None)


def unselect(context: BotContext, client_ids: list[int]) -> None:
    gone = set(client_ids)
    selection(context)[:] = [i for i in selection(context) if i not in gone]


def ask_deletion(context: BotContext, token: str, client_ids: list[int]) -> None:
    """Remember which clients the question with this token named."""
    _user_data(context)[DELETION] = {"token": token, "clients": client_ids}


def take_deletion(context: BotContext, token: str) -> list[int]:
    """The clients the question with this token named, once (nothing for another token)."""
    asked = _user_data(context).get(DELETION)
    if not isinstance(asked, dict) or asked.get("token") != token:
        return []
    del _user_data(context)[DELETION]
    return list(asked.get("clients") or [])


# The private chat's reply keyboard


def shortcuts_shown_in(context: BotContext) -> str | None:
    """The language the reply keyboard was last shown in, if it is shown."""
    shown = _user_data(context).get(SHORTCUTS)
    return shown if isinstance(shown, str) else None


def set_shortcuts_shown(context: BotContext, lang: str | None) -> None:
    if lang is None:
        _user_data(context).pop(SHORTCUTS, None)
    else:
        _user_data(context)[SHORTCUTS] = lang


# What waits to be attached


def _pending(context: BotContext) -> list[dict[str, Any]]:
    kept: list[dict[str, Any]] = _user_data(context).setdefault(ATTACHING, [])
    return kept


def keep_pending(context: BotContext, pending: Pending) -> None:
    """Keep (or update) what waits under `pending.token`, as the newest."""
    kept = [p for p in _pending(context) if p.get("token") != pending.token]
    _user_data(context)[ATTACHING] = [*kept, pending.to_json()][-MAX_PENDING:]


def pending_for(context: BotContext, token: str) -> Pending | None:
    return next((Pending.from_json(p) for p in _pending(context) if p.get("token") == token), None)


def pending_album(context: BotContext, chat_id: int, album: str) -> Pending | None:
    """What waits of an album whose first items arrived in this chat."""
    return next(
        (
            Pending.from_json(p)
            for p in _pending(context)
            if p.get("album") == album and p.get("chat_id") == chat_id
        ),
        None,
    )


# Notes asked for


def _prompts(context: BotContext) -> dict[str, int]:
    prompts: dict[str, int] = _user_data(context).setdefault(NOTE_PROMPTS, {})
    return prompts


def ask_note(context: BotContext, chat_id: int, message_id: int, client_id: int) -> None:
    """Remember that the message `message_id` asks this user for a note on the client."""
    prompts = _prompts(context)
    prompts[f"{chat_id}:{message_id}"] = client_id
    for old in list(prompts)[:-MAX_NOTE_PROMPTS]:
        del prompts[old]


def note_asked(context: BotContext, chat_id: int, message_id: int) -> int | None:
    """The client whose note the message `message_id` asked this user for, if it did."""
    return _prompts(context).get(f"{chat_id}:{message_id}")


def drop_note_prompt(context: BotContext, chat_id: int, message_id: int) -> None:
    _prompts(context).pop(f"{chat_id}:{message_id}", None)
