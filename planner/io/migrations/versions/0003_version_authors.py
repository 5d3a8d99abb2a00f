"""Authors: who saved each version, by address and by the name the history shows."""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade() -> None:
    # Versions saved before sign-in have no author; the history then shows none.
    with op.batch_alter_table("plan_versions") as versions:
        versions.add_column(sa.Column("author", sa.String(320), nullable=True))
        versions.add_column(sa.Column("author_name", sa.String(200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("plan_versions") as versions:
        versions.drop_column("author_name")
        versions.drop_column("author")
