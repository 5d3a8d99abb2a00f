"""Meeting snapshots: a saved version pinned under a name and a meeting date."""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"


def upgrade() -> None:
    op.create_table(
        "plan_snapshots",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("plan_id", sa.String(32), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("meeting_on", sa.Date, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(320), nullable=True),
        sa.ForeignKeyConstraint(["plan_id", "version"], ["plan_versions.plan_id", "plan_versions.version"]),
    )
    op.create_index("ix_plan_snapshots_plan_id", "plan_snapshots", ["plan_id"])


def downgrade() -> None:
    op.drop_index("ix_plan_snapshots_plan_id", "plan_snapshots")
    op.drop_table("plan_snapshots")
