"""Plans: open, create, duplicate as a scenario, rename, delete, restore a version, import, export, compare."""

from pathlib import Path

import streamlit as st

from planner.compare import compare_plans, comparison_table
from planner.io.limits import PLAN_FILE_CAPTION
from planner.io.plan_file import PlanFileError, plan_file_name, plan_from_json, plan_to_json, read_plan_file
from planner.io.store import PlanSummary, StalePlanError
from planner.plan import Plan, example_plan, replace
from planner.validation import explain
from ui import autosave
from ui.frame import frame, presenting
from ui.plan_status import open_saved
from ui.state import PLAN_KEY, current_plan, forget_widgets, set_plan

HIGHLIGHT = "background-color: #fff4ce"
SAMPLE_PLAN = Path(__file__).resolve().parents[1] / "sample_data" / "sample_company_plan.json"


def notice(text: str) -> None:
    autosave.saving().notice = text


def create(plan: Plan, note: str, message: str) -> None:
    open_saved(autosave.store().create(plan, note=note))
    notice(message)


def create_sample() -> None:
    # Read on the click: the sample plan carries a year of account data, too much to parse on every run.
    create(
        read_plan_file(SAMPLE_PLAN), "created from the sample company",
        "New plan created from the sample company, Quayline: its 2025 data and a 2026 goal.",
    )  # fmt: skip


def open_plan(plan_id: str) -> None:
    open_saved(autosave.store().get(plan_id))


def duplicate(plan_id: str) -> None:
    copy = autosave.store().duplicate(plan_id)
    open_saved(copy)
    notice(f"You are now editing the scenario “{copy.plan.name}”; the original is unchanged.")


def rename(plan_id: str, key: str) -> None:
    name = st.session_state[key]
    try:
        if plan_id == autosave.saving().id:
            set_plan(replace(current_plan(), name=name))
            forget_widgets("sidebar_name")
        else:
            autosave.store().rename(plan_id, name)
    except ValueError as exc:
        notice(f"The plan keeps its name. {explain(exc, 'Plan name')}")


def delete(summary: PlanSummary) -> None:
    info = autosave.saving()
    autosave.store().delete(summary.id)
    info.deleted.append((summary.id, summary.name))
    if summary.id == info.id:
        # Back to the unsaved example: its first change saves it as a new plan.
        info.id, info.version, info.saved, info.stale, info.error = None, 0, example_plan(), None, None
        st.session_state[PLAN_KEY] = example_plan()
        forget_widgets("")
        del st.query_params[autosave.PARAM]


def undo_delete(plan_id: str) -> None:
    info = autosave.saving()
    back = autosave.store().undelete(plan_id)
    info.deleted = [(i, n) for i, n in info.deleted if i != plan_id]
    notice(f"“{back.plan.name}” is back, with all its versions.")


def restore(version: int) -> None:
    info = autosave.saving()
    try:
        open_saved(autosave.store().restore(info.id, version, based_on=info.version))
    except StalePlanError as exc:
        info.stale = exc
        return
    notice(f"Version {version} is the current plan again (saved as version {info.version}).")


def plan_row(summary: PlanSummary, is_open: bool) -> None:
    name_col, actions_col = st.columns([2, 3], vertical_alignment="center")
    actions = actions_col.container(horizontal=True, horizontal_alignment="right")
    with name_col:
        badge = " :blue-badge[open]" if is_open else ""
        st.markdown(f"**{summary.name}**{badge}")
        st.caption(f"Saved {autosave.local_time(summary.updated_at)} · version {summary.version}")
    actions.button(
        "Open", key=f"plans_open_{summary.id}", disabled=is_open, on_click=open_plan, args=(summary.id,),
        icon=":material/open_in_new:",
    )  # fmt: skip
    actions.button(
        "Duplicate as scenario", key=f"plans_copy_{summary.id}", on_click=duplicate, args=(summary.id,),
        icon=":material/file_copy:",
    )  # fmt: skip
    with actions.popover("Rename", icon=":material/edit:"):
        key = f"plans_new_name_{summary.id}"
        st.text_input("New name", value=summary.name, key=key, max_chars=80)
        st.button("Save the name", key=f"plans_rename_{summary.id}", on_click=rename, args=(summary.id, key))
    with actions.popover("Delete", icon=":material/delete:"):
        st.markdown(f"Delete **{summary.name}**?")
        st.caption("You can undo this until you close this browser tab.")
        st.button(
            "Delete the plan",
            key=f"plans_delete_{summary.id}",
            type="primary",
            on_click=delete,
            args=(summary,),
        )


def compare(plans: list[PlanSummary]) -> None:
    """Two saved plans side by side (goals, volumes per stage, budget), the differences highlighted."""
    if len(plans) < 2:
        st.info(
            "Compare needs two saved plans: duplicate this one as a scenario, change it, then compare.",
            icon=":material/compare_arrows:",
        )
        return
    ids = [p.id for p in plans]
    names = {p.id: p.name for p in plans}
    first_default = ids.index(info.id) if info.id in ids else 0
    left, right = st.columns(2)
    first_id = left.selectbox(
        "Plan", ids, index=first_default, format_func=names.get, key="plans_compare_first"
    )
    second_id = right.selectbox(
        "Compared with", ids, index=1 if first_default == 0 else 0, format_func=names.get,
        key="plans_compare_second",
    )  # fmt: skip
    first, second = store.get(first_id).plan, store.get(second_id).plan
    compared = compare_plans(first, second)
    table = comparison_table(compared, first, second)
    st.caption(
        f"{int(table['differs'].sum())} of {len(table)} measures differ (highlighted). "
        "Differences are the second plan minus the first; rates differ in percentage points."
    )
    styled = table.style.apply(lambda row: [HIGHLIGHT if row["differs"] else "" for _ in row], axis=1)
    st.dataframe(
        styled,
        hide_index=True,
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


plan = frame("Plans", ":material/folder_open:")
info = autosave.saving()
store = autosave.store()
if presenting():
    # A shared screen shows which plans exist and how two scenarios differ; nothing here edits.
    st.title("Plans")
    plans = store.list_plans()
    st.caption(
        f"Showing **{plan.name}**"
        + (f", version {info.version}." if info.id else " (the worked example, not saved yet).")
    )
    for summary in plans:
        badge = " :blue-badge[open]" if summary.id == info.id else ""
        st.markdown(
            f"**{summary.name}**{badge} · saved {autosave.local_time(summary.updated_at)} · version {summary.version}"
        )
    if not plans:
        st.caption("No saved plans yet.")
    st.subheader("Compare two plans")
    compare(plans)
    st.stop()
st.title("Plans")
st.caption(
    "Every change is saved as you work, with its history. A plan's address opens it for anyone on this server."
)

if info.id:
    # The server's own address as the browser sees it, so the link works for a colleague.
    base = (st.context.url or "").split("?")[0].removesuffix("/").removesuffix("/plans")
    link = f"{base}/?plan={info.id}"
    st.markdown(f"Editing **{plan.name}**, version {info.version}. Share this link to open it elsewhere:")
    st.code(link, language=None)
else:
    st.info(
        "You are looking at the worked example; it is saved as a new plan as soon as you change something.",
        icon=":material/cloud:",
    )

for plan_id, name in info.deleted:
    left, right = st.columns([5, 1], vertical_alignment="center")
    left.warning(f"Deleted “{name}”.", icon=":material/delete:")
    right.button(
        "Undo", key=f"plans_undo_{plan_id}", on_click=undo_delete, args=(plan_id,), icon=":material/undo:"
    )

plans = store.list_plans()
all_tab, history_tab, compare_tab, file_tab = st.tabs(
    ["All plans", "History of this plan", "Compare two plans", "Import and export"]
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
        st.caption("No saved plans yet.")
    for summary in plans:
        with st.container(border=True):
            plan_row(summary, summary.id == info.id)

with history_tab:
    if not info.id:
        st.caption("The worked example has no history until you change it.")
    else:
        st.caption(
            "Every save is a version. Restoring one makes it the latest again; the versions in between stay."
        )
        for version in store.versions(info.id, limit=15):
            number_col, when_col, note_col, action_col = st.columns(
                [0.8, 1.6, 4, 1.2], vertical_alignment="center"
            )
            number_col.markdown(f"**v{version.version}**")
            when_col.caption(autosave.local_time(version.saved_at))
            note_col.markdown(version.note)
            if version.version == info.version:
                action_col.caption("current")
            else:
                action_col.button(
                    "Restore", key=f"plans_restore_{version.version}", on_click=restore, args=(version.version,),
                    icon=":material/history:",
                )  # fmt: skip

with compare_tab:
    compare(plans)

with file_tab:
    st.markdown("**Export**")
    st.download_button(
        "Download this plan (JSON)", data=plan_to_json(plan), file_name=plan_file_name(plan),
        mime="application/json", key="plans_download", icon=":material/download:",
    )  # fmt: skip
    st.markdown("**Import**")
    upload = st.file_uploader(
        "Open a plan file exported from the planner; it becomes a new plan, nothing is overwritten.",
        type=["json"],
        key="plans_upload",
    )
    st.caption(PLAN_FILE_CAPTION)
    if upload is not None and st.session_state.get("plans_upload_id") != upload.file_id:
        st.session_state["plans_upload_id"] = upload.file_id
        try:
            imported = plan_from_json(upload.getvalue())
        except PlanFileError as exc:
            st.session_state["plans_upload_error"] = f"{upload.name}: {exc}"
        else:
            st.session_state["plans_upload_error"] = None
            create(
                imported, f"imported from {upload.name}", f"Imported “{imported.name}” from {upload.name}."
            )
            st.rerun()
    if error := st.session_state.get("plans_upload_error"):
        st.error(error, icon=":material/error:")
