"""Named models: a name per owner, its numbered versions (one model each), and aliases pointing at versions

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "model_name",
        sa.Column("owner", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("last_version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("owner", "name", name=op.f("pk_model_name")),
    )
    op.create_table(
        "model_version",
        sa.Column("model_id", sa.String(length=36), nullable=False),
        sa.Column("owner", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["model_id"], ["model.id"], name=op.f("fk_model_version_model_id_model"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["owner", "name"],
            ["model_name.owner", "model_name.name"],
            name=op.f("fk_model_version_owner_model_name"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("model_id", name=op.f("pk_model_version")),
        sa.UniqueConstraint("owner", "name", "version", name="uq_model_version_owner_name_version"),
    )
    op.create_table(
        "model_alias",
        sa.Column("owner", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("alias", sa.String(length=64), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner", "name", "version"],
            ["model_version.owner", "model_version.name", "model_version.version"],
            name=op.f("fk_model_alias_owner_model_version"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("owner", "name", "alias", name=op.f("pk_model_alias")),
    )


def downgrade() -> None:
    op.drop_table("model_alias")
    op.drop_table("model_version")
    op.drop_table("model_name")
