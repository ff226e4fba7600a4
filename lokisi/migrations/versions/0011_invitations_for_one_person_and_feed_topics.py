"""invitations for one person, and the activity feed's topic

Revision ID: 0011
Revises: 0013
Create Date: 2026-12-01 13:00:00.000000

A manager may pick the person to invite (Telegram's user picker): the invitation then serves
that person alone. In a forum, the activity feed goes to the topic the group was linked from.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("invitations") as table:
        table.add_column(sa.Column("for_telegram_id", sa.BigInteger(), nullable=True))
    with op.batch_alter_table("group_links") as table:
        table.add_column(sa.Column("feed_topic_id", sa.BigInteger(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("group_links") as table:
        table.drop_column("feed_topic_id")
    with op.batch_alter_table("invitations") as table:
        table.drop_column("for_telegram_id")
