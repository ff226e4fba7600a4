"""The database model (SQLAlchemy 2, typed declarative)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    DateTime,
    Enum,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

from lokisi.enums import (
    AttachmentKind,
    ClientType,
    DocumentKind,
    DocumentStatus,
    InterventionStart,
    RentalStart,
    Role,
)

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# Search keys are ASCII and compared by byte; PostgreSQL's locale collations would
# reorder them (and ignore punctuation), breaking prefix ranges and keyset pages.
SortKey = String(200).with_variant(String(200, collation="C"), "postgresql")
TermKey = String(64).with_variant(String(64, collation="C"), "postgresql")


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes on every database (SQLite would hand back naive ones)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return value.astimezone(UTC) if value is not None else None

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value


def _enum(enum_cls: type[Any], name: str) -> Enum:
    # Stored as plain strings so that a new value never needs an ALTER TYPE.
    return Enum(
        enum_cls,
        name=name,
        native_enum=False,
        create_constraint=False,
        length=32,
        values_callable=lambda e: [m.value for m in e],
    )


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {datetime: UTCDateTime()}


class Account(Base):
    __tablename__ = "accounts"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    intervention_start: Mapped[InterventionStart] = mapped_column(
        _enum(InterventionStart, "intervention_start"), default=InterventionStart.AU_CHOIX
    )
    rental_start: Mapped[RentalStart] = mapped_column(
        _enum(RentalStart, "rental_start"), default=RentalStart.AU_CHOIX
    )
    activity_feed: Mapped[bool] = mapped_column(default=False)
    # Last client number handed out; incremented atomically to make CLI-000001 codes.
    client_seq: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Member(Base):
    __tablename__ = "members"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    telegram_user_id: Mapped[int] = mapped_column(BigInteger, unique=True)
    role: Mapped[Role] = mapped_column(_enum(Role, "role"))
    name: Mapped[str] = mapped_column(String(120))
    language: Mapped[str] = mapped_column(String(8), default="fr")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (Index("ix_members_account", "account_id"),)


class Invitation(Base):
    __tablename__ = "invitations"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    token: Mapped[str] = mapped_column(String(48), unique=True)
    role: Mapped[Role] = mapped_column(_enum(Role, "role"))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    redeemed_at: Mapped[datetime | None]
    redeemed_by_telegram_id: Mapped[int | None] = mapped_column(BigInteger)
    # The one person the invitation is for, when the manager picked them: nobody else may
    # redeem it.
    for_telegram_id: Mapped[int | None] = mapped_column(BigInteger)


class Client(Base):
    __tablename__ = "clients"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    number: Mapped[int]
    code: Mapped[str] = mapped_column(String(16))
    type: Mapped[ClientType] = mapped_column(_enum(ClientType, "client_type"))
    name: Mapped[str] = mapped_column(String(120))
    sort_name: Mapped[str] = mapped_column(SortKey)
    # The name as duplicates are told apart (lokisi.duplicates.name_key).
    name_key: Mapped[str | None] = mapped_column(String(200))
    contact_name: Mapped[str | None] = mapped_column(String(120))
    phone: Mapped[str | None] = mapped_column(String(20))
    mobile: Mapped[str | None] = mapped_column(String(20))
    email: Mapped[str | None] = mapped_column(String(254))
    siret: Mapped[str | None] = mapped_column(String(14))
    vat_number: Mapped[str | None] = mapped_column(String(16))
    address_line1: Mapped[str | None] = mapped_column(String(120))
    address_line2: Mapped[str | None] = mapped_column(String(120))
    postal_code: Mapped[str | None] = mapped_column(String(12))
    city: Mapped[str | None] = mapped_column(String(80))
    country: Mapped[str] = mapped_column(String(60), default="France")
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    notes: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Deleted clients stay (without search terms) so that a manager can restore them.
    deleted_at: Mapped[datetime | None]

    __table_args__ = (
        UniqueConstraint("account_id", "number", name="uq_clients_account_number"),
        Index("ix_clients_account_sort", "account_id", "deleted_at", "sort_name", "id"),
        # The list of live clients in name order. PostgreSQL does not take "deleted_at IS NULL"
        # as an equality, so the index above gives it no order: it sorted the whole account.
        Index(
            "ix_clients_live_sort",
            "account_id",
            "sort_name",
            "id",
            sqlite_where=text("deleted_at IS NULL"),
            postgresql_where=text("deleted_at IS NULL"),
        ),
        # The nearest clients: a latitude band of one account, narrowed by longitude.
        Index("ix_clients_account_latitude", "account_id", "latitude"),
        # Duplicates (lokisi.services.duplicates): the same SIRET, the same name, the clients
        # of a postal code.
        Index("ix_clients_account_siret", "account_id", "siret"),
        Index("ix_clients_account_name_key", "account_id", "name_key"),
        Index("ix_clients_account_postal_code", "account_id", "postal_code"),
    )


class ClientTerm(Base):
    """One searchable word of a client; prefix ranges on it make search an index walk."""

    __tablename__ = "client_terms"

    client_id: Mapped[int] = mapped_column(
        ForeignKey("clients.id", ondelete="CASCADE"), primary_key=True
    )
    term: Mapped[str] = mapped_column(TermKey, primary_key=True)
    account_id: Mapped[int] = mapped_column(Integer)
    # Copied from the client so that the index alone yields results in name order.
    sort_name: Mapped[str] = mapped_column(SortKey)

    __table_args__ = (
        Index("ix_client_terms_lookup", "account_id", "term", "sort_name", "client_id"),
    )


class Document(Base):
    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="RESTRICT"))
    kind: Mapped[DocumentKind] = mapped_column(_enum(DocumentKind, "document_kind"))
    year: Mapped[int]
    seq: Mapped[int]
    number: Mapped[str] = mapped_column(String(24))
    status: Mapped[DocumentStatus] = mapped_column(
        _enum(DocumentStatus, "document_status"), default=DocumentStatus.BROUILLON
    )
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"))
    created_by_name: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    closed_at: Mapped[datetime | None]

    __table_args__ = (
        UniqueConstraint("account_id", "kind", "year", "seq", name="uq_documents_number"),
        Index("ix_documents_client", "client_id", "status"),
    )


class DocumentCounter(Base):
    """Last number used per account, kind and year: the row lock keeps numbering gapless."""

    __tablename__ = "document_counters"

    account_id: Mapped[int] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True
    )
    kind: Mapped[DocumentKind] = mapped_column(
        _enum(DocumentKind, "document_kind"), primary_key=True
    )
    year: Mapped[int] = mapped_column(primary_key=True)
    last_seq: Mapped[int] = mapped_column(default=0)


class AuditEvent(Base):
    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    actor_member_id: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="SET NULL")
    )
    actor_name: Mapped[str] = mapped_column(String(120))
    action: Mapped[str] = mapped_column(String(40))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[int | None]
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    # The client the event is about (the client itself, or its document, attachment or note),
    # so that a client's history is one index walk. No foreign key: the trail outlives rows.
    client_id: Mapped[int | None]

    __table_args__ = (
        Index("ix_audit_events_entity", "account_id", "entity", "entity_id"),
        Index("ix_audit_events_client", "client_id", "id"),
    )


class Attachment(Base):
    """What a member attached to a client from the chat in one go: a photo, an album, a file, a
    voice note, a video, a location or a forwarded message. Files stay on Telegram: its items
    keep their file ids (valid for this bot only), never their bytes."""

    __tablename__ = "attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"))
    author_member_id: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="SET NULL")
    )
    author_name: Mapped[str] = mapped_column(String(120))
    caption: Mapped[str | None] = mapped_column(Text)
    # Who a forwarded message came from, as Telegram names them.
    origin: Mapped[str | None] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (Index("ix_attachments_client", "client_id", "id"),)


class AttachmentItem(Base):
    """One photo, video, file, voice note, position or text of an attachment, in the order sent."""

    __tablename__ = "attachment_items"

    attachment_id: Mapped[int] = mapped_column(
        ForeignKey("attachments.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    # Also on the item, so that every row of an account says whose it is.
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    kind: Mapped[AttachmentKind] = mapped_column(_enum(AttachmentKind, "attachment_kind"))
    file_id: Mapped[str | None] = mapped_column(String(255))
    file_unique_id: Mapped[str | None] = mapped_column(String(64))
    file_name: Mapped[str | None] = mapped_column(String(255))
    mime_type: Mapped[str | None] = mapped_column(String(127))
    file_size: Mapped[int | None] = mapped_column(BigInteger)
    duration: Mapped[int | None]
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    text: Mapped[str | None] = mapped_column(Text)


class ClientNote(Base):
    """A dated, signed note from the field; the client's own "notes" field is its standing
    remarks, edited with the form."""

    __tablename__ = "client_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"))
    text: Mapped[str] = mapped_column(Text)
    author_member_id: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="SET NULL")
    )
    author_name: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (Index("ix_client_notes_client", "client_id", "id"),)


class UsedToken(Base):
    """A single-use token a service call claimed, and what the call made with it: the same
    token again makes nothing (lokisi.services.once)."""

    __tablename__ = "used_tokens"

    account_id: Mapped[int] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True
    )
    token: Mapped[str] = mapped_column(String(32), primary_key=True)
    action: Mapped[str] = mapped_column(String(40))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[int | None]
    # What the call answered, when that cannot be read again later (what a deletion deleted).
    outcome: Mapped[Any | None] = mapped_column(JSON(none_as_null=True))
    # No index: only the daily purge reads by age, through a table of 30 days of taps.
    used_at: Mapped[datetime] = mapped_column(default=utcnow)


class InboxUpdate(Base):
    """An update from Telegram, stored before its receipt is confirmed and handled from here
    (bot.inbox): a crash between fetching and handling loses nothing. Once handled it stays a
    while without its payload, so that the same update delivered again changes nothing."""

    __tablename__ = "inbox"

    update_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    payload: Mapped[Any | None] = mapped_column(JSON(none_as_null=True))
    received_at: Mapped[datetime] = mapped_column(default=utcnow)
    handled_at: Mapped[datetime | None]
    # Start-ups that found it still waiting: one that kills the process every time is given up.
    attempts: Mapped[int] = mapped_column(default=0)

    __table_args__ = (Index("ix_inbox_handled_at", "handled_at"),)


class GroupLink(Base):
    """A Telegram group chat linked to an account by one of its managers."""

    __tablename__ = "group_links"

    chat_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(255))
    linked_by_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"))
    linked_at: Mapped[datetime] = mapped_column(default=utcnow)
    # In a forum, the topic the activity feed goes to (linked from inside it); None: the
    # General topic, or a group without topics.
    feed_topic_id: Mapped[int | None] = mapped_column(BigInteger)

    __table_args__ = (Index("ix_group_links_account", "account_id"),)


class BotState(Base):
    """The chat front end's conversation state (forms in progress), kept across restarts.

    Plain JSON under a key: the business knows nothing of what the front end keeps here.
    """

    __tablename__ = "bot_state"

    store: Mapped[str] = mapped_column(String(32), primary_key=True)
    key: Mapped[str] = mapped_column(String(128), primary_key=True)
    data: Mapped[Any] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
