"""The saved copy of the working plan: autosave, the `?plan=` link, and what to tell the user about saving."""

from __future__ import annotations

import functools
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import ParamSpec
from zoneinfo import ZoneInfo

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from planner.access import AccessDeniedError, Role
from planner.io.service import PlanService
from planner.io.snapshots import Snapshot, SnapshotNotFoundError
from planner.io.store import (
    PlanNotFoundError,
    PlanStore,
    SavedPlan,
    StalePlanError,
    StoreProblem,
    database_url,
    store_problem,
)
from planner.plan import EXAMPLE_NAME, Plan
from ui import sign_in

_LOG = logging.getLogger(__name__)
SAVED_KEY = "plan_saved"
# What a database that is down, full, read-only or locked raises; the page says one sentence instead.
DATABASE_ERRORS = (SQLAlchemyError, OSError)
# Each kind of store trouble in the user's words: what is wrong, and when things work again.
CAUSES: dict[StoreProblem, str] = {
    "unreachable": "the plan database cannot be reached",
    "read-only": "the plan database is read-only on this server",
    "full": "the server's disk is full",
    "locked": "another program is holding the plan database",
}
WHEN_BACK: dict[StoreProblem, str] = {
    "unreachable": "as soon as it is back",
    "read-only": "once whoever runs the planner makes its data folder writable",
    "full": "once whoever runs the planner frees some space",
    "locked": "as soon as it lets go",
}
# How often a page whose changes are not saved tries again by itself, in seconds.
RETRY_SECONDS = 10
PARAM = "plan"
SNAPSHOT_PARAM = "snapshot"


@st.cache_resource(show_spinner=False)
def _store(url: str) -> PlanStore:
    # One engine (and connection pool) per database for the whole server; it is thread-safe. The
    # migrations run here, once per process, before the first page reads a plan.
    return PlanStore(url)


def store() -> PlanService:
    """The plan store the environment names, as the person using this session may use it.

    Built on every call from the signed-in identity (Streamlit's signed cookie), never kept in
    the session, so nothing a session holds can widen what it may read or save.
    """
    return PlanService(_store(database_url()), sign_in.person(), sign_in.team_rules())


@dataclass
class Saving:
    """This session's link to the store: which plan and version it edits, and what went wrong."""

    id: str | None = None
    version: int = 0
    saved: Plan | None = None
    saved_at: datetime | None = None
    stale: StalePlanError | None = None
    error: str | None = None
    notice: str | None = None
    # A link this person may not follow: said once, with the owner to ask; the plan is never shown.
    refused: str | None = None
    deleted: list[tuple[str, str]] = field(default_factory=list)
    # What the person may do with the open plan; None for the unsaved worked example (theirs).
    role: Role | None = None
    owner: str | None = None
    # A meeting snapshot on screen: read-only, and never saved.
    snapshot: Snapshot | None = None
    # The worked example's first change saves it as a new plan, which the user is then asked to name.
    ask_name: bool = False
    # Why the last save failed (a full disk, say): every later script run tries again until one works.
    problem: StoreProblem | None = None
    failed_at: float = 0.0
    # A button's store action that did not happen: said once, above the page.
    failed: str | None = None
    # Quick slider moves start a new script run before the last one ends: both may save at once.
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    @property
    def read_only(self) -> bool:
        """Whether the screen shows a plan this person may only view, or a frozen snapshot."""
        return self.snapshot is not None or self.role == "viewer"


def log_unreachable(exc: Exception) -> None:
    """Write why the database could not be reached to the server's log, for whoever runs it."""
    _LOG.warning("The plan database cannot be reached: %s", exc)


def cannot_list(problem: StoreProblem) -> str:
    """The Plans page's sentence when the saved plans cannot be read."""
    return (
        f"Saved plans cannot be listed now because {CAUSES[problem]}: the plan on your screen stays, "
        f"and your changes are saved {WHEN_BACK[problem]} (reload this page in a minute)."
    )


def not_saved(problem: StoreProblem) -> str:
    """The sentence for changes that could not be saved: they stay, and when they will be saved."""
    return (
        f"Your changes are not saved yet because {CAUSES[problem]}: they stay on this screen and are "
        f"saved {WHEN_BACK[problem]}."
    )


def not_done(what: str, problem: StoreProblem) -> str:
    """The sentence for a button's action the store refused: what did not happen, why, and when to retry."""
    return f"{what} because {CAUSES[problem]}: nothing changed, so try again {WHEN_BACK[problem]}."


_P = ParamSpec("_P")


def politely(what: str) -> Callable[[Callable[_P, None]], Callable[_P, None]]:
    """Make a button's store action say one sentence, instead of a traceback, when the store fails.

    `what` is what the user is told did not happen ("The plan was not renamed"); the database's
    own error, with its host or path, goes to the server's log.
    """

    def wrap(action: Callable[_P, None]) -> Callable[_P, None]:
        @functools.wraps(action)
        def guarded(*args: _P.args, **kwargs: _P.kwargs) -> None:
            try:
                action(*args, **kwargs)
            except DATABASE_ERRORS as exc:
                _LOG.warning("%s: %s", what, exc)
                saving().failed = not_done(what, store_problem(exc))

        return guarded

    return wrap


def saving() -> Saving:
    return st.session_state.setdefault(SAVED_KEY, Saving())


def mark_open(saved: SavedPlan, role: Role | None = None) -> None:
    """Record that this session now edits `saved`, and put its id in the address bar."""
    info = saving()
    info.id, info.version, info.saved, info.saved_at = saved.id, saved.version, saved.plan, saved.saved_at
    info.stale = info.error = info.snapshot = info.problem = None
    info.role = role or store().role(saved.id)
    info.owner = store().owner(saved.id)
    st.query_params.pop(SNAPSHOT_PARAM, None)
    if st.query_params.get(PARAM) != saved.id:
        st.query_params[PARAM] = saved.id


def mark_snapshot(snapshot: Snapshot, plan: Plan) -> None:
    """Record that this session shows a meeting snapshot: nothing it shows is saved."""
    info = saving()
    info.id, info.version, info.saved, info.saved_at = None, snapshot.version, plan, snapshot.created_at
    info.stale = info.error = None
    info.snapshot, info.role = snapshot, "viewer"
    st.query_params.pop(PARAM, None)
    st.query_params[SNAPSHOT_PARAM] = snapshot.id


def autosave(plan: Plan) -> None:
    """Save a changed plan, one script run of this session at a time.

    Two overlapping runs of one session (a slider moved twice quickly) would otherwise both save
    on the version they read: the second is then refused as stale, and the user is told that
    someone else saved when it was their own previous move. Behind the lock, the later run sees
    the version the earlier one saved and saves on top of it.
    """
    info = saving()
    with info.lock:
        _save(plan)


def _save(plan: Plan) -> None:
    """Save a changed plan: a new plan on its first change, else the next version of the open one.

    A stale or failed save keeps the plan in the session and stops autosaving until the user
    chooses (the frame's banner offers the choices), so nothing they typed is lost or overwrites
    a colleague's work.
    """
    info = saving()
    if info.stale is not None or info.snapshot is not None or plan == info.saved:
        return
    try:
        if info.id is None:
            mark_open(store().create(plan), role="owner")
            info.ask_name = plan.name == EXAMPLE_NAME
        else:
            mark_open(store().save(info.id, plan, based_on=info.version))
    except StalePlanError as exc:
        info.stale = exc
    except AccessDeniedError as exc:
        # A viewer's session never offers inputs; one that saves anyway is refused here.
        info.error = f"Your changes are not saved. {exc}"
    except PlanNotFoundError:
        # Deleted in another tab: keep the work as a new plan rather than lose it.
        mark_open(store().create(plan, note="saved again after the plan was deleted elsewhere"), role="owner")
        info.notice = "This plan had been deleted elsewhere, so your changes were saved as a new plan."
    except DATABASE_ERRORS as exc:
        # The address of the database is the administrator's business, not the page's.
        _LOG.warning("Saving plan %s failed: %s", info.id, exc)
        info.problem, info.failed_at = store_problem(exc), time.monotonic()
        info.error = not_saved(info.problem)
        if info.problem == "read-only":
            # A read-only file is opened read-only (see `PlanStore`): look again on the next try,
            # so the save goes through once the folder is writable, with no server restart.
            _store.clear()


def save_again(plan: Plan) -> bool:
    """After a save the store refused (full, read-only, locked, down): try again; whether it worked.

    Called on every script run, so the user's changes are saved by their next click or by the
    banner's timer once the store is back, without them having to change anything again.
    """
    info = saving()
    if info.problem is None or time.monotonic() - info.failed_at < RETRY_SECONDS / 2:
        # A change the user just made already tried (a locked database makes each try wait).
        return False
    autosave(plan)
    return info.problem is None


def _instead() -> str:
    return "your open plan" if saving().id else "the worked example"


def plan_to_open() -> SavedPlan | None:
    """The saved plan the address bar asks for, if this session is not already editing it.

    A first visit without `?plan=` shows the worked example, unsaved; its first change saves it
    as a new plan. Opening the most recent plan instead would drop a colleague who follows the
    bare server address into someone else's plan, and saving the example on every visit would
    fill the plan list with untouched copies. Other plans are one click away on the Plans page.
    A plan this person may not see is never opened: they are told whom to ask.
    """
    info = saving()
    wanted = st.query_params.get(PARAM)
    if wanted and wanted != info.id:
        try:
            return store().get(wanted)
        except PlanNotFoundError as exc:
            info.notice = f"{exc} Showing {_instead()} instead."
        except AccessDeniedError as exc:
            info.refused = f"{exc} Showing {_instead()} instead."
        except DATABASE_ERRORS as exc:
            _LOG.warning("Opening plan %s failed: %s", wanted, exc)
            info.failed = not_done("The plan in this link was not opened", store_problem(exc))
            return None  # the link stays in the address bar, so reloading tries it again
    if info.id and st.query_params.get(PARAM) != info.id:
        # Page links drop the query string: put the open plan back so the address stays shareable.
        st.query_params[PARAM] = info.id
    elif not info.id and wanted:
        del st.query_params[PARAM]
    return None


def snapshot_to_open() -> tuple[Snapshot, Plan] | None:
    """The meeting snapshot the address bar asks for (`?snapshot=<id>`), if not already on screen.

    While a snapshot is on screen, a page link without a plan keeps it there (the link is put
    back); a link to a plan leaves it.
    """
    info = saving()
    wanted = st.query_params.get(SNAPSHOT_PARAM)
    if wanted is None:
        if info.snapshot is not None and not st.query_params.get(PARAM):
            st.query_params[SNAPSHOT_PARAM] = info.snapshot.id
        return None
    if info.snapshot is not None and info.snapshot.id == wanted:
        return None
    try:
        return store().snapshot(wanted)
    except SnapshotNotFoundError as exc:
        info.notice = f"{exc} Showing {_instead()} instead."
    except AccessDeniedError as exc:
        info.refused = f"{exc} Showing {_instead()} instead."
    except DATABASE_ERRORS as exc:
        _LOG.warning("Opening snapshot %s failed: %s", wanted, exc)
        info.failed = not_done("The snapshot in this link was not opened", store_problem(exc))
        return None  # the link stays, so reloading tries it again
    del st.query_params[SNAPSHOT_PARAM]
    return None


def local_time(moment: datetime) -> str:
    """A saved moment in the browser's time zone (UTC when the browser does not say)."""
    try:
        zone = ZoneInfo(st.context.timezone or "UTC")
    except (KeyError, ValueError):
        zone = ZoneInfo("UTC")
    return moment.astimezone(zone).strftime("%d %b %Y, %H:%M")
