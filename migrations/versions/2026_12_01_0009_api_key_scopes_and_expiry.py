"""API keys: a scope (predict, read, write, admin) in place of the admin flag, and an expiry

The keys stored before become what they could do: admin keys `admin`, the others `write`. Going
down, a key narrower than `write` or with an expiry cannot be stated without widening what it may
do or how long it works, so it is revoked (from its expiry, where that came first).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("api_key") as batch:
        batch.add_column(sa.Column("scope", sa.String(length=16), nullable=False, server_default="write"))
        batch.add_column(sa.Column("expires_at", sa.DateTime(), nullable=True))
    op.execute("UPDATE api_key SET scope = CASE WHEN is_admin THEN 'admin' ELSE 'write' END")
    with op.batch_alter_table("api_key") as batch:
        batch.alter_column("scope", server_default=None)
        batch.drop_column("is_admin")


def downgrade() -> None:
    with op.batch_alter_table("api_key") as batch:
        batch.add_column(sa.Column("is_admin", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.execute("UPDATE api_key SET is_admin = (scope = 'admin')")
    now = "timezone('utc', now())" if op.get_bind().dialect.name == "postgresql" else "CURRENT_TIMESTAMP"  # UTC, naive
    op.execute(
        f"UPDATE api_key SET revoked_at = CASE WHEN expires_at < {now} THEN expires_at ELSE {now} END "
        "WHERE revoked_at IS NULL AND (scope IN ('predict', 'read') OR expires_at IS NOT NULL)"
    )
    with op.batch_alter_table("api_key") as batch:
        batch.alter_column("is_admin", server_default=None)
        batch.drop_column("expires_at")
        batch.drop_column("scope")
