"""Every button's payload, in one place so that prefixes stay unique and short.

Asking first is one pattern (bot.confirmation): an action that asks "Oui" / "Non" is one
`Confirmable` payload whose last field is `token: str | None = None`. Without a token its
handler asks; the "Oui" button is the same payload with a signed single-use token, which the
service claims in the transaction of the effect, so that the action is done once however often
"Oui" arrives. "Non" is whatever button shows where the user was.
"""

from __future__ import annotations

from bot.callbacks import CallbackData, Confirmable
from bot.drafts import EDITABLE
from lokisi.enums import (
    ClientType,
    DocumentFamily,
    DocumentKind,
    InterventionStart,
    RentalStart,
    Role,
)

# Main menu and lists


class Menu(CallbackData, prefix="m"):
    pass


class SearchPrompt(CallbackData, prefix="sp"):
    pass


# A page's buttons carry its number ("page 2/7"): counting the clients before a cursor would
# cost as much as the page itself.


class ListPage(CallbackData, prefix="l"):
    """A page of all clients; `select` shows the selection circles for bulk deletion."""

    select: bool = False
    after: int | None = None
    before: int | None = None
    page: int = 1


class SearchPage(CallbackData, prefix="s"):
    """A page of a search; the query itself stays in the user's data under `query_id`."""

    query_id: str
    select: bool = False
    after: int | None = None
    before: int | None = None
    page: int = 1


# The selection's buttons carry the page they are on (the query's id and the cursor), so that
# the same page is shown again after a tap, even after a restart, with nothing stored per page.


class Toggle(CallbackData, prefix="t"):
    """Select or unselect a client in selection mode (○ / ●)."""

    client_id: int
    query_id: str | None = None
    after: int | None = None
    before: int | None = None
    page: int = 1


class SelectionDelete(Confirmable, CallbackData, prefix="sd"):
    """ "Supprimer (N)": the clients the question named are kept in the user's data."""

    query_id: str | None = None
    after: int | None = None
    before: int | None = None
    page: int = 1
    token: str | None = None


class SelectionClear(CallbackData, prefix="sc"):
    query_id: str | None = None
    after: int | None = None
    before: int | None = None
    page: int = 1


# The card and its actions


class Card(CallbackData, prefix="c"):
    client_id: int


class Delete(Confirmable, CallbackData, prefix="d"):
    client_id: int
    token: str | None = None


class CloseAndDelete(Confirmable, CallbackData, prefix="dd"):
    """From a refused deletion: close the documents in progress, then delete (managers)."""

    client_id: int
    token: str | None = None


class Locate(CallbackData, prefix="lo"):
    client_id: int


class Call(CallbackData, prefix="ca"):
    client_id: int


# Documents


class Documents(CallbackData, prefix="ds"):
    client_id: int


class DocumentStart(Confirmable, CallbackData, prefix="dc"):
    """ "Créer une intervention" (etc.)."""

    family: DocumentFamily
    client_id: int
    token: str | None = None


class DocumentKindChoice(CallbackData, prefix="dk"):
    """The second message of "au choix": "Devis" or "Ordre" / "Contrat", with the token of
    the "Oui" that asked it."""

    kind: DocumentKind
    client_id: int
    token: str


class DocumentOpen(CallbackData, prefix="do"):
    document_id: int


class DocumentClose(Confirmable, CallbackData, prefix="dx"):
    document_id: int
    token: str | None = None


class DocumentCancel(Confirmable, CallbackData, prefix="dn"):
    document_id: int
    token: str | None = None


# The client form


class NewClient(Confirmable, CallbackData, prefix="n"):
    """ "+ Nouveau client"; the token of its "Oui" names the client the form will create.
    After a search that found nothing, `query_id` names it: its text is the new name."""

    query_id: str | None = None
    token: str | None = None


class Edit(CallbackData, prefix="e"):
    client_id: int


class EditField(CallbackData, prefix="ef"):
    """Open the form of a client straight at one field (e.g. the address, from Localiser)."""

    client_id: int
    field: str

    def __post_init__(self) -> None:
        _check_form_field(self.field)


class FormField(CallbackData, prefix="ff"):
    field: str

    def __post_init__(self) -> None:
        _check_form_field(self.field)


def _check_form_field(field: str) -> None:
    if field not in EDITABLE:
        raise ValueError(f"no form field {field!r}")


class FormType(CallbackData, prefix="ft"):
    client_type: ClientType


class FormBack(CallbackData, prefix="fb"):
    """Stop typing a field and show the whole form again."""


class FormClear(CallbackData, prefix="fc"):
    """Empty the field being typed."""


class FormSave(CallbackData, prefix="fs"):
    pass


class FormCancel(Confirmable, CallbackData, prefix="fx"):
    """ "Annuler": asks first when something would be thrown away."""

    token: str | None = None


class FormShow(CallbackData, prefix="fw"):
    """Show the form as it was ("Non" to "Annuler ?")."""


class FormSkip(CallbackData, prefix="fk"):
    """ "Passer": leave the field the sequence asks for empty, and go on."""


class FormResume(CallbackData, prefix="fu"):
    """ "Reprendre": the form left for a command, shown again where the user was."""


class FormOffer(CallbackData, prefix="fl"):
    """Take what a look-up offered (an establishment, an address): its place in the list."""

    index: int


class FormOpenExisting(CallbackData, prefix="fe"):
    """Open, as a new message, the existing client the form's client looks like."""

    client_id: int


class FormSaveAnyway(CallbackData, prefix="fa"):
    """Save although the client looks like existing ones."""


class FormReload(CallbackData, prefix="fr"):
    """After a conflict: take the other person's version and drop mine."""


class FormOverwrite(CallbackData, prefix="fo"):
    """After a conflict: save mine over theirs, knowingly."""


# Account


class Settings(CallbackData, prefix="cfg"):
    pass


class SetInterventionStart(CallbackData, prefix="ci"):
    value: InterventionStart


class SetRentalStart(CallbackData, prefix="cr"):
    value: RentalStart


class SetActivityFeed(CallbackData, prefix="cf"):
    enabled: bool


class Invite(CallbackData, prefix="i"):
    """ "Inviter": whom (no role yet), then Telegram's picker of the person for that role."""

    role: Role | None = None


class InviteLink(CallbackData, prefix="il"):
    """ "🔗 Créer un lien": an invitation link to forward, for someone not in the contacts."""

    role: Role


class LinkGroup(CallbackData, prefix="lg"):
    """ "👥 Lier un groupe": Telegram's picker of the groups the bot is a member of."""


class DocumentStartWork(CallbackData, prefix="dw"):
    """ "Passer en cours": brouillon → en cours, for any member."""

    document_id: int


class Trash(CallbackData, prefix="tr"):
    """The Corbeille: clients deleted in the last 30 days (managers)."""


class Restore(Confirmable, CallbackData, prefix="rs"):
    client_id: int
    token: str | None = None


# The client's attachments, notes and history (one tap from the card each)


class Attachments(CallbackData, prefix="pj"):
    """ "📎 Pièces (N)": the client's attachments, newest first, older than `before`."""

    client_id: int
    before: int | None = None


class Attach(Confirmable, CallbackData, prefix="aj"):
    """The "Oui" of "📎 Joindre … à <client> ?": what was sent waits in the user's data under
    the token (bot.user_data)."""

    client_id: int
    token: str | None = None


class AttachmentOpen(CallbackData, prefix="po"):
    """Send an attachment back into the chat, with what it is and who attached it."""

    attachment_id: int


class AttachmentRemove(Confirmable, CallbackData, prefix="px"):
    """ "Retirer": its author or a manager."""

    attachment_id: int
    token: str | None = None


class Notes(CallbackData, prefix="nt"):
    """ "📝 Notes (N)": the client's notes, newest first, older than `before`."""

    client_id: int
    before: int | None = None


class NoteAdd(CallbackData, prefix="na"):
    """ "Ajouter une note": asks for it, to answer in one message."""

    client_id: int


class NoteOpen(CallbackData, prefix="no"):
    note_id: int


class NoteRemove(Confirmable, CallbackData, prefix="nx"):
    """ "Retirer la note": its author or a manager."""

    note_id: int
    token: str | None = None


class History(CallbackData, prefix="hi"):
    """ "🕘 Historique": the client's history, newest first, older than the event `before`."""

    client_id: int
    before: int | None = None
