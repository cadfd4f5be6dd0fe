"""Jobs and sweeps: how their columns are encoded (types, imputation, levels; null for the jobs stored
before, which train on numeric columns as they did), and per job what each column became

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("job") as batch:
        batch.add_column(sa.Column("encoding", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("columns", sa.JSON(), nullable=True))
    with op.batch_alter_table("sweep") as batch:
        batch.add_column(sa.Column("encoding", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("sweep") as batch:
        batch.drop_column("encoding")
    with op.batch_alter_table("job") as batch:
        batch.drop_column("columns")
        batch.drop_column("encoding")
