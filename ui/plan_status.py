"""Opening saved plans into the session, and the saving banner and status every page shows."""

from __future__ import annotations

import streamlit as st

from planner.io.snapshots import Snapshot
from planner.io.store import SavedPlan, scenario_name
from planner.plan import Plan, replace
from ui import autosave
from ui.markdown import plain
from ui.state import current_plan, forget_undo, load_plan, set_plan


def open_saved(saved: SavedPlan, undoable: bool = False) -> None:
    """Make a saved plan the working plan; every widget starts again from it.

    Undo then starts afresh, since what it held belongs to the plan that was open, unless the
    same plan stays open with other content (a restored version) that Undo may take back.
    """
    autosave.mark_open(saved)
    load_plan(saved.plan)
    if not undoable:
        forget_undo()


def open_snapshot(snapshot: Snapshot, plan: Plan) -> None:
    """Show a meeting snapshot: exactly its version, read-only, never saved."""
    autosave.mark_snapshot(snapshot, plan)
    load_plan(plan)
    forget_undo()


def follow_the_link() -> None:
    """Open the snapshot or plan the address bar names (`?snapshot=`, `?plan=`), or put the open one there."""
    snapshot = autosave.snapshot_to_open()
    if snapshot is not None:
        open_snapshot(*snapshot)
    if autosave.saving().snapshot is not None and st.query_params.get(autosave.SNAPSHOT_PARAM):
        # A snapshot stays on screen until a link to a plan (and no snapshot) leaves it.
        return
    wanted = autosave.plan_to_open()
    if wanted is not None:
        open_saved(wanted)


@autosave.politely("Their version was not reloaded")
def _reload_theirs() -> None:
    open_saved(autosave.store().get(autosave.saving().id))
    autosave.saving().notice = "Reloaded the latest saved version; your unsaved changes were dropped."


@autosave.politely("Your changes were not saved as a copy")
def _save_mine_as_copy() -> None:
    mine = current_plan()
    taken = {p.name for p in autosave.store().list_plans()}
    copy = autosave.store().create(
        replace(mine, name=scenario_name(mine.name, taken)),
        note="saved as a copy of a plan changed elsewhere",
    )
    open_saved(copy)
    autosave.saving().notice = f"Your changes are saved as a new plan, “{copy.plan.name}”."


def _name_it(key: str) -> None:
    name = (st.session_state.get(key) or "").strip()
    if name:
        set_plan(replace(current_plan(), name=name))
        st.session_state.pop("sidebar_name", None)
    autosave.saving().ask_name = False


def name_prompt() -> None:
    """After the worked example's first change: the new plan is saved; ask what to call it.

    Drawn in the sidebar, under the plan's settings, so the page the user is working on does not
    jump down while they drag a slider or type in a table."""
    info = autosave.saving()
    if not (info.ask_name and info.id is not None):
        return
    plan = current_plan()
    with st.container(border=True, key="name_prompt"):
        st.markdown("**Your changes are saved as a new plan. What should it be called?**")
        st.text_input(
            "Name for the new plan",
            value=f"FY{plan.fiscal_year} marketing plan",
            key="name_prompt_value",
            max_chars=80,
        )
        st.button(
            "Name the plan",
            key="name_prompt_save",
            type="primary",
            on_click=_name_it,
            args=("name_prompt_value",),
        )
        st.button(
            f"Keep “{plain(plan.name)}”",
            key="name_prompt_keep",
            type="tertiary",
            on_click=_name_it,
            args=("",),
        )


@st.fragment(run_every=autosave.RETRY_SECONDS)
def _save_again() -> None:
    # Runs with the page and then every few seconds on its own, so changes left unsaved by a full
    # disk or a database that was down are saved once it is back, with no click needed.
    if autosave.save_again(current_plan()):
        st.rerun()


def saving_banner() -> None:
    """Tell the user when their changes are not saved, and let them choose what happens."""
    info = autosave.saving()
    if info.stale is not None:
        st.warning(
            f"Someone saved this plan (version {info.stale.current}) after you opened version "
            f"{info.stale.based_on}. Your changes are kept on this screen but not saved. "
            "Reload their version, or save yours as a copy.",
            icon=":material/sync_problem:",
        )
        choices = st.container(horizontal=True)
        choices.button(
            "Reload their version", key="saving_reload", icon=":material/refresh:", on_click=_reload_theirs
        )
        choices.button(
            "Save mine as a copy",
            key="saving_copy",
            icon=":material/file_copy:",
            type="primary",
            on_click=_save_mine_as_copy,
        )
    # Notices quote plan names and addresses people typed: shown as typed, never as Markdown.
    if info.refused:
        st.warning(plain(info.refused), icon=":material/lock:")
        info.refused = None
    if info.error:
        st.error(plain(info.error), icon=":material/cloud_off:")
    if info.problem is not None:
        _save_again()
    if info.failed:
        st.error(plain(info.failed), icon=":material/cloud_off:")
        info.failed = None
    if info.notice:
        st.info(plain(info.notice), icon=":material/info:")
        info.notice = None


def saving_status() -> None:
    """One line under the plan settings: saved when, or only in this browser tab so far."""
    info = autosave.saving()
    if info.stale is not None or info.error:
        st.caption(":orange[:material/cloud_off: Not saved: see the message above the page.]")
    elif info.id is None:
        st.caption(":material/cloud: The worked example: your first change saves it as a new plan.")
    else:
        st.caption(
            f":material/cloud_done: Saved {autosave.local_time(info.saved_at)} · version {info.version}"
        )
