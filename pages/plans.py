"""Plans: open, create, duplicate as a scenario, rename, share, delete, restore, freeze, import, export, compare."""

from pathlib import Path

import streamlit as st

from planner.access import AccessDeniedError, may_change, may_manage
from planner.change_notes import as_entry
from planner.compare import compare_plans, comparison_table, differences_said
from planner.history import HISTORY_RULE
from planner.io.limits import PLAN_FILE_CAPTION, PLAN_FILE_MAX_MB
from planner.io.plan_file import PlanFileError, plan_file_name, plan_from_json, plan_to_json, read_plan_file
from planner.io.service import ListedPlan
from planner.io.snapshots import Snapshot
from planner.io.store import PlanNotFoundError, StalePlanError, store_problem
from planner.listing import PAGE_SIZE, list_page
from planner.plan import Plan, example_plan, replace
from planner.validation import explain
from ui import autosave
from ui.frame import frame, presenting, read_only
from ui.markdown import plain
from ui.plan_status import open_saved
from ui.sharing import share_popover, snapshot_list, snapshots_tab
from ui.sign_in import sign_in_required, team_rules
from ui.state import PLAN_KEY, current_plan, forget_undo, forget_widgets, set_plan
from ui.uploads import file_picker
from ui.widgets import EMPTY_CELL

HIGHLIGHT = "background-color: #fff4ce"
SNAPSHOT_CHOICE = "snapshot:"
IMPORT_ERROR = "plans_upload_error"
SAMPLE_PLAN = Path(__file__).resolve().parents[1] / "sample_data" / "sample_company_plan.json"


def notice(text: str) -> None:
    autosave.saving().notice = text


@autosave.politely("The new plan was not created")
def create(plan: Plan, note: str, message: str) -> None:
    open_saved(autosave.store().create(plan, note=note))
    notice(message)


def import_plan_file(kind: str, file_name: str, data: bytes, mapping=None) -> bool:
    """The Import box's reader: a plan file becomes a new plan, and the page reruns into it; a refused
    one is said in one sentence (False)."""
    try:
        imported = plan_from_json(data)
    except PlanFileError as exc:
        st.session_state[IMPORT_ERROR] = f"{file_name}: {exc}"
        return False
    create(imported, f"imported from {file_name}", f"Imported “{imported.name}” from {file_name}.")
    st.rerun()


def forget_import_error(kind: str) -> None:
    st.session_state.pop(IMPORT_ERROR, None)


@autosave.politely("The new plan was not created")
def create_sample() -> None:
    # Read on the click: the sample plan carries a year of account data, too much to parse on every run.
    create(
        read_plan_file(SAMPLE_PLAN), "created from the sample company",
        "New plan created from the sample company, Quayline: its 2025 data and a 2026 goal.",
    )  # fmt: skip


@autosave.politely("The plan was not opened")
def open_plan(plan_id: str) -> None:
    try:
        open_saved(autosave.store().get(plan_id))
    except (AccessDeniedError, PlanNotFoundError) as exc:
        notice(str(exc))


@autosave.politely("The scenario was not created")
def duplicate(plan_id: str) -> None:
    copy = autosave.store().duplicate(plan_id)
    open_saved(copy)
    notice(f"You are now editing the scenario “{copy.plan.name}”; the original is unchanged.")


@autosave.politely("The plan was not renamed")
def rename(plan_id: str, key: str) -> None:
    name = st.session_state[key]
    try:
        if plan_id == autosave.saving().id:
            set_plan(replace(current_plan(), name=name))
            forget_widgets("sidebar_name")
        else:
            autosave.store().rename(plan_id, name)
    except AccessDeniedError as exc:
        notice(str(exc))
    except ValueError as exc:
        notice(f"The plan keeps its name. {explain(exc, 'Plan name')}")


@autosave.politely("The plan was not deleted")
def delete(summary: ListedPlan) -> None:
    info = autosave.saving()
    try:
        autosave.store().delete(summary.id)
    except AccessDeniedError as exc:
        notice(str(exc))
        return
    info.deleted.append((summary.id, summary.name))
    if summary.id == info.id:
        # Back to the unsaved example: its first change saves it as a new plan.
        info.id, info.version, info.saved, info.stale, info.error = None, 0, example_plan(), None, None
        info.role = info.owner = None
        st.session_state[PLAN_KEY] = example_plan()
        forget_widgets("")
        forget_undo()
        del st.query_params[autosave.PARAM]


@autosave.politely("The plan was not brought back")
def undo_delete(plan_id: str) -> None:
    info = autosave.saving()
    back = autosave.store().undelete(plan_id)
    info.deleted = [(i, n) for i, n in info.deleted if i != plan_id]
    notice(f"“{back.plan.name}” is back, with all its versions.")


@autosave.politely("That version was not restored")
def restore(version: int) -> None:
    info = autosave.saving()
    try:
        open_saved(autosave.store().restore(info.id, version, based_on=info.version), undoable=True)
    except StalePlanError as exc:
        info.stale = exc
        return
    except AccessDeniedError as exc:
        notice(str(exc))
        return
    except PlanNotFoundError as exc:
        notice(str(exc))
        return
    except LookupError:
        # Joined into a later entry, or past the history's retention, since the list was drawn.
        notice(f"Version {version} is no longer in the history; the list below shows the versions it keeps.")
        return
    notice(f"Version {version} is the current plan again (saved as version {info.version}).")


ROLE_BADGES = {"owner": ":green-badge[yours]", "editor": ":violet-badge[can edit]", "viewer": ":gray-badge[can view]"}


def badges(listed: ListedPlan) -> str:
    """After the plan's name: whether it is open here and, on a team server, what this person may do."""
    shown = [":blue-badge[open]"] if listed.id == live_id else []
    return " ".join(["", *shown, ROLE_BADGES[listed.role]] if team else ["", *shown])


def role_line(listed: ListedPlan) -> str:
    """Saved when, which version, and on a team server whose plan it is when it is not this person's."""
    line = f"Saved {autosave.local_time(listed.updated_at)} · version {listed.version}"
    if team and listed.role != "owner":
        line += f" · owner {plain(listed.owner or 'unknown')}"
    return line


def plan_row(listed: ListedPlan, is_open: bool) -> None:
    # Wide enough for an owner's five actions on one line beside a short name.
    name_col, actions_col = st.columns([2, 5], vertical_alignment="center")
    actions = actions_col.container(horizontal=True, horizontal_alignment="right")
    with name_col:
        st.markdown(f"**{plain(listed.name)}**{badges(listed)}")
        st.caption(role_line(listed))
    actions.button(
        "Open", key=f"plans_open_{listed.id}", disabled=is_open, on_click=open_plan, args=(listed.id,),
        icon=":material/open_in_new:",
    )  # fmt: skip
    actions.button(
        "Duplicate as scenario", key=f"plans_copy_{listed.id}", on_click=duplicate, args=(listed.id,),
        icon=":material/file_copy:",
    )  # fmt: skip
    if may_change(listed.role):
        with actions.popover("Rename", icon=":material/edit:"):
            key = f"plans_new_name_{listed.id}"
            st.text_input("New name", value=listed.name, key=key, max_chars=80)
            st.button("Save the name", key=f"plans_rename_{listed.id}", on_click=rename, args=(listed.id, key))
    if team and may_manage(listed.role):
        share_popover(actions, listed, rules)
    if may_manage(listed.role):
        with actions.popover("Delete", icon=":material/delete:"):
            st.markdown(f"Delete **{plain(listed.name)}**?")
            st.caption("You can undo this until you close this browser tab.")
            st.button(
                "Delete the plan",
                key=f"plans_delete_{listed.id}",
                type="primary",
                on_click=delete,
                args=(listed,),
            )


def one_page(plans: list[ListedPlan], key: str) -> list[ListedPlan]:
    """A search box and a page number when the list is long, and the plans they pick."""
    if len(plans) <= PAGE_SIZE:
        return plans
    search_col, page_col = st.columns([3, 1], vertical_alignment="bottom")
    search = search_col.text_input("Find a plan by name", key=f"{key}_search", placeholder="e.g. 2027 or EMEA")
    pages = list_page(plans, search).pages
    number = page_col.number_input("Page", min_value=1, max_value=pages, value=1, step=1, key=f"{key}_page_{search}")
    page = list_page(plans, search, int(number))
    st.caption(plain(page.caption(len(plans), search)))
    return page.shown


def load(choice: str) -> Plan:
    """A plan to compare: the latest version of a saved plan, or a meeting snapshot's version."""
    if choice.startswith(SNAPSHOT_CHOICE):
        return store.snapshot(choice.removeprefix(SNAPSHOT_CHOICE))[1]
    return store.get(choice).plan


def compare(plans: list[ListedPlan], snapshots: list[Snapshot]) -> None:
    """Two saved plans, or a plan and a meeting snapshot, side by side, the differences highlighted."""
    names = {p.id: p.name for p in plans}
    for snapshot in snapshots:
        names[f"{SNAPSHOT_CHOICE}{snapshot.id}"] = (
            f"{snapshot.name} ({snapshot.meeting_on:%d %b %Y} snapshot, version {snapshot.version})"
        )
    if len(names) < 2:
        st.info(
            "Compare needs two saved plans: duplicate this one as a scenario, change it, then compare.",
            icon=":material/compare_arrows:",
        )
        return
    ids = list(names)
    first_default = ids.index(info.id) if info.id in ids else 0
    left, right = st.columns(2)
    first_id = left.selectbox(
        "Plan", ids, index=first_default, format_func=names.get, key="plans_compare_first"
    )
    second_id = right.selectbox(
        "Compared with", ids, index=1 if first_default == 0 else 0, format_func=names.get,
        key="plans_compare_second",
    )  # fmt: skip
    first, second = load(first_id), load(second_id)
    compared = compare_plans(first, second)
    table = comparison_table(compared, first, second)
    st.caption(differences_said(table))
    styled = table.style.apply(lambda row: [HIGHLIGHT if row["differs"] else "" for _ in row], axis=1)
    st.dataframe(
        styled,
        hide_index=True,
        placeholder=EMPTY_CELL,
        width="stretch",
        column_order=["section", "measure", "first", "second", "difference"],
        column_config={
            "section": "Section",
            "measure": "Measure",
            "first": names[first_id],
            "second": names[second_id] + (" (2)" if names[second_id] == names[first_id] else ""),
            "difference": "Difference",
        },
        height=38 + 35 * len(table),
    )


plan = frame("Plans")
info = autosave.saving()
team = sign_in_required()
rules = team_rules()
live_id = info.snapshot.plan_id if info.snapshot is not None else info.id
try:
    store = autosave.store()
    plans = store.list_plans()
    try:
        snapshots = store.snapshots(live_id) if live_id else []
        versions = store.versions(info.id, limit=15) if info.id else []
    except PlanNotFoundError:
        # Deleted in another tab: its next change saves it as a new plan, with a history of its own.
        snapshots, versions = [], []
    except AccessDeniedError as exc:
        # No longer shared with this person: what is on screen stays, its history does not.
        st.warning(plain(str(exc)), icon=":material/lock:")
        snapshots, versions = [], []
except autosave.DATABASE_ERRORS as exc:
    # The database's address and error are the administrator's business: logged, never shown.
    autosave.log_unreachable(exc)
    st.title("Plans")
    st.error(autosave.cannot_list(store_problem(exc)), icon=":material/cloud_off:")
    st.stop()
if presenting():
    # A shared screen, or a reader of a plan they may not change: which plans exist, the
    # meeting snapshots, how two differ; nothing here edits.
    st.title("Plans")
    if info.snapshot is not None:
        st.caption(f"Showing the meeting snapshot **{plain(info.snapshot.name)}** of **{plain(plan.name)}**.")
    else:
        st.caption(
            f"Showing **{plain(plan.name)}**"
            + (f", version {info.version}." if info.id else " (the worked example, not saved yet).")
        )
    for listed in one_page(plans, "plans_list"):
        name_col, link_col = st.columns([6, 1], vertical_alignment="center")
        name_col.markdown(f"**{plain(listed.name)}**{badges(listed)}")
        name_col.caption(role_line(listed))
        if read_only() and listed.id != live_id:
            # A reader has no sidebar: these links are how they reach their other plans.
            link_col.page_link(
                "app.py", label="Open", icon=":material/open_in_new:", query_params={autosave.PARAM: listed.id}
            )
    if not plans:
        st.caption("No saved plans yet.")
    if live_id:
        st.subheader("Meeting snapshots")
        snapshot_list(snapshots)
    if read_only():
        st.download_button(
            "Download this plan (JSON)", data=plan_to_json(plan), file_name=plan_file_name(plan),
            mime="application/json", key="plans_download", icon=":material/download:",
        )  # fmt: skip
    st.subheader("Compare two plans")
    compare(plans, snapshots)
    st.stop()
st.title("Plans")
st.caption(
    "Every change is saved as you work, with its history. "
    + (
        "A plan's address opens it for the people it is shared with."
        if team
        else "A plan's address opens it for anyone on this server."
    )
)

if info.id:
    # The server's own address as the browser sees it, so the link works for a colleague.
    base = (st.context.url or "").split("?")[0].removesuffix("/").removesuffix("/plans")
    link = f"{base}/?plan={info.id}"
    st.markdown(f"Editing **{plain(plan.name)}**, version {info.version}. Share this link to open it elsewhere:")
    st.code(link, language=None)
else:
    st.info(
        "You are looking at the worked example; it is saved as a new plan as soon as you change something.",
        icon=":material/cloud:",
    )

for plan_id, name in info.deleted:
    left, right = st.columns([5, 1], vertical_alignment="center")
    left.warning(f"Deleted “{plain(name)}”.", icon=":material/delete:")
    right.button(
        "Undo", key=f"plans_undo_{plan_id}", on_click=undo_delete, args=(plan_id,), icon=":material/undo:"
    )

all_tab, history_tab, snapshots_tab_, compare_tab, file_tab = st.tabs(
    ["All plans", "History of this plan", "Meeting snapshots", "Compare two plans", "Import and export"]
)

with all_tab:
    new_row = st.container(horizontal=True)
    new_row.button(
        "New blank plan", key="plans_new_blank", icon=":material/add:", on_click=create,
        args=(Plan(name="New plan"), "created blank", "New plan created from the standard funnel, with no data of yours."),
    )  # fmt: skip
    new_row.button(
        "New from the worked example", key="plans_new_example", icon=":material/library_add:", on_click=create,
        args=(example_plan(), "created from the worked example", "New plan created from the worked example."),
    )  # fmt: skip
    new_row.button(
        "New from the sample company", key="plans_new_sample", icon=":material/apartment:", on_click=create_sample,
        help="Quayline, a fictional software company: last year's channel table, CRM export and ABM files, "
        "with a goal of 12% more new revenue.",
    )  # fmt: skip
    if not plans:
        st.caption("No saved plans yet." if not team else "No plans of yours or shared with you yet.")
    for listed in one_page(plans, "plans_list"):
        with st.container(border=True):
            plan_row(listed, listed.id == info.id)

with history_tab:
    if not info.id:
        st.caption("The worked example has no history until you change it.")
    else:
        st.caption(f"Every change is saved. {HISTORY_RULE} Restoring a version makes it the latest again.")
        for version in versions:
            number_col, when_col, who_col, note_col, action_col = st.columns(
                [0.8, 1.6, 1.6, 4, 1.2], vertical_alignment="center"
            )
            number_col.markdown(f"**v{version.version}**")
            when_col.caption(autosave.local_time(version.saved_at))
            who_col.caption(plain(version.author_name) if version.author_name else "")
            note_col.markdown(plain(as_entry(version.note)))
            if version.version == info.version:
                action_col.caption("current")
            elif may_change(info.role):
                action_col.button(
                    "Restore", key=f"plans_restore_{version.version}", on_click=restore, args=(version.version,),
                    icon=":material/history:",
                )  # fmt: skip

with snapshots_tab_:
    snapshots_tab(versions, snapshots)

with compare_tab:
    compare(plans, snapshots)

with file_tab:
    st.markdown("**Export**")
    st.download_button(
        "Download this plan (JSON)", data=plan_to_json(plan), file_name=plan_file_name(plan),
        mime="application/json", key="plans_download", icon=":material/download:",
    )  # fmt: skip
    st.markdown("**Import**")
    file_picker(
        st, "Open a plan file exported from the planner; it becomes a new plan, nothing is overwritten.",
        "plan", "plans_upload", "plans_upload_id", import_plan_file, types=["json"],
        advice="choose a plan file the planner exported (Download this plan, a .json file)",
        max_mb=PLAN_FILE_MAX_MB, caption=PLAN_FILE_CAPTION, forget=forget_import_error,
    )  # fmt: skip
    if error := st.session_state.get(IMPORT_ERROR):
        st.error(plain(error), icon=":material/error:")
