"""The client form's draft: what a user has entered so far and where the form is, and how each
thing they do changes it. Pure (no Telegram): the handlers of bot.handlers.client_form apply
these changes, bot.views.form shows the result, bot.user_data keeps it as plain JSON so that a
restart or a dropped network loses nothing.

The form's fields come from the registry of client fields (lokisi.fields): "type" (chosen with
two buttons), then one entry per value, the position standing for both coordinates.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from lokisi.enums import ClientType
from lokisi.errors import InvalidInput
from lokisi.fields import CLIENT_FIELDS, FIELD_NAMES, POSITION, entries, fields_of, kept_for
from lokisi.schemas import ClientView
from lokisi.validation import (
    DEFAULT_COUNTRY,
    contact_phone,
    parse_position,
    phone_field,
    validate_field,
)

TYPE = "type"
# What a user taps and types in the form (the type has buttons of its own).
EDITABLE: tuple[str, ...] = tuple(entry for entry in entries() if entry != TYPE)
# A new client's form walks through these, so that the usual client needs no tap between values.
QUICK_SEQUENCE: tuple[str, ...] = ("name", "mobile", "address_line1", "postal_code", "city")
# Always filled: the name is required, the country defaults to France.
NOT_CLEARABLE = frozenset({"name", "country"})


@dataclass
class FormDraft:
    """One user's form in one chat: the values entered so far and where the form is."""

    values: dict[str, Any]
    client_id: int | None = None
    code: str | None = None
    # The version the edit started from, and the values it had: the base of a conflict.
    version: int | None = None
    original: dict[str, Any] | None = None
    awaiting: str | None = None
    # The field screen (tapped field) rather than the whole form.
    focused: bool = False
    errors: list[dict[str, Any]] = field(default_factory=list)
    rejected: str | None = None
    # Someone else's save: {"version": int, "values": {...}}.
    conflict: dict[str, Any] | None = None
    message_id: int | None = None
    # The field last asked with ForceReply in a group, so that a re-render does not ask again.
    asked: str | None = None
    # Fingerprint of the form as last shown: Telegram refuses an edit that changes nothing.
    shown: str | None = None
    # The single-use token of the save (for a new client, the "Oui" that opened the form):
    # saved twice, the form still makes one client, or one change (bot.confirmation).
    token: str | None = None
    # The update whose answer this draft is: delivered again after a crash, it shows the
    # form as stored and changes nothing (bot.form_replay).
    update_id: int | None = None
    # The client the form made or changed, once saved: the form is over, its card shows.
    saved: int | None = None
    # Left by a command typed meanwhile: kept, shown, but nothing typed goes to it until the
    # user comes back to it ("Reprendre", a field, a reply to its question).
    paused: bool = False
    # In a group, the latest question asked with ForceReply: a reply to it is for this form.
    question_id: int | None = None
    # What the look-ups brought (bot.form_lookups): offers to choose from, a note when a service
    # is off or failing, the existing clients this one looks like.
    lookups: dict[str, Any] = field(default_factory=dict)

    @property
    def is_new(self) -> bool:
        return self.client_id is None

    @property
    def client_type(self) -> ClientType:
        return ClientType(self.values[TYPE])

    @property
    def typing(self) -> str | None:
        """The field whose value the user's next text is, if any (none while paused)."""
        return None if self.paused else self.awaiting

    def to_json(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> FormDraft:
        known = {f.name for f in dataclasses.fields(cls)}
        stored = dict(data)
        # Drafts stored before the token had its name.
        if "creation_key" in stored:
            stored.setdefault("token", stored.pop("creation_key"))
        return cls(**{key: value for key, value in stored.items() if key in known})


def new_draft(token: str | None = None) -> FormDraft:
    """An empty professional client, in France, awaiting its name."""
    values: dict[str, Any] = dict.fromkeys(FIELD_NAMES)
    values.update(type=ClientType.PROFESSIONNEL.value, country=DEFAULT_COUNTRY)
    return FormDraft(values=values, awaiting="name", token=token)


def named_draft(token: str | None, name: str) -> FormDraft:
    """A new client whose name is already known (the search that found nothing): the form
    goes on to the next field, or says what is wrong with the name."""
    draft = new_draft(token)
    accept(draft, "name", name)
    return draft


def client_values(client: ClientView) -> dict[str, Any]:
    """A client's values as the form keeps them (plain JSON)."""
    return client.model_dump(mode="json", include=set(FIELD_NAMES))


def draft_of(client: ClientView, token: str | None = None) -> FormDraft:
    values = client_values(client)
    return FormDraft(
        values=values,
        client_id=client.id,
        code=client.code,
        version=client.version,
        original=dict(values),
        token=token,
    )


def is_empty(draft: FormDraft, entry: str) -> bool:
    return all(draft.values.get(f.name) in (None, "") for f in fields_of(entry))


def offered(draft: FormDraft) -> tuple[str, ...]:
    """The fields the form offers for the client's type (no SIRET nor TVA for a private
    person: lokisi keeps none for one)."""
    kept = {field.entry for field in kept_for(draft.client_type)}
    return tuple(entry for entry in EDITABLE if entry in kept)


def has_changes(draft: FormDraft) -> bool:
    """Whether dropping the form would throw away something the user entered."""
    if draft.original is not None:
        return draft.values != draft.original
    return draft.values != new_draft().values


def can_skip(draft: FormDraft) -> bool:
    """A new client's automatic sequence may pass over any field but the name."""
    return (
        draft.is_new
        and not draft.focused
        and draft.typing in QUICK_SEQUENCE
        and draft.typing not in NOT_CLEARABLE
    )


def next_awaited(draft: FormDraft, filled: str) -> str | None:
    """After a new client's value, the next empty field of the quick sequence (if any)."""
    if not draft.is_new or filled not in QUICK_SEQUENCE:
        return None
    following = QUICK_SEQUENCE[QUICK_SEQUENCE.index(filled) + 1 :]
    return next((name for name in following if is_empty(draft, name)), None)


def form_field_of(error_field: str) -> str | None:
    """The form field an error of the business is about (latitude and longitude: position)."""
    entry = next((f.entry for f in CLIENT_FIELDS if f.name == error_field), None)
    return entry if entry in EDITABLE else None


def their_changes(draft: FormDraft) -> list[str]:
    """The entries (type included) that the other person's save changed."""
    if draft.conflict is None or draft.original is None:
        return []
    theirs, original = draft.conflict["values"], draft.original
    return [
        entry
        for entry in entries()
        if any(theirs.get(f.name) != original.get(f.name) for f in fields_of(entry))
    ]


# What the user does to the draft


def plain_errors(invalid: InvalidInput) -> list[dict[str, Any]]:
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


def accept(draft: FormDraft, entry: str, raw: str) -> None:
    """Store a value typed for `entry`, or say what is wrong with it and keep awaiting it."""
    try:
        if entry == POSITION:
            latitude, longitude = parse_position(raw)
            draft.values.update(latitude=latitude, longitude=longitude)
        else:
            draft.values[entry] = validate_field(entry, raw, country=draft.values.get("country"))
    except InvalidInput as invalid:
        draft.errors = plain_errors(invalid)
        draft.rejected = raw if raw.strip() else None
        return
    draft.awaiting = next_awaited(draft, entry)
    draft.focused = False


def skip(draft: FormDraft) -> None:
    """ "Passer": leave the awaited field empty and go on with the sequence."""
    if draft.awaiting is not None:
        draft.awaiting = next_awaited(draft, draft.awaiting)


def pause(draft: FormDraft) -> None:
    draft.paused = True


def resume(draft: FormDraft) -> None:
    draft.paused = False


def accept_contact(draft: FormDraft, full_name: str, phone_number: str) -> None:
    """A shared contact is the person to call at the client: the contact name and a phone
    number; for a private person whose name is still empty, that name."""
    if full_name:
        person = draft.client_type is ClientType.PARTICULIER and is_empty(draft, "name")
        draft.values["name" if person else "contact_name"] = full_name[:120]
    try:
        number = contact_phone(phone_number)
    except InvalidInput as invalid:
        draft.errors = plain_errors(invalid)
        draft.rejected = phone_number
    else:
        draft.values[phone_field(number)] = number
    _move_on_if_filled(draft)


def accept_location(draft: FormDraft, latitude: float, longitude: float) -> None:
    """A shared location is the client's position."""
    draft.values.update(latitude=latitude, longitude=longitude)
    _move_on_if_filled(draft)


def await_field(draft: FormDraft, entry: str) -> None:
    """The field screen of `entry`: its value is what the user types next."""
    draft.awaiting, draft.focused, draft.asked, draft.conflict = entry, True, None, None
    draft.paused = False


def show_whole_form(draft: FormDraft) -> None:
    """Stop typing a field (and leave a conflict): the whole form again."""
    draft.awaiting, draft.focused, draft.conflict = None, False, None


def take_theirs(draft: FormDraft) -> None:
    """After a conflict: the other person's version replaces the user's values."""
    if draft.conflict is not None:
        draft.values = dict(draft.conflict["values"])
        draft.original = dict(draft.conflict["values"])
        draft.version = draft.conflict["version"]
    show_whole_form(draft)


def refused(draft: FormDraft, invalid: InvalidInput) -> None:
    """The save was refused: show why, awaiting the first wrong field."""
    draft.errors = plain_errors(invalid)
    fields = (form_field_of(error.field) for error in invalid.errors)
    draft.awaiting = next((name for name in fields if name is not None), None)
    draft.focused, draft.asked, draft.conflict = False, None, None


def changed_meanwhile(draft: FormDraft, current: ClientView) -> None:
    """Someone saved the client since the form opened: keep both, for the user to choose."""
    draft.conflict = {"version": current.version, "values": client_values(current)}
    draft.awaiting, draft.focused = None, False


def _move_on_if_filled(draft: FormDraft) -> None:
    """A shared contact or location may fill the awaited field: then await the next one."""
    if draft.awaiting is not None and not is_empty(draft, draft.awaiting):
        draft.awaiting = next_awaited(draft, draft.awaiting)
        draft.focused = False
