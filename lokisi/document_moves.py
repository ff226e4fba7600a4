"""Which status moves a member may make on a document: the rule the documents service
enforces and the bot's buttons show.

Brouillon → en cours: any member starts work. Brouillon or en cours → clôturé or annulé:
managers only. A clôturé or annulé document never moves again.
"""

from __future__ import annotations

from lokisi.enums import DocumentStatus, Role

_NEXT: dict[DocumentStatus, tuple[DocumentStatus, ...]] = {
    DocumentStatus.BROUILLON: (
        DocumentStatus.EN_COURS,
        DocumentStatus.CLOTURE,
        DocumentStatus.ANNULE,
    ),
    DocumentStatus.EN_COURS: (DocumentStatus.CLOTURE, DocumentStatus.ANNULE),
    DocumentStatus.CLOTURE: (),
    DocumentStatus.ANNULE: (),
}
_MANAGER_ONLY = frozenset({DocumentStatus.CLOTURE, DocumentStatus.ANNULE})


def needs_manager(target: DocumentStatus) -> bool:
    """Whether only managers move documents to `target`, whatever their status."""
    return target in _MANAGER_ONLY


def moves(role: Role, status: DocumentStatus) -> tuple[DocumentStatus, ...]:
    """The statuses a member of this role may move a document in `status` to."""
    return tuple(
        target for target in _NEXT[status] if role is Role.MANAGER or not needs_manager(target)
    )
