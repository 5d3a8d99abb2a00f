"""Meeting snapshots in the plan database: a saved version pinned under a name and a meeting date."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator
from sqlalchemy import Engine, insert, select

from planner.fiscal import as_utc
from planner.io.schema import plans_table, snapshots_table, versions_table


class SnapshotNotFoundError(LookupError):
    """No meeting snapshot has this id (or its plan was deleted)."""

    def __init__(self, snapshot_id: str) -> None:
        super().__init__("This meeting snapshot no longer exists; its plan may have been deleted.")
        self.snapshot_id = snapshot_id


class Snapshot(BaseModel):
    """A version pinned for a meeting: its link always opens exactly this version, read-only."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    plan_id: str
    version: int
    name: str = Field(min_length=1, max_length=80, title="Snapshot name")
    meeting_on: date
    created_at: datetime
    created_by: str | None = None

    @field_validator("name", mode="before")
    @classmethod
    def _trim(cls, value: object) -> object:
        return value.strip() if isinstance(value, str) else value


def freeze(
    engine: Engine, plan_id: str, version: int, name: str, meeting_on: date, by: str | None = None
) -> Snapshot:
    """Pin a saved version of a plan for a meeting; `LookupError` if the plan has no such version."""
    snapshot = Snapshot(
        id=uuid.uuid4().hex[:12],
        plan_id=plan_id,
        version=version,
        name=name,
        meeting_on=meeting_on,
        created_at=datetime.now(UTC),
        created_by=by,
    )
    with engine.begin() as conn:
        saved = conn.execute(
            select(versions_table.c.version).where(
                versions_table.c.plan_id == plan_id, versions_table.c.version == version
            )
        ).one_or_none()
        if saved is None:
            # Joined into a later entry of the history, or past its retention, since the list was drawn.
            raise LookupError(
                f"This plan's history has no version {version} (any more); choose one it lists."
            )
        conn.execute(insert(snapshots_table).values(**snapshot.model_dump()))
    return snapshot


def find(engine: Engine, snapshot_id: str) -> Snapshot:
    """A meeting snapshot by id; `SnapshotNotFoundError` if none, or if its plan is deleted."""
    s, p = snapshots_table.c, plans_table.c
    with engine.connect() as conn:
        row = conn.execute(
            select(snapshots_table)
            .join(plans_table, p.id == s.plan_id)
            .where(s.id == snapshot_id, p.deleted_at.is_(None))
        ).one_or_none()
    if row is None:
        raise SnapshotNotFoundError(snapshot_id)
    return _snapshot(row)


def of_plan(engine: Engine, plan_id: str) -> list[Snapshot]:
    """A plan's meeting snapshots, the latest meeting first."""
    s = snapshots_table.c
    with engine.connect() as conn:
        rows = conn.execute(
            select(snapshots_table)
            .where(s.plan_id == plan_id)
            .order_by(s.meeting_on.desc(), s.created_at.desc())
        ).all()
    return [_snapshot(row) for row in rows]


def _snapshot(row: Any) -> Snapshot:
    return Snapshot(
        id=row.id,
        plan_id=row.plan_id,
        version=row.version,
        name=row.name,
        meeting_on=row.meeting_on,
        created_at=as_utc(row.created_at),
        created_by=row.created_by,
    )
