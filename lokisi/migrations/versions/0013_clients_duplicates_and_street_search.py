"""clients: duplicates found by SIRET, name and postal code; streets searchable

Revision ID: 0013
Revises: 0010
Create Date: 2026-12-03 09:00:00.000000

Every client gets its name key (lokisi.duplicates.name_key), and indexes find the clients of a
SIRET, of a name key and of a postal code. The live clients' search words now include the
words of their street lines (lokisi.search_terms): those are added.
"""

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

from lokisi.duplicates import name_key
from lokisi.search_terms import words

revision: str = "0013"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BATCH = 1_000

clients = sa.table(
    "clients",
    sa.column("id", sa.Integer),
    sa.column("account_id", sa.Integer),
    sa.column("sort_name", sa.String),
    sa.column("name_key", sa.String),
    sa.column("deleted_at", sa.DateTime),
    sa.column("name", sa.String),
    sa.column("address_line1", sa.String),
    sa.column("address_line2", sa.String),
)
client_terms = sa.table(
    "client_terms",
    sa.column("client_id", sa.Integer),
    sa.column("term", sa.String),
    sa.column("account_id", sa.Integer),
    sa.column("sort_name", sa.String),
)


def upgrade() -> None:
    with op.batch_alter_table("clients", schema=None) as batch_op:
        batch_op.add_column(sa.Column("name_key", sa.String(length=200), nullable=True))
        batch_op.create_index("ix_clients_account_siret", ["account_id", "siret"], unique=False)
        batch_op.create_index(
            "ix_clients_account_name_key", ["account_id", "name_key"], unique=False
        )
        batch_op.create_index(
            "ix_clients_account_postal_code", ["account_id", "postal_code"], unique=False
        )
    connection = op.get_bind()
    after = 0
    while True:
        rows = connection.execute(
            sa.select(clients).where(clients.c.id > after).order_by(clients.c.id).limit(BATCH)
        ).all()
        if not rows:
            return
        after = rows[-1].id
        for row in rows:
            connection.execute(
                sa.update(clients).where(clients.c.id == row.id).values(name_key=name_key(row.name))
            )
        _add_street_words([row for row in rows if row.deleted_at is None])


def _add_street_words(live: list[sa.Row[Any]]) -> None:
    connection = op.get_bind()
    ids = [row.id for row in live]
    known = set(
        connection.execute(
            sa.select(client_terms.c.client_id, client_terms.c.term).where(
                client_terms.c.client_id.in_(ids)
            )
        ).all()
    )
    added = [
        {
            "client_id": row.id,
            "term": term,
            "account_id": row.account_id,
            "sort_name": row.sort_name,
        }
        for row in live
        for term in sorted(set(words(row.address_line1)) | set(words(row.address_line2)))
        if (row.id, term) not in known
    ]
    if added:
        connection.execute(sa.insert(client_terms), added)


def downgrade() -> None:
    """The street words stay in the search index: an older version finds a little more. No
    batch mode: rebuilding the clients table would trip on the documents' foreign key, and
    SQLite drops a column in place since 3.35."""
    op.drop_index("ix_clients_account_postal_code", table_name="clients")
    op.drop_index("ix_clients_account_name_key", table_name="clients")
    op.drop_index("ix_clients_account_siret", table_name="clients")
    op.drop_column("clients", "name_key")
