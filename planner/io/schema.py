"""The plan database's tables as the latest migration leaves them; the migrations build them."""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Date,
    DateTime,
    ForeignKey,
    ForeignKeyConstraint,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

# An address is at most 320 characters (64 before the @, 255 after); a domain share is "@domain".
EMAIL_LENGTH = 320

metadata = MetaData()
plans_table = Table(
    "plans",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("version", Integer, nullable=False),
    Column("data", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("deleted_at", DateTime(timezone=True), nullable=True),
    # None for a plan made before sign-in was switched on: the admin address owns it.
    Column("owner", String(EMAIL_LENGTH), nullable=True),
)
versions_table = Table(
    "plan_versions",
    metadata,
    Column("plan_id", String(32), ForeignKey("plans.id"), primary_key=True),
    Column("version", Integer, primary_key=True),
    Column("data", Text, nullable=False),
    Column("saved_at", DateTime(timezone=True), nullable=False),
    Column("note", String(300), nullable=False),
    Column("author", String(EMAIL_LENGTH), nullable=True),
    Column("author_name", String(200), nullable=True),
)
shares_table = Table(
    "plan_shares",
    metadata,
    Column("plan_id", String(32), ForeignKey("plans.id"), primary_key=True),
    Column("grantee", String(EMAIL_LENGTH + 1), primary_key=True),
    Column("role", String(10), nullable=False),
)
snapshots_table = Table(
    "plan_snapshots",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("plan_id", String(32), nullable=False, index=True),
    Column("version", Integer, nullable=False),
    Column("name", String(200), nullable=False),
    Column("meeting_on", Date, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("created_by", String(EMAIL_LENGTH), nullable=True),
    ForeignKeyConstraint(["plan_id", "version"], ["plan_versions.plan_id", "plan_versions.version"]),
)
