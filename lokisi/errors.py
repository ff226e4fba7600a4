"""Typed errors of the business; the bot turns each into a message in one place."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from lokisi.enums import DocumentFamily, DocumentKind
    from lokisi.schemas import ClientSummary, ClientView, DocumentView, DuplicateMatch


class LokisiError(Exception):
    """Base of every error the business raises on purpose."""

    def __reduce__(self) -> tuple[Any, ...]:
        # Rebuilt as it was, attributes and all, when it crosses from a worker process (the
        # export's): the default calls the class with `args`, which is not what each
        # __init__ takes.
        return (_rebuilt, (type(self), self.args, self.__dict__))


def _rebuilt(cls: type[LokisiError], args: tuple[Any, ...], state: dict[str, Any]) -> LokisiError:
    error = cls.__new__(cls)
    error.args = args
    error.__dict__.update(state)
    return error


class NotAMember(LokisiError):
    """The actor is not (or no longer) a member of any account."""


class PermissionDenied(LokisiError):
    """The actor's role does not allow this action."""

    def __init__(self, action: str) -> None:
        super().__init__(action)
        self.action = action


class NotFound(LokisiError):
    """No such record in the actor's account (another account's records look the same)."""

    def __init__(self, entity: str, entity_id: object) -> None:
        super().__init__(f"{entity} {entity_id}")
        self.entity = entity
        self.entity_id = entity_id


@dataclass(frozen=True)
class FieldError:
    """One bad field: which one, why (a stable code), and the details the message needs."""

    field: str
    code: str
    params: dict[str, Any]


class InvalidInput(LokisiError):
    """One or more fields are wrong; nothing was saved."""

    def __init__(self, errors: Sequence[FieldError]) -> None:
        super().__init__(", ".join(f"{e.field}: {e.code}" for e in errors))
        self.errors = tuple(errors)


class SiretTaken(LokisiError):
    """Another client of the account has this SIRET: the same establishment is never entered
    twice; open that one instead."""

    def __init__(self, existing: ClientSummary) -> None:
        super().__init__(existing.code)
        self.existing = existing


class LooksLikeDuplicate(LokisiError):
    """The client looks like existing ones (same phone, or a close name in the same place):
    nothing was saved; ask, then save again with `allow_duplicate` if the user says so."""

    def __init__(self, matches: Sequence[DuplicateMatch]) -> None:
        super().__init__(", ".join(match.client.code for match in matches))
        self.matches = tuple(matches)


class ClientChangedMeanwhile(LokisiError):
    """Someone saved the client after the version the actor started from."""

    def __init__(self, current: ClientView) -> None:
        super().__init__(current.code)
        self.current = current


class ClientHasOpenDocuments(LokisiError):
    """A client with documents in progress cannot be deleted; close them first."""

    def __init__(self, client: ClientView, documents: Sequence[DocumentView]) -> None:
        super().__init__(client.code)
        self.client = client
        self.documents = tuple(documents)


class DocumentKindRequired(LokisiError):
    """The account lets the user choose the kind ("au choix"): ask, then call again."""

    def __init__(self, family: DocumentFamily, choices: Sequence[DocumentKind]) -> None:
        super().__init__(family.value)
        self.family = family
        self.choices = tuple(choices)


class DocumentKindNotAllowed(LokisiError):
    """The kind asked for does not belong to the family or to the account configuration."""

    def __init__(self, kind: DocumentKind) -> None:
        super().__init__(kind.value)
        self.kind = kind


class DocumentAlreadyFinal(LokisiError):
    """A closed or cancelled document cannot change status again."""

    def __init__(self, document: DocumentView) -> None:
        super().__init__(document.number)
        self.document = document


class InvitationUnusable(LokisiError):
    """The invitation is unknown, expired or already used."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class AlreadyMember(LokisiError):
    """A Telegram user belongs to one account at most."""

    def __init__(self, account_name: str) -> None:
        super().__init__(account_name)
        self.account_name = account_name


class AccountNameTaken(LokisiError):
    """Accounts are told apart by their names (the administrator's list shows them)."""

    def __init__(self, name: str, account_id: int) -> None:
        super().__init__(name)
        self.name = name
        self.account_id = account_id


class AlreadyDone(LokisiError):
    """The single-use token was used before: nothing was done again. Says what the first
    call did (`action`) and made (`entity`, and its id; None when it made several, as a
    bulk deletion), and what it answered when that cannot be read again (`outcome`, plain
    JSON: what a deletion deleted), so that it can be shown again."""

    def __init__(
        self, action: str, entity: str, entity_id: int | None, outcome: Any = None
    ) -> None:
        super().__init__(f"{action} {entity} {entity_id}")
        self.action = action
        self.entity = entity
        self.entity_id = entity_id
        self.outcome = outcome


class GroupLinkedElsewhere(LokisiError):
    """The group already serves another account."""
