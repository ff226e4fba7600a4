"""clients live sort index

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28 10:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LIVE = "deleted_at IS NULL"


def upgrade() -> None:
    # PostgreSQL sorted every client of the account to show the first page of the list
    # (39 ms at 100,000 clients): "deleted_at IS NULL" gives no order on the older index.
    op.create_index(
        "ix_clients_live_sort",
        "clients",
        ["account_id", "sort_name", "id"],
        unique=False,
        sqlite_where=sa.text(LIVE),
        postgresql_where=sa.text(LIVE),
    )


def downgrade() -> None:
    op.drop_index("ix_clients_live_sort", table_name="clients")
