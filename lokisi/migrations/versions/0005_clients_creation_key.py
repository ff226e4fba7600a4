"""clients creation key

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-28 04:10:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # The form that creates a client names its save: saved twice, it still makes one client.
    with op.batch_alter_table("clients") as batch:
        batch.add_column(sa.Column("creation_key", sa.String(length=32), nullable=True))
        batch.create_unique_constraint(
            "uq_clients_account_creation_key", ["account_id", "creation_key"]
        )


def downgrade() -> None:
    with op.batch_alter_table("clients") as batch:
        batch.drop_constraint("uq_clients_account_creation_key", type_="unique")
        batch.drop_column("creation_key")
