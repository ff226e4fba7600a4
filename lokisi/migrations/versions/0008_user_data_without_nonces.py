"""user data without nonces

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01 12:00:00.000000

The "Oui" buttons carried one-time nonces remembered in each user's data ("nonces"), and the
bulk deletion's question its clients as a bare list ("deletion"). Tokens are now signed and
claimed in the database (0007), and the question's clients are kept with its token: the old
entries would be copied and written with every update of their user, for nothing.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

bot_state = sa.table(
    "bot_state",
    sa.column("store", sa.String),
    sa.column("key", sa.String),
    sa.column("data", sa.JSON),
)


def _obsolete(name: str, value: object) -> bool:
    return name == "nonces" or (name == "deletion" and isinstance(value, list))


def upgrade() -> None:
    connection = op.get_bind()
    user_data = bot_state.c.store == "user_data"
    for key, data in connection.execute(
        sa.select(bot_state.c.key, bot_state.c.data).where(user_data)
    ).all():
        if isinstance(data, dict) and any(_obsolete(k, v) for k, v in data.items()):
            kept = {k: v for k, v in data.items() if not _obsolete(k, v)}
            connection.execute(
                sa.update(bot_state).where(user_data, bot_state.c.key == key).values(data=kept)
            )


def downgrade() -> None:
    """Nothing to restore: an old "Oui" then says that it has already been used."""
