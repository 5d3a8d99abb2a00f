"""The saved copy of the working plan: autosave, the `?plan=` link, and what to tell the user about saving."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from planner.io.store import PlanNotFoundError, PlanStore, SavedPlan, StalePlanError, database_url
from planner.plan import EXAMPLE_NAME, Plan

SAVED_KEY = "plan_saved"
PARAM = "plan"


@st.cache_resource(show_spinner=False)
def _store(url: str) -> PlanStore:
    # One engine (and connection pool) per database for the whole server; it is thread-safe.
    return PlanStore(url)


def store() -> PlanStore:
    """The plan store the environment names (`PLANNER_DATABASE_URL`, or SQLite in the data folder)."""
    return _store(database_url())


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
    deleted: list[tuple[str, str]] = field(default_factory=list)
    # The worked example's first change saves it as a new plan, which the user is then asked to name.
    ask_name: bool = False
    # Quick slider moves start a new script run before the last one ends: both may save at once.
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)


def saving() -> Saving:
    return st.session_state.setdefault(SAVED_KEY, Saving())


def mark_open(saved: SavedPlan) -> None:
    """Record that this session now edits `saved`, and put its id in the address bar."""
    info = saving()
    info.id, info.version, info.saved, info.saved_at = saved.id, saved.version, saved.plan, saved.saved_at
    info.stale = info.error = None
    if st.query_params.get(PARAM) != saved.id:
        st.query_params[PARAM] = saved.id


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
    if info.stale is not None or plan == info.saved:
        return
    try:
        if info.id is None:
            mark_open(store().create(plan))
            info.ask_name = plan.name == EXAMPLE_NAME
        else:
            mark_open(store().save(info.id, plan, based_on=info.version))
    except StalePlanError as exc:
        info.stale = exc
    except PlanNotFoundError:
        # Deleted in another tab: keep the work as a new plan rather than lose it.
        mark_open(store().create(plan, note="saved again after the plan was deleted elsewhere"))
        info.notice = "This plan had been deleted elsewhere, so your changes were saved as a new plan."
    except SQLAlchemyError as exc:
        info.error = (
            f"Your changes are not saved: the plan database ({store().url}) cannot be reached "
            f"({type(exc.orig or exc).__name__}). They stay here; they will be saved with your next change."
        )


def plan_to_open() -> SavedPlan | None:
    """The saved plan the address bar asks for, if this session is not already editing it.

    A first visit without `?plan=` shows the worked example, unsaved; its first change saves it
    as a new plan. Opening the most recent plan instead would drop a colleague who follows the
    bare server address into someone else's plan, and saving the example on every visit would
    fill the plan list with untouched copies. Other plans are one click away on the Plans page.
    """
    info = saving()
    wanted = st.query_params.get(PARAM)
    if wanted and wanted != info.id:
        try:
            return store().get(wanted)
        except PlanNotFoundError as exc:
            info.notice = f"{exc} Showing {'your open plan' if info.id else 'the worked example'} instead."
        except SQLAlchemyError:
            info.error = (
                f"The plan database ({store().url}) cannot be reached, so plan {wanted} cannot be opened."
            )
    if info.id and st.query_params.get(PARAM) != info.id:
        # Page links drop the query string: put the open plan back so the address stays shareable.
        st.query_params[PARAM] = info.id
    elif not info.id and wanted:
        del st.query_params[PARAM]
    return None


def local_time(moment: datetime) -> str:
    """A saved moment in the browser's time zone (UTC when the browser does not say)."""
    try:
        zone = ZoneInfo(st.context.timezone or "UTC")
    except (KeyError, ValueError):
        zone = ZoneInfo("UTC")
    return moment.astimezone(zone).strftime("%d %b %Y, %H:%M")
