"""Owners and shares: who made each plan, and who else may view or edit it."""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade() -> None:
    # Existing plans keep no owner: the configured admin address owns them once sign-in is on.
    with op.batch_alter_table("plans") as plans:
        plans.add_column(sa.Column("owner", sa.String(320), nullable=True))
    op.create_table(
        "plan_shares",
        sa.Column("plan_id", sa.String(32), sa.ForeignKey("plans.id"), primary_key=True),
        sa.Column("grantee", sa.String(321), primary_key=True),
        sa.Column("role", sa.String(10), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("plan_shares")
    with op.batch_alter_table("plans") as plans:
        plans.drop_column("owner")
