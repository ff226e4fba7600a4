"""used tokens

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29 09:00:00.000000

Single-use tokens of any service call (lokisi.services.once) replace the creation key of
clients: the keys already used become tokens claimed by "client.create".
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import lokisi.models

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CREATION = "client.create"

clients = sa.table(
    "clients",
    sa.column("id", sa.Integer),
    sa.column("account_id", sa.Integer),
    sa.column("creation_key", sa.String),
    sa.column("created_at", lokisi.models.UTCDateTime(timezone=True)),
)
used_tokens = sa.table(
    "used_tokens",
    sa.column("account_id", sa.Integer),
    sa.column("token", sa.String),
    sa.column("action", sa.String),
    sa.column("entity", sa.String),
    sa.column("entity_id", sa.Integer),
    sa.column("used_at", lokisi.models.UTCDateTime(timezone=True)),
)


def upgrade() -> None:
    op.create_table(
        "used_tokens",
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("token", sa.String(length=32), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=True),
        sa.Column("used_at", lokisi.models.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_used_tokens_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("account_id", "token", name=op.f("pk_used_tokens")),
    )
    op.execute(
        used_tokens.insert().from_select(
            ["account_id", "token", "action", "entity", "entity_id", "used_at"],
            sa.select(
                clients.c.account_id,
                clients.c.creation_key,
                sa.literal(CREATION),
                sa.literal("client"),
                clients.c.id,
                clients.c.created_at,
            ).where(clients.c.creation_key.is_not(None)),
        )
    )
    with op.batch_alter_table("clients") as batch:
        batch.drop_constraint("uq_clients_account_creation_key", type_="unique")
        batch.drop_column("creation_key")


def downgrade() -> None:
    with op.batch_alter_table("clients") as batch:
        batch.add_column(sa.Column("creation_key", sa.String(length=32), nullable=True))
        batch.create_unique_constraint(
            "uq_clients_account_creation_key", ["account_id", "creation_key"]
        )
    created = (
        sa.select(used_tokens.c.token)
        .where(
            used_tokens.c.action == CREATION,
            used_tokens.c.account_id == clients.c.account_id,
            used_tokens.c.entity_id == clients.c.id,
        )
        .scalar_subquery()
    )
    op.execute(clients.update().values(creation_key=created))
    op.drop_table("used_tokens")
