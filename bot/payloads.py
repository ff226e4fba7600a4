"""Every button's payload, in one place so that prefixes stay unique and short."""

from __future__ import annotations

from dataclasses import dataclass

from bot.callbacks import CallbackData
from lokisi.enums import (
    ClientType,
    DocumentFamily,
    DocumentKind,
    InterventionStart,
    RentalStart,
    Role,
)

# Main menu and lists


@dataclass(frozen=True)
class Menu(CallbackData, prefix="m"):
    pass


@dataclass(frozen=True)
class SearchPrompt(CallbackData, prefix="sp"):
    pass


@dataclass(frozen=True)
class ListPage(CallbackData, prefix="l"):
    """A page of all clients; `select` shows the selection circles for bulk deletion."""

    select: bool = False
    after: int | None = None
    before: int | None = None


@dataclass(frozen=True)
class SearchPage(CallbackData, prefix="s"):
    """A page of a search; the query itself stays in the user's data under `query_id`."""

    query_id: str
    select: bool = False
    after: int | None = None
    before: int | None = None


# The selection's buttons carry the page they are on (the query's id and the cursor), so that
# the same page is shown again after a tap, even after a restart, with nothing stored per page.


@dataclass(frozen=True)
class Toggle(CallbackData, prefix="t"):
    """Select or unselect a client in selection mode (○ / ●)."""

    client_id: int
    query_id: str | None = None
    after: int | None = None
    before: int | None = None


@dataclass(frozen=True)
class SelectionDelete(CallbackData, prefix="sd"):
    query_id: str | None = None
    after: int | None = None
    before: int | None = None


@dataclass(frozen=True)
class SelectionDeleteConfirm(CallbackData, prefix="sdy"):
    pass


@dataclass(frozen=True)
class SelectionClear(CallbackData, prefix="sc"):
    query_id: str | None = None
    after: int | None = None
    before: int | None = None


# The card and its actions


@dataclass(frozen=True)
class Card(CallbackData, prefix="c"):
    client_id: int


@dataclass(frozen=True)
class Delete(CallbackData, prefix="d"):
    client_id: int


@dataclass(frozen=True)
class DeleteConfirm(CallbackData, prefix="dy"):
    client_id: int


@dataclass(frozen=True)
class Locate(CallbackData, prefix="lo"):
    client_id: int


@dataclass(frozen=True)
class Call(CallbackData, prefix="ca"):
    client_id: int


# Documents


@dataclass(frozen=True)
class Documents(CallbackData, prefix="ds"):
    client_id: int


@dataclass(frozen=True)
class DocumentStart(CallbackData, prefix="dc"):
    """ "Créer une intervention" (etc.): asks "Oui" / "Non"."""

    family: DocumentFamily
    client_id: int


@dataclass(frozen=True)
class DocumentConfirm(CallbackData, prefix="dcy"):
    """ "Oui": the nonce makes a second press of the same button create nothing."""

    family: DocumentFamily
    client_id: int
    nonce: str


@dataclass(frozen=True)
class DocumentKindChoice(CallbackData, prefix="dk"):
    """The second message of "au choix": "Devis" or "Ordre" / "Contrat"."""

    kind: DocumentKind
    client_id: int
    nonce: str


@dataclass(frozen=True)
class DocumentOpen(CallbackData, prefix="do"):
    document_id: int


@dataclass(frozen=True)
class DocumentClose(CallbackData, prefix="dx"):
    document_id: int
    confirmed: bool = False


@dataclass(frozen=True)
class DocumentCancel(CallbackData, prefix="dn"):
    document_id: int
    confirmed: bool = False


# The client form


@dataclass(frozen=True)
class NewClient(CallbackData, prefix="n"):
    pass


@dataclass(frozen=True)
class NewClientConfirm(CallbackData, prefix="ny"):
    pass


@dataclass(frozen=True)
class Edit(CallbackData, prefix="e"):
    client_id: int


@dataclass(frozen=True)
class EditField(CallbackData, prefix="ef"):
    """Open the form of a client straight at one field (e.g. the address, from Localiser)."""

    client_id: int
    field: str


@dataclass(frozen=True)
class FormField(CallbackData, prefix="ff"):
    field: str


@dataclass(frozen=True)
class FormType(CallbackData, prefix="ft"):
    client_type: ClientType


@dataclass(frozen=True)
class FormBack(CallbackData, prefix="fb"):
    """Stop typing a field and show the whole form again."""


@dataclass(frozen=True)
class FormClear(CallbackData, prefix="fc"):
    """Empty the field being typed."""


@dataclass(frozen=True)
class FormSave(CallbackData, prefix="fs"):
    pass


@dataclass(frozen=True)
class FormCancel(CallbackData, prefix="fx"):
    pass


@dataclass(frozen=True)
class FormReload(CallbackData, prefix="fr"):
    """After a conflict: take the other person's version and drop mine."""


@dataclass(frozen=True)
class FormOverwrite(CallbackData, prefix="fo"):
    """After a conflict: save mine over theirs, knowingly."""


# Account


@dataclass(frozen=True)
class Settings(CallbackData, prefix="cfg"):
    pass


@dataclass(frozen=True)
class SetInterventionStart(CallbackData, prefix="ci"):
    value: InterventionStart


@dataclass(frozen=True)
class SetRentalStart(CallbackData, prefix="cr"):
    value: RentalStart


@dataclass(frozen=True)
class SetActivityFeed(CallbackData, prefix="cf"):
    enabled: bool


@dataclass(frozen=True)
class Invite(CallbackData, prefix="i"):
    role: Role | None = None


@dataclass(frozen=True)
class DocumentStartWork(CallbackData, prefix="dw"):
    """ "Passer en cours": brouillon → en cours, for any member."""

    document_id: int


@dataclass(frozen=True)
class Trash(CallbackData, prefix="tr"):
    """The Corbeille: clients deleted in the last 30 days (managers)."""


@dataclass(frozen=True)
class Restore(CallbackData, prefix="rs"):
    client_id: int
    confirmed: bool = False
