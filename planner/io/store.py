"""Saved plans in SQLite or PostgreSQL: versions and their authors, stale saves refused, shares, snapshots."""

from __future__ import annotations

import errno
import os
import threading
import uuid
from collections import OrderedDict
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal
from urllib.parse import quote

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import Connection, Engine, create_engine, delete, event, func, insert, select, update

from planner.access import Person
from planner.change_notes import NOTE_LENGTH, change_note
from planner.fiscal import as_utc
from planner.history import same_burst, versions_to_keep
from planner.io.migrate import upgrade
from planner.io.plan_file import plan_from_json, plan_to_json
from planner.io.schema import metadata as metadata  # re-exported: the tests reset databases with it
from planner.io.schema import plans_table, snapshots_table, versions_table
from planner.plan import Plan, replace

DATA_DIR_ENV = "PLANNER_DATA_DIR"
DATABASE_URL_ENV = "PLANNER_DATABASE_URL"
SQLITE_FILE = "plans.sqlite3"
# How long a save waits for another writer (another app process, a backup) to let go of SQLite's lock.
BUSY_TIMEOUT_MS = 10_000
# Plans (by id and version) a store keeps parsed: a save compares with the version before it, and a
# large plan takes a tenth of a second to read back from its JSON.
KEPT_PARSED = 16


class PlanNotFoundError(LookupError):
    """No saved plan has this id (or it was deleted)."""

    def __init__(self, plan_id: str) -> None:
        super().__init__(f"No saved plan has the id {plan_id!r}; it may have been deleted.")
        self.plan_id = plan_id


class StalePlanError(RuntimeError):
    """Someone saved the plan after this editor opened it; saving would overwrite their work."""

    def __init__(self, plan_id: str, based_on: int, current: int) -> None:
        super().__init__(
            f"This plan was saved elsewhere (version {current}) after you opened version {based_on}; "
            "reload their version or save yours as a copy."
        )
        self.plan_id, self.based_on, self.current = plan_id, based_on, current


class SavedPlan(BaseModel):
    """A plan as stored: its id, the version this content is, and when it was saved."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    version: int
    saved_at: datetime
    plan: Plan


class PlanSummary(BaseModel):
    """One line of the plan list."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    name: str
    version: int
    created_at: datetime
    updated_at: datetime
    owner: str | None = Field(default=None, description="The creator's address; None before sign-in.")


class PlanVersion(BaseModel):
    """One entry of a plan's history: which version, when, and what changed."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    version: int
    saved_at: datetime
    note: str
    author: str | None = None
    author_name: str | None = None


def default_data_dir() -> Path:
    """Where plans live unless `PLANNER_DATA_DIR` says otherwise: the user's XDG data folder."""
    if os.environ.get(DATA_DIR_ENV):
        return Path(os.environ[DATA_DIR_ENV]).expanduser()
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "marketing-planner"


def database_url() -> str:
    """`PLANNER_DATABASE_URL` if set (a team's PostgreSQL server), else SQLite in the data folder."""
    if os.environ.get(DATABASE_URL_ENV):
        return os.environ[DATABASE_URL_ENV]
    return f"sqlite:///{default_data_dir() / SQLITE_FILE}"


def _now() -> datetime:
    return datetime.now(UTC)


class PlanStore:
    """Plans and their versions in one database, through SQLAlchemy; safe to share between threads."""

    def __init__(
        self, url: str | None = None, engine: Engine | None = None, clock: Callable[[], datetime] = _now
    ) -> None:
        url = url or database_url()
        if engine is None:
            if url.startswith("sqlite:///") and not url.startswith("sqlite:///:memory:"):
                url = _sqlite_url(Path(url.removeprefix("sqlite:///")))
            engine = create_engine(url, pool_pre_ping=True)
            if engine.dialect.name == "sqlite" and "mode=ro" not in url:
                event.listen(engine, "connect", _sqlite_pragmas)
        self.engine = engine
        self._clock = clock
        # A version's content never changes (each number is saved once), so any process may keep it.
        self._parsed: OrderedDict[tuple[str, int], Plan] = OrderedDict()
        self._parsed_lock = threading.Lock()
        upgrade(engine)

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    def create(
        self, plan: Plan, note: str = "created", owner: str | None = None, author: Person | None = None
    ) -> SavedPlan:
        """Save `plan` as a new plan (version 1) owned by `owner`, and return it with its id."""
        plan_id, now, data = uuid.uuid4().hex[:12], self._clock(), plan_to_json(plan)
        with self.engine.begin() as conn:
            conn.execute(
                insert(plans_table).values(
                    id=plan_id,
                    name=plan.name,
                    version=1,
                    data=data,
                    created_at=now,
                    updated_at=now,
                    owner=owner,
                )
            )
            conn.execute(
                insert(versions_table).values(
                    plan_id=plan_id, version=1, data=data, saved_at=now, note=note, **_authored(author)
                )
            )
        self._keep_parsed(plan_id, 1, plan)
        return SavedPlan(id=plan_id, version=1, saved_at=now, plan=plan)

    def get(self, plan_id: str) -> SavedPlan:
        """The latest version of a plan; `PlanNotFoundError` if none (or it is deleted)."""
        with self.engine.connect() as conn:
            row = conn.execute(
                select(plans_table).where(plans_table.c.id == plan_id, plans_table.c.deleted_at.is_(None))
            ).one_or_none()
        if row is None:
            raise PlanNotFoundError(plan_id)
        plan = self._parsed_plan(plan_id, row.version) or self._keep_parsed(
            plan_id, row.version, plan_from_json(row.data)
        )
        return SavedPlan(id=row.id, version=row.version, saved_at=as_utc(row.updated_at), plan=plan)

    def save(
        self,
        plan_id: str,
        plan: Plan,
        based_on: int,
        note: str | None = None,
        author: Person | None = None,
    ) -> SavedPlan:
        """Save `plan` as the next version, if nobody saved since `based_on`; else `StalePlanError`.

        Every save is a new version number, but not always a new history entry: a change its
        author makes right after their last one joins that entry (see `planner.history.same_burst`),
        which then holds the newest content and a note from before the first change to after the
        last. A save with a note of its own (a restore) is always an entry of its own. Each new
        entry applies the history's retention (`planner.history.versions_to_keep`).
        """
        now, data, authored = self._clock(), plan_to_json(plan), _authored(author)
        version = based_on + 1
        with self.engine.begin() as conn:
            before = self._parsed_plan(plan_id, based_on)
            before_data = None
            if before is None:
                before_data = conn.execute(
                    select(plans_table.c.data).where(
                        plans_table.c.id == plan_id, plans_table.c.version == based_on
                    )
                ).scalar_one_or_none()
            # The version check and the bump are one statement, so two sessions (or two app
            # processes on one database) cannot both win.
            bumped = conn.execute(
                update(plans_table)
                .where(
                    plans_table.c.id == plan_id,
                    plans_table.c.version == based_on,
                    plans_table.c.deleted_at.is_(None),
                )
                .values(version=version, name=plan.name, data=data, updated_at=now)
            ).rowcount
            if bumped != 1:
                current = conn.execute(
                    select(plans_table.c.version).where(
                        plans_table.c.id == plan_id, plans_table.c.deleted_at.is_(None)
                    )
                ).scalar_one_or_none()
                if current is None:
                    raise PlanNotFoundError(plan_id)
                raise StalePlanError(plan_id, based_on, current)
            if before is None and before_data is not None:
                before = self._keep_parsed(plan_id, based_on, plan_from_json(before_data))
            row = {"version": version, "data": data, "saved_at": now, **authored}
            joined = (
                note is None
                and before is not None
                and self._join_burst(conn, plan_id, based_on, before, plan, row)
            )
            if not joined:
                if note is None:
                    note = change_note(before, plan) if before is not None else "saved"
                conn.execute(insert(versions_table).values(plan_id=plan_id, note=note[:NOTE_LENGTH], **row))
                self._forget_old_versions(conn, plan_id, version, now)
        self._keep_parsed(plan_id, version, plan)
        return SavedPlan(id=plan_id, version=version, saved_at=now, plan=plan)

    def _join_burst(
        self, conn: Connection, plan_id: str, based_on: int, before: Plan, plan: Plan, row: dict[str, Any]
    ) -> bool:
        """Fold this save into the history entry of version `based_on` if it continues that entry's burst."""
        v = versions_table.c
        last = conn.execute(
            select(v.saved_at, v.author, v.note).where(v.plan_id == plan_id, v.version == based_on)
        ).one_or_none()
        if last is None or not same_burst(last.author, as_utc(last.saved_at), row["author"], row["saved_at"]):
            return False
        pinned = conn.execute(
            select(snapshots_table.c.id).where(
                snapshots_table.c.plan_id == plan_id, snapshots_table.c.version == based_on
            )
        ).first()
        start_version = conn.execute(
            select(func.max(v.version)).where(v.plan_id == plan_id, v.version < based_on)
        ).scalar_one_or_none()
        if pinned is not None or start_version is None:
            # A meeting snapshot shows exactly that version; a plan's first entry (its creation) has no before.
            return False
        start = self._plan_at(conn, plan_id, start_version)
        # An entry whose note is not the one its changes give was written with its own note (a restore).
        if start is None or last.note != change_note(start, before):
            return False
        conn.execute(
            update(versions_table)
            .where(v.plan_id == plan_id, v.version == based_on)
            .values(note=change_note(start, plan), **row)
        )
        return True

    def _forget_old_versions(self, conn: Connection, plan_id: str, current: int, now: datetime) -> None:
        """Drop the versions the history's retention no longer keeps; never the current one or a snapshot's."""
        v, s = versions_table.c, snapshots_table.c
        saved = {
            r.version: as_utc(r.saved_at)
            for r in conn.execute(select(v.version, v.saved_at).where(v.plan_id == plan_id))
        }
        pinned = {current, *conn.execute(select(s.version).where(s.plan_id == plan_id)).scalars()}
        gone = set(saved) - versions_to_keep(saved, now, pinned)
        if gone:
            conn.execute(delete(versions_table).where(v.plan_id == plan_id, v.version.in_(sorted(gone))))

    def _parsed_plan(self, plan_id: str, version: int) -> Plan | None:
        with self._parsed_lock:
            plan = self._parsed.get((plan_id, version))
            if plan is not None:
                self._parsed.move_to_end((plan_id, version))
            return plan

    def _keep_parsed(self, plan_id: str, version: int, plan: Plan) -> Plan:
        with self._parsed_lock:
            self._parsed[(plan_id, version)] = plan
            self._parsed.move_to_end((plan_id, version))
            while len(self._parsed) > KEPT_PARSED:
                self._parsed.popitem(last=False)
        return plan

    def _plan_at(self, conn: Connection, plan_id: str, version: int) -> Plan | None:
        plan = self._parsed_plan(plan_id, version)
        if plan is not None:
            return plan
        data = conn.execute(
            select(versions_table.c.data).where(
                versions_table.c.plan_id == plan_id, versions_table.c.version == version
            )
        ).scalar_one_or_none()
        return None if data is None else self._keep_parsed(plan_id, version, plan_from_json(data))

    def list_plans(self) -> list[PlanSummary]:
        """Every plan not deleted, the most recently saved first."""
        columns = ("id", "name", "version", "created_at", "updated_at", "owner")
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(*(plans_table.c[name] for name in columns))
                .where(plans_table.c.deleted_at.is_(None))
                .order_by(plans_table.c.updated_at.desc(), plans_table.c.id)
            ).all()
        return [
            PlanSummary(
                id=r.id,
                name=r.name,
                version=r.version,
                created_at=as_utc(r.created_at),
                updated_at=as_utc(r.updated_at),
                owner=r.owner,
            )
            for r in rows
        ]

    def rename(self, plan_id: str, name: str, author: Person | None = None) -> SavedPlan:
        """Give a plan a new name, as a new version of its latest content."""
        latest = self.get(plan_id)
        return self.save(plan_id, replace(latest.plan, name=name), based_on=latest.version, author=author)

    def duplicate(
        self,
        plan_id: str,
        name: str | None = None,
        owner: str | None = None,
        author: Person | None = None,
        taken: set[str] | None = None,
    ) -> SavedPlan:
        """A new plan (a scenario) starting from the latest version of another, owned by `owner`."""
        source = self.get(plan_id)
        taken = {p.name for p in self.list_plans()} if taken is None else taken
        name = name or scenario_name(source.plan.name, taken)
        return self.create(
            replace(source.plan, name=name),
            note=f"duplicated from {source.plan.name}",
            owner=owner,
            author=author,
        )

    def delete(self, plan_id: str) -> None:
        """Hide a plan from the list and its link; `undelete` brings it back with all its versions."""
        with self.engine.begin() as conn:
            gone = conn.execute(
                update(plans_table)
                .where(plans_table.c.id == plan_id, plans_table.c.deleted_at.is_(None))
                .values(deleted_at=self._clock())
            ).rowcount
        if gone != 1:
            raise PlanNotFoundError(plan_id)

    def undelete(self, plan_id: str) -> SavedPlan:
        """Bring back a deleted plan as it was."""
        with self.engine.begin() as conn:
            conn.execute(update(plans_table).where(plans_table.c.id == plan_id).values(deleted_at=None))
        return self.get(plan_id)

    def versions(self, plan_id: str, limit: int = 20) -> list[PlanVersion]:
        """The plan's most recent versions, newest first, with who saved each."""
        v = versions_table.c
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(v.version, v.saved_at, v.note, v.author, v.author_name)
                .where(v.plan_id == plan_id)
                .order_by(v.version.desc())
                .limit(limit)
            ).all()
        return [
            PlanVersion(
                version=r.version,
                saved_at=as_utc(r.saved_at),
                note=r.note,
                author=r.author,
                author_name=r.author_name,
            )
            for r in rows
        ]

    def plan_at(self, plan_id: str, version: int) -> Plan:
        """The plan's content as it was saved in `version`; `LookupError` if its history does not hold it."""
        v = versions_table.c
        with self.engine.connect() as conn:
            if self._parsed_plan(plan_id, version) is None:
                plan = self._plan_at(conn, plan_id, version)
            else:
                # Kept parsed, but the history may have dropped it since: say so, as every process would.
                held = conn.execute(
                    select(v.version).where(v.plan_id == plan_id, v.version == version)
                ).first()
                plan = self._parsed_plan(plan_id, version) if held else None
        if plan is None:
            raise LookupError(f"This plan's history has no version {version} (any more).")
        return plan

    def restore(self, plan_id: str, version: int, based_on: int, author: Person | None = None) -> SavedPlan:
        """Make an old version the latest again, as a new version (the versions in between stay)."""
        return self.save(
            plan_id,
            self.plan_at(plan_id, version),
            based_on=based_on,
            note=f"restored version {version}",
            author=author,
        )


def _authored(author: Person | None) -> dict[str, str | None]:
    if author is None or author.local:
        return {"author": None, "author_name": None}
    return {"author": author.email, "author_name": author.name[:200]}


def scenario_name(name: str, taken: set[str]) -> str:
    """A name for a copy of `name` that no other plan has: "… (scenario 2)", "… (scenario 3)"…"""
    base = name.split(" (scenario ")[0]
    for n in range(2, 1000):
        candidate = f"{base[: 80 - 14]} (scenario {n})"
        if candidate not in taken:
            return candidate
    return f"{base[:60]} ({uuid.uuid4().hex[:6]})"


def _sqlite_url(path: Path) -> str:
    """The SQLite address for a plan file: read-only when the file or its folder cannot be written.

    A WAL database needs its folder writable even to be read (SQLite keeps an index file beside
    it), so a file on a read-only volume is opened as unchanging: its plans can still be listed
    and opened, and every save is refused with SQLite's own "read-only" error.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists() and not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)):
        return f"sqlite:///file:{quote(str(path))}?mode=ro&immutable=1&uri=true"
    return f"sqlite:///{path}"


StoreProblem = Literal["read-only", "full", "locked", "unreachable"]
_SQLITE_PROBLEMS: dict[str, StoreProblem] = {
    "SQLITE_READONLY": "read-only",
    "SQLITE_FULL": "full",
    "SQLITE_BUSY": "locked",
    "SQLITE_LOCKED": "locked",
}
_POSTGRES_PROBLEMS: dict[str, StoreProblem] = {"25006": "read-only", "53100": "full", "55P03": "locked"}
_OS_PROBLEMS: dict[int, StoreProblem] = {
    errno.EROFS: "read-only",
    errno.EACCES: "read-only",
    errno.EPERM: "read-only",
    errno.ENOSPC: "full",
    errno.EDQUOT: "full",
    errno.EFBIG: "full",
}


def store_problem(exc: BaseException) -> StoreProblem:
    """What kind of trouble a failed read or save of the plan database is, for the page to word.

    SQLite and PostgreSQL say it in their error codes (a read-only file, a full disk, a lock held
    by another program); a folder that cannot be created says it in its `errno`. Anything else
    (a server that is down, a refused password) is "unreachable".
    """
    cause = getattr(exc, "orig", None) or exc
    if isinstance(cause, OSError) and cause.errno in _OS_PROBLEMS:
        return _OS_PROBLEMS[cause.errno]
    sqlite_name = getattr(cause, "sqlite_errorname", "")
    for name, problem in _SQLITE_PROBLEMS.items():
        # Extended codes name their family first: SQLITE_READONLY_DBMOVED, SQLITE_BUSY_SNAPSHOT.
        if sqlite_name == name or sqlite_name.startswith(name + "_"):
            return problem
    if sqlite_name.startswith("SQLITE_IOERR") and "full" in str(cause).lower():
        return "full"
    return _POSTGRES_PROBLEMS.get(getattr(cause, "sqlstate", None) or "", "unreachable")


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # WAL lets a reader (another tab listing plans) proceed while a save writes; the busy
    # timeout makes a second writer wait instead of failing at once.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()
