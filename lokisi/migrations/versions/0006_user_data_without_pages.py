"""user data without pages

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-28 05:20:00.000000

Which page a list message shows used to be remembered in each user's data ("pages"); it now
travels in the message's own buttons. The entries left behind would be copied and written
with every update of their user, for nothing.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OBSOLETE_KEY = "pages"

bot_state = sa.table(
    "bot_state",
    sa.column("store", sa.String),
    sa.column("key", sa.String),
    sa.column("data", sa.JSON),
)


def upgrade() -> None:
    connection = op.get_bind()
    rows = connection.execute(
        sa.select(bot_state.c.key, bot_state.c.data).where(bot_state.c.store == "user_data")
    ).all()
    for key, data in rows:
        if isinstance(data, dict) and OBSOLETE_KEY in data:
            kept = {name: value for name, value in data.items() if name != OBSOLETE_KEY}
            connection.execute(
                sa.update(bot_state)
                .where(bot_state.c.store == "user_data", bot_state.c.key == key)
                .values(data=kept)
            )


def downgrade() -> None:
    """Nothing to restore: a list message whose page is forgotten shows the first page."""
