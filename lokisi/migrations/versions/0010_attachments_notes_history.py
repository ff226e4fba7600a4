"""attachments, notes and the client's history

Revision ID: 0010
Revises: 0008
Create Date: 2026-12-02 09:00:00.000000

What members attach to a client from the chat (attachments and their items: file ids, never
bytes), dated notes, and the client each audit event is about, so that a client's history is
one index walk: the events already written are given theirs (a client's own, and its
documents').
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import lokisi.models

revision: str = "0010"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

audit_events = sa.table(
    "audit_events",
    sa.column("entity", sa.String),
    sa.column("entity_id", sa.Integer),
    sa.column("client_id", sa.Integer),
)
documents = sa.table("documents", sa.column("id", sa.Integer), sa.column("client_id", sa.Integer))


def _account(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["account_id"],
        ["accounts.id"],
        name=op.f(f"fk_{table}_account_id_accounts"),
        ondelete="CASCADE",
    )


def _client(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["client_id"],
        ["clients.id"],
        name=op.f(f"fk_{table}_client_id_clients"),
        ondelete="CASCADE",
    )


def _author(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["author_member_id"],
        ["members.id"],
        name=op.f(f"fk_{table}_author_member_id_members"),
        ondelete="SET NULL",
    )


def upgrade() -> None:
    op.create_table(
        "attachments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=False),
        sa.Column("author_member_id", sa.Integer(), nullable=True),
        sa.Column("author_name", sa.String(length=120), nullable=False),
        sa.Column("caption", sa.Text(), nullable=True),
        sa.Column("origin", sa.String(length=255), nullable=True),
        sa.Column("created_at", lokisi.models.UTCDateTime(timezone=True), nullable=False),
        _account("attachments"),
        _client("attachments"),
        _author("attachments"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attachments")),
    )
    op.create_index("ix_attachments_client", "attachments", ["client_id", "id"])
    op.create_table(
        "attachment_items",
        sa.Column("attachment_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("file_id", sa.String(length=255), nullable=True),
        sa.Column("file_unique_id", sa.String(length=64), nullable=True),
        sa.Column("file_name", sa.String(length=255), nullable=True),
        sa.Column("mime_type", sa.String(length=127), nullable=True),
        sa.Column("file_size", sa.BigInteger(), nullable=True),
        sa.Column("duration", sa.Integer(), nullable=True),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("text", sa.Text(), nullable=True),
        _account("attachment_items"),
        sa.ForeignKeyConstraint(
            ["attachment_id"],
            ["attachments.id"],
            name=op.f("fk_attachment_items_attachment_id_attachments"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("attachment_id", "position", name=op.f("pk_attachment_items")),
    )
    op.create_table(
        "client_notes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("author_member_id", sa.Integer(), nullable=True),
        sa.Column("author_name", sa.String(length=120), nullable=False),
        sa.Column("created_at", lokisi.models.UTCDateTime(timezone=True), nullable=False),
        _account("client_notes"),
        _client("client_notes"),
        _author("client_notes"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_client_notes")),
    )
    op.create_index("ix_client_notes_client", "client_notes", ["client_id", "id"])
    with op.batch_alter_table("audit_events") as batch:
        batch.add_column(sa.Column("client_id", sa.Integer(), nullable=True))
    op.execute(
        audit_events.update()
        .where(audit_events.c.entity == "client")
        .values(client_id=audit_events.c.entity_id)
    )
    client_of_document = (
        sa.select(documents.c.client_id)
        .where(documents.c.id == audit_events.c.entity_id)
        .scalar_subquery()
    )
    op.execute(
        audit_events.update()
        .where(audit_events.c.entity == "document")
        .values(client_id=client_of_document)
    )
    op.create_index("ix_audit_events_client", "audit_events", ["client_id", "id"])


def downgrade() -> None:
    op.drop_index("ix_audit_events_client", table_name="audit_events")
    with op.batch_alter_table("audit_events") as batch:
        batch.drop_column("client_id")
    op.drop_index("ix_client_notes_client", table_name="client_notes")
    op.drop_table("client_notes")
    op.drop_table("attachment_items")
    op.drop_index("ix_attachments_client", table_name="attachments")
    op.drop_table("attachments")
