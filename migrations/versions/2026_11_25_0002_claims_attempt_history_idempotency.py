"""claim audit trail, cost history keyed by attempt, idempotency keys

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("cost_history", schema=None) as batch_op:
        batch_op.drop_constraint("pk_cost_history", type_="primary")
        batch_op.create_primary_key("pk_cost_history", ["job_id", "attempt", "epoch"])
    op.create_table(
        "job_claim",
        sa.Column("token", sa.String(length=36), nullable=False),
        sa.Column("job_id", sa.String(length=36), nullable=False),
        sa.Column("attempt", sa.Integer(), nullable=False),
        sa.Column("worker_id", sa.String(length=128), nullable=False),
        sa.Column("claimed_at", sa.DateTime(), nullable=False),
        sa.Column("ended_at", sa.DateTime(), nullable=True),
        sa.Column("outcome", sa.String(length=16), nullable=True),
        sa.ForeignKeyConstraint(["job_id"], ["job.id"], name=op.f("fk_job_claim_job_id_job"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("token", name=op.f("pk_job_claim")),
    )
    op.create_index(op.f("ix_job_claim_job_id"), "job_claim", ["job_id"], unique=False)
    op.create_table(
        "idempotency_key",
        sa.Column("scope", sa.String(length=32), nullable=False),
        sa.Column("key", sa.String(length=255), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("resource_id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("scope", "key", name=op.f("pk_idempotency_key")),
    )
    op.create_index(op.f("ix_idempotency_key_created_at"), "idempotency_key", ["created_at"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_idempotency_key_created_at"), table_name="idempotency_key")
    op.drop_table("idempotency_key")
    op.drop_index(op.f("ix_job_claim_job_id"), table_name="job_claim")
    op.drop_table("job_claim")
    # The old key holds one row per epoch: keep each job's latest attempt only.
    op.execute(
        "DELETE FROM cost_history WHERE attempt < "
        "(SELECT MAX(latest.attempt) FROM cost_history AS latest WHERE latest.job_id = cost_history.job_id)"
    )
    with op.batch_alter_table("cost_history", schema=None) as batch_op:
        batch_op.drop_constraint("pk_cost_history", type_="primary")
        batch_op.create_primary_key("pk_cost_history", ["job_id", "epoch"])
