"""Jobs: sample weights, warm starts, partial cancels and replays; cost history: the L2 split and
per-epoch diagnostics; models: the partial flag and the reproducibility record

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("job", schema=None) as batch_op:
        batch_op.add_column(sa.Column("sample_weight_column", sa.String(length=255), nullable=True))
        batch_op.add_column(sa.Column("init_model_id", sa.String(length=36), nullable=True))
        batch_op.add_column(sa.Column("keep_partial", sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column("replay_of", sa.String(length=36), nullable=True))
        batch_op.add_column(sa.Column("replay", sa.JSON(), nullable=True))
    with op.batch_alter_table("cost_history", schema=None) as batch_op:
        batch_op.add_column(sa.Column("train_loss", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("train_l2", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("validation_l2", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("diagnostics", sa.JSON(), nullable=True))
    with op.batch_alter_table("model", schema=None) as batch_op:
        batch_op.add_column(sa.Column("partial", sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column("reproducibility", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("model", schema=None) as batch_op:
        batch_op.drop_column("reproducibility")
        batch_op.drop_column("partial")
    with op.batch_alter_table("cost_history", schema=None) as batch_op:
        for column in ("diagnostics", "validation_l2", "train_l2", "train_loss"):
            batch_op.drop_column(column)
    with op.batch_alter_table("job", schema=None) as batch_op:
        for column in ("replay", "replay_of", "keep_partial", "init_model_id", "sample_weight_column"):
            batch_op.drop_column(column)
