"""API keys, and an owner (tenant) on datasets, jobs and models

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

OWNED = ("dataset", "job", "model")
EXISTING_OWNER = "admin"  # what was stored before keys existed belongs to the first admin's owner


def upgrade() -> None:
    op.create_table(
        "api_key",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("owner", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("prefix", sa.String(length=16), nullable=False),
        sa.Column("key_hash", sa.String(length=64), nullable=False),
        sa.Column("is_admin", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_key")),
        sa.UniqueConstraint("key_hash", name=op.f("uq_api_key_key_hash")),
    )
    op.create_index(op.f("ix_api_key_owner"), "api_key", ["owner"], unique=False)
    with op.batch_alter_table("idempotency_key", schema=None) as batch_op:  # scope: route and owner
        batch_op.alter_column("scope", type_=sa.String(length=80), existing_type=sa.String(length=32))
    for table in OWNED:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("owner", sa.String(length=64), nullable=False, server_default=EXISTING_OWNER))
            batch_op.create_index(batch_op.f(f"ix_{table}_owner"), ["owner"], unique=False)
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column("owner", server_default=None)


def downgrade() -> None:
    for table in OWNED:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(batch_op.f(f"ix_{table}_owner"))
            batch_op.drop_column("owner")
    with op.batch_alter_table("idempotency_key", schema=None) as batch_op:
        batch_op.alter_column("scope", type_=sa.String(length=32), existing_type=sa.String(length=80))
    op.drop_index(op.f("ix_api_key_owner"), table_name="api_key")
    op.drop_table("api_key")
