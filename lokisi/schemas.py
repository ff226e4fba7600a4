"""Frozen read models: what services hand out instead of live ORM objects."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict

from lokisi.enums import (
    AttachmentKind,
    ClientType,
    DocumentKind,
    DocumentStatus,
    DuplicateReason,
    InterventionStart,
    RentalStart,
    Role,
)


class ReadModel(BaseModel):
    model_config = ConfigDict(frozen=True, from_attributes=True)


class AccountView(ReadModel):
    id: int
    name: str
    intervention_start: InterventionStart
    rental_start: RentalStart
    activity_feed: bool


class AccountSummary(ReadModel):
    """A line of the administrator's list of accounts."""

    id: int
    name: str
    members: int
    clients: int
    created_at: datetime


class AccountDetails(ReadModel):
    """An account as the administrator sees it: configuration, members, sizes, groups."""

    account: AccountView
    created_at: datetime
    members: tuple[MemberView, ...]
    clients: int
    in_trash: int
    open_documents: int
    groups: tuple[str, ...]


class MemberView(ReadModel):
    """A member as the actor of a service call: who, which account, which role."""

    id: int
    account_id: int
    telegram_user_id: int
    role: Role
    name: str
    language: str

    @property
    def is_manager(self) -> bool:
        return self.role is Role.MANAGER


class InvitationView(ReadModel):
    id: int
    account_id: int
    token: str
    role: Role
    expires_at: datetime
    for_telegram_id: int | None = None


class ClientSummary(ReadModel):
    """One line of a list: enough to name the client and open its card."""

    id: int
    code: str
    type: ClientType
    name: str
    city: str | None
    postal_code: str | None


class DuplicateMatch(ReadModel):
    """An existing client that a new or changed one looks like, and why."""

    client: ClientSummary
    reason: DuplicateReason


class DeletedClient(ReadModel):
    """A client in the Corbeille."""

    id: int
    code: str
    name: str
    city: str | None
    deleted_at: datetime


class ClientView(ReadModel):
    id: int
    account_id: int
    code: str
    type: ClientType
    name: str
    contact_name: str | None
    phone: str | None
    mobile: str | None
    email: str | None
    siret: str | None
    vat_number: str | None
    address_line1: str | None
    address_line2: str | None
    postal_code: str | None
    city: str | None
    country: str
    latitude: float | None
    longitude: float | None
    notes: str | None
    version: int
    created_at: datetime
    updated_at: datetime

    @property
    def has_postal_address(self) -> bool:
        """Localiser needs a street or at least a town to point Maps at."""
        return bool(self.address_line1 and (self.city or self.postal_code))

    @property
    def has_position(self) -> bool:
        return self.latitude is not None and self.longitude is not None


class Establishment(ReadModel):
    """An establishment of the company register, as the client form offers it."""

    siret: str
    siren: str
    vat_number: str
    # None where the register hides it (a non-diffusible company: `masked`).
    name: str | None
    address_line1: str | None
    address_line2: str | None
    postal_code: str | None
    city: str | None
    latitude: float | None
    longitude: float | None
    head_office: bool
    closed: bool
    sole_trader: bool
    masked: bool

    @property
    def private_position(self) -> bool:
        """A sole trader's head office is often their home: its position is not kept."""
        return self.sole_trader and self.head_office


class Address(ReadModel):
    """An address of the national address base, placed."""

    label: str
    street: str | None
    postal_code: str | None
    city: str | None
    latitude: float
    longitude: float


class NearbyClient(ReadModel):
    """A client with a position, and how far it is from where the member stands."""

    client: ClientSummary
    distance_m: float


class DocumentView(ReadModel):
    id: int
    account_id: int
    client_id: int
    kind: DocumentKind
    number: str
    status: DocumentStatus
    created_by_name: str
    created_at: datetime
    closed_at: datetime | None


class DeleteOutcome(ReadModel):
    """What happened to one client of a bulk deletion."""

    client_id: int
    code: str | None
    name: str | None
    deleted: bool
    open_documents: tuple[DocumentView, ...] = ()
    not_found: bool = False


class AttachmentItemView(ReadModel):
    """One photo, video, file, voice note, position or text of an attachment."""

    kind: AttachmentKind
    file_id: str | None = None
    file_unique_id: str | None = None
    file_name: str | None = None
    mime_type: str | None = None
    file_size: int | None = None
    duration: int | None = None
    latitude: float | None = None
    longitude: float | None = None
    text: str | None = None


class AttachmentView(ReadModel):
    """What a member attached to a client in one go, its items in the order sent."""

    id: int
    client_id: int
    author_member_id: int | None
    author_name: str
    caption: str | None
    origin: str | None
    created_at: datetime
    items: tuple[AttachmentItemView, ...]


class NoteView(ReadModel):
    """A dated, signed note of a client."""

    id: int
    client_id: int
    text: str
    author_member_id: int | None
    author_name: str
    created_at: datetime


class CardExtras(ReadModel):
    """What the card shows besides the client's own fields."""

    attachments: int
    notes: int
    latest_note: NoteView | None


class ClientCard(ReadModel):
    client: ClientView
    extras: CardExtras


class HistoryEntry(ReadModel):
    """One event of a client's life, from the audit trail: who did what, with the snapshots
    before and after; `detail` is what the attachment or note it names says today (its
    caption, its text), or None once it is gone."""

    id: int
    at: datetime
    actor_name: str
    action: str
    entity: str
    entity_id: int | None
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    detail: str | None = None


ItemT = TypeVar("ItemT")


class Page(BaseModel, Generic[ItemT]):
    """A keyset page: items in name order, and whether there is more on either side."""

    model_config = ConfigDict(frozen=True)

    items: tuple[ItemT, ...]
    has_previous: bool
    has_next: bool
    # How many there are in all, when asked for: up to COUNT_CAP, and COUNT_CAP + 1 meaning
    # "more" (counting further costs more than anyone pages through).
    total: int | None = None
    # A search that found nothing, showing the clients under the closest spellings instead.
    closest: bool = False
