"""Sweeps: hyperparameter searches whose trials are jobs; jobs: k-fold cross-validation, and the
sweep and trial they belong to

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sweep",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("owner", sa.String(length=64), nullable=False),
        sa.Column("dataset_id", sa.String(length=36), nullable=True),
        sa.Column("target", sa.String(length=255), nullable=False),
        sa.Column("features", sa.JSON(), nullable=False),
        sa.Column("task", sa.String(length=16), nullable=False),
        sa.Column("hyperparameters", sa.JSON(), nullable=False),
        sa.Column("search", sa.JSON(), nullable=False),
        sa.Column("cv", sa.Integer(), nullable=True),
        sa.Column("metric", sa.String(length=32), nullable=False),
        sa.Column("trials", sa.Integer(), nullable=False),
        sa.Column("cancel_requested_at", sa.DateTime(), nullable=True),
        sa.Column("request_id", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["dataset_id"], ["dataset.id"], name=op.f("fk_sweep_dataset_id_dataset"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sweep")),
    )
    op.create_index(op.f("ix_sweep_owner"), "sweep", ["owner"], unique=False)
    op.create_index(op.f("ix_sweep_dataset_id"), "sweep", ["dataset_id"], unique=False)
    with op.batch_alter_table("job", schema=None) as batch_op:
        batch_op.add_column(sa.Column("cv", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("sweep_id", sa.String(length=36), nullable=True))
        batch_op.add_column(sa.Column("sweep_trial", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_job_sweep_id"), ["sweep_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("job", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_job_sweep_id"))
        for column in ("sweep_trial", "sweep_id", "cv"):
            batch_op.drop_column(column)
    op.drop_index(op.f("ix_sweep_dataset_id"), table_name="sweep")
    op.drop_index(op.f("ix_sweep_owner"), table_name="sweep")
    op.drop_table("sweep")
