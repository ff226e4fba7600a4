"""inbox

Revision ID: 0014
Revises: 0011
Create Date: 2026-12-03 09:00:00.000000

Updates are stored when they arrive and handled from the database (bot.inbox), so that a
crash between fetching and handling loses none and one delivered twice is handled once. A
single-use token also keeps what its call answered when that cannot be read again (what a
deletion deleted), so that the same "Oui" pressed again shows it.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import lokisi.models

revision: str = "0014"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "inbox",
        sa.Column("update_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("payload", sa.JSON(none_as_null=True), nullable=True),
        sa.Column("received_at", lokisi.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("handled_at", lokisi.models.UTCDateTime(timezone=True), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("update_id", name=op.f("pk_inbox")),
    )
    op.create_index("ix_inbox_handled_at", "inbox", ["handled_at"])
    with op.batch_alter_table("used_tokens") as batch:
        batch.add_column(sa.Column("outcome", sa.JSON(none_as_null=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("used_tokens") as batch:
        batch.drop_column("outcome")
    op.drop_index("ix_inbox_handled_at", table_name="inbox")
    op.drop_table("inbox")
