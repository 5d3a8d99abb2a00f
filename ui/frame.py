"""The frame every page opens with: page config, sign-in, the plan, the navigation and the plan sidebar."""

from __future__ import annotations

import gc
import json
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import streamlit as st
import streamlit.components.v1 as components

from planner.access import Person
from planner.fiscal import MONTH_NAMES
from planner.glossary import GLOSSARY
from planner.plan import Plan, example_plan, replace, set_fiscal_year
from planner.undo import redo_help, undo_help
from ui import autosave
from ui.currency import currency_choice
from ui.markdown import plain
from ui.plan_status import follow_the_link, name_prompt, saving_banner, saving_status
from ui.sign_in import require_sign_in, sign_out_button, signed_in_line
from ui.state import (
    VIEW_PREFIX,
    bound,
    current_plan,
    enter_page,
    load_plan,
    step_back,
    step_forward,
    undo_history,
)

# Navigation, in order: (script, label, icon). Pages live in `pages/`; app.py is the overview.
PAGES = (
    ("app.py", "Overview", ":material/dashboard:"),
    ("pages/plans.py", "Plans", ":material/folder_open:"),
    ("pages/review.py", "Last-year review", ":material/history:"),
    ("pages/goals.py", "Goals", ":material/flag:"),
    ("pages/funnel.py", "Funnel", ":material/filter_alt:"),
    ("pages/budget.py", "Budget", ":material/payments:"),
    ("pages/roadmap.py", "Quarterly roadmap", ":material/view_timeline:"),
    ("pages/abm.py", "ABM KPIs", ":material/domain:"),
)


ICON = Path(__file__).parent / "assets" / "icon.png"
PRESENT_PARAM = "present"
# Presentation mode: no sidebar or toolbar, and type a room can read from the back.
PRESENT_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"] {display: none;}
.block-container {padding-top: 1.5rem; max-width: 100%;}
html, [data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li {font-size: 1.3rem;}
[data-testid="stMetricValue"], [data-testid="stMetricValue"] * {font-size: 3rem !important; line-height: 1.2;}
[data-testid="stMetricLabel"] p {font-size: 1.2rem;}
h1 {font-size: 3rem !important;}
</style>
"""


def read_only() -> bool:
    """Whether this person may only view what is on screen: a plan shared with them to view, or a snapshot."""
    return autosave.saving().read_only


def on_shared_screen() -> bool:
    """Whether the page is shown to a room (`?present=1`): raw tables give way to the charts."""
    return st.query_params.get(PRESENT_PARAM) == "1"


def presenting() -> bool:
    """Whether the page shows charts and key numbers with no inputs: a shared screen (`?present=1`),
    or a plan this person may only view (the same view, so a viewer never meets an input)."""
    return on_shared_screen() or read_only()


def offering_downloads() -> bool:
    """Whether charts and tables offer their downloads: at a desk, and to readers of a plan they
    may not change (the deck and the files are theirs to take), but not on a shared screen."""
    return not presenting() or read_only()


def _set_presenting(on: bool) -> None:
    if on:
        st.query_params[PRESENT_PARAM] = "1"
    else:
        st.query_params.pop(PRESENT_PARAM, None)


# On a shared screen, ← and → move to the previous and next page: they click the bar's own links
# (a page switch inside the app, not a reload). Keys typed into a box or a slider are left alone.
ARROW_KEY_HANDLER = """document.addEventListener("keydown", (event) => {
    const which = {ArrowRight: "next", ArrowLeft: "previous"}[event.key];
    const typing = event.target.closest && event.target.closest(
        "input, textarea, select, [contenteditable], [role=slider], [role=combobox], [role=tab]");
    if (!which || typing || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const link = document.querySelector(".st-key-present_" + which + " a");
    if (link) {
        event.preventDefault();
        link.dispatchEvent(new MouseEvent("click", {bubbles: true, cancelable: true, view: window, button: 0}));
    }
});"""
# Streamlit runs this in a frame of its own, which it may redraw on any run; a listener defined there
# dies with it. So the frame puts the handler into the page itself, once, where it outlives the frame.
ARROW_KEYS = f"""<script>
const doc = window.parent.document;
if (!doc.getElementById("planner-arrow-keys")) {{
    const script = doc.createElement("script");
    script.id = "planner-arrow-keys";
    script.textContent = {json.dumps(ARROW_KEY_HANDLER)};
    doc.head.appendChild(script);
}}
</script>"""


def _neighbours(title: str) -> tuple[tuple[str, str], tuple[str, str]]:
    """The (script, label) of the pages before and after `title` in the navigation, wrapping round."""
    labels = [label for _, label, _ in PAGES]
    here = labels.index(title) if title in labels else 0
    before, after = PAGES[here - 1], PAGES[(here + 1) % len(PAGES)]
    return (before[0], before[1]), (after[0], after[1])


def _presentation_bar(who: Person, title: str) -> None:
    st.markdown(PRESENT_CSS, unsafe_allow_html=True)
    info = autosave.saving()
    if info.snapshot is not None:
        # The snapshot's own link on every page, so moving between pages keeps showing it.
        carry = {autosave.SNAPSHOT_PARAM: info.snapshot.id}
    elif read_only():
        carry = {}
    else:
        # The links carry `?present=1`, so moving between pages stays in presentation mode.
        carry = {PRESENT_PARAM: "1"}
    with st.container(horizontal=True, vertical_alignment="center", key="present_bar"):
        for script, label, page_icon in PAGES:
            st.page_link(script, label=label, icon=page_icon, query_params=carry)
        (before, before_label), (after, after_label) = _neighbours(title)
        with st.container(key="present_previous", width="content"):
            st.page_link(before, label=f"Previous: {before_label}", icon=":material/arrow_back:", query_params=carry,
                         help="Or press ← on the keyboard.")  # fmt: skip
        with st.container(key="present_next", width="content"):
            st.page_link(after, label=f"Next: {after_label}", icon=":material/arrow_forward:", query_params=carry,
                         help="Or press → on the keyboard.")  # fmt: skip
        glossary()
        if not read_only():
            st.button(
                "Leave presentation", key="present_leave", icon=":material/close_fullscreen:",
                on_click=_set_presenting, args=(False,), type="tertiary",
            )  # fmt: skip
        elif not who.local:
            # A reader has no sidebar: who is signed in sits beside the way out.
            st.caption(f":material/account_circle: {plain(who.name)}")
            sign_out_button()
    if info.snapshot is not None:
        snap = info.snapshot
        with st.container(horizontal=True, vertical_alignment="center", key="present_snapshot"):
            st.caption(
                f":material/push_pin: Meeting snapshot **{plain(snap.name)}** for {snap.meeting_on:%d %b %Y}: "
                f"version {snap.version} as it was frozen; later changes to the plan do not show here."
            )
            st.page_link(
                "app.py", label="Open the live plan", icon=":material/open_in_new:",
                query_params={autosave.PARAM: snap.plan_id},
            )  # fmt: skip
    elif read_only():
        ask = f"ask {plain(info.owner)}" if info.owner else "ask its owner"
        st.caption(f":material/visibility: You can view this plan and download its deck and files; {ask} to change it.")


def glossary() -> None:
    """The planner's words in a popover: reachable from every page, at a desk and on a shared screen."""
    with st.popover("Glossary", icon=":material/menu_book:"):
        for term in GLOSSARY:
            # "$3 back for every $1" would otherwise be read as a formula between the two "$".
            st.markdown(f"**{plain(term.word)}**: {plain(term.meaning)}")


def _banner() -> None:
    # One container whether or not a banner shows, so a banner that appears (a stale save, a
    # refused link) does not move the page under it: an open expander stays open.
    with st.container(key="saving_banner"):
        saving_banner()


def freeze_loaded_libraries() -> None:
    """Leave what is loaded once the first page has run out of Python's garbage collection.

    Streamlit collects garbage in full after every run, a slider move's included, and a full
    collection walks every object alive: with Streamlit, Plotly and pandas loaded, about 200,000
    of them, 190 ms on a 2-core machine, during which the chart already drawn waits to be sent.
    Those objects live as long as the server, so they are frozen (`gc.freeze`) once; what a run
    creates afterwards is collected as before. What the first run itself holds (one session's
    plan, at most) is frozen with them and stays in memory for the server's life.
    """
    if gc.get_freeze_count() == 0:
        gc.collect()
        gc.freeze()


def frame(title: str) -> Plan:
    """Set up the page and its sidebar; return the current plan after any sidebar change."""
    freeze_loaded_libraries()
    presentation = presenting()
    st.set_page_config(
        page_title=f"{title} · Marketing planner",
        # Served by the app itself: a Material icon here would make every browser fetch the tab's
        # picture from a public font server, and show none on a network without it.
        page_icon=str(ICON),
        layout="wide",
        initial_sidebar_state="collapsed" if presentation else "auto",
    )
    who = require_sign_in()
    follow_the_link()
    current_plan()
    enter_page(title)
    if presenting():
        _presentation_bar(who, title)
        components.html(ARROW_KEYS, height=0)
        _banner()
        st.session_state.pop(STATUS_SLOT_KEY, None)
        st.session_state[CHROME_KEY] = _chrome()
        return current_plan()
    with st.sidebar:
        st.markdown("### Marketing planner")
        signed_in_line(who)
        for script, label, page_icon in PAGES:
            st.page_link(script, label=label, icon=page_icon)
        glossary()
        st.button(
            "Present on a shared screen", key="present_enter", icon=":material/co_present:",
            on_click=_set_presenting, args=(True,), help="Charts and key numbers in large type, no inputs.",
        )  # fmt: skip
        st.divider()
        _plan_settings(current_plan())
        _undo_buttons(_chrome())
        st.session_state[STATUS_SLOT_KEY] = st.empty()
        with st.session_state[STATUS_SLOT_KEY]:
            saving_status()
    _banner()
    # After the banner, which clears the notices it has shown.
    st.session_state[CHROME_KEY] = _chrome()
    return current_plan()


# What the frame showed on the last full run, and where it shows the saving status (see `page_body`).
CHROME_KEY, STATUS_SLOT_KEY = f"{VIEW_PREFIX}frame_chrome", f"{VIEW_PREFIX}frame_status_slot"


class Chrome(NamedTuple):
    """What the frame draws that a change made in a page's body can alter, besides the saving status:
    Undo and Redo (whether they can be clicked, their help), the banners and the name prompt."""

    can_undo: bool
    undo_says: str
    can_redo: bool
    redo_says: str
    # The banners' and the name prompt's inputs, compared as a whole.
    banners: tuple


def _chrome() -> Chrome:
    info, history, plan = autosave.saving(), undo_history(), current_plan()
    banners = (
        info.stale is not None, info.error, info.problem is not None, info.failed, info.notice, info.refused,
        info.ask_name, info.id,
    )  # fmt: skip
    return Chrome(bool(history.undo), undo_help(history, plan), bool(history.redo), redo_help(history, plan), banners)


def page_body(draw: Callable[[], None]) -> None:
    """Draw a page's body so that a change to one of its inputs redraws the body alone, not the frame.

    A slider move then reruns only what depends on it (a Streamlit fragment). The saving status is
    written again in its place in the sidebar. When the change alters anything else the frame shows
    (Undo becomes possible, a save fails, the first change saves the worked example as a plan), the
    whole page runs again instead, so the frame never shows a stale state.
    """

    @st.fragment
    def body() -> None:
        if st.session_state.get(CHROME_KEY) != _chrome():
            st.rerun(scope="app")
        draw()
        if (slot := st.session_state.get(STATUS_SLOT_KEY)) is not None:
            with slot:
                saving_status()

    body()


def _plan_settings(plan: Plan) -> None:
    st.markdown("**This plan**")
    bound(
        st.text_input,
        "Plan name",
        "sidebar_name",
        plan.name,
        lambda p, v: replace(p, name=v),
        max_chars=80,
    )
    name_prompt()
    currency_choice()
    year_col, month_col = st.columns(2)
    with year_col:
        bound(
            st.number_input,
            "Fiscal year",
            "sidebar_fiscal_year",
            plan.fiscal_year,
            lambda p, v: set_fiscal_year(p, year=int(v)),
            step=1,
            format="%d",
        )
    with month_col:
        bound(
            st.selectbox,
            "Starts in",
            "sidebar_start_month",
            plan.fiscal_year_start_month,
            lambda p, v: set_fiscal_year(p, start_month=v),
            options=list(range(1, 13)),
            format_func=lambda m: MONTH_NAMES[m - 1],
        )
    # Reset replaces everything the user typed, so it asks first.
    with st.popover("Reset to the worked example", icon=":material/restart_alt:"):
        st.caption("This replaces every goal, rate and setting of this plan with the worked example.")
        if st.button("Replace my plan", key="sidebar_reset", type="primary"):
            load_plan(example_plan())
            st.rerun()


def _undo_buttons(chrome: Chrome) -> None:
    # Only drawn where the plan may be changed: a shared screen and a reader's view have no sidebar.
    with st.container(horizontal=True, key="sidebar_undo_redo"):
        st.button(
            "Undo", key="sidebar_undo", icon=":material/undo:", on_click=step_back,
            disabled=not chrome.can_undo, help=plain(chrome.undo_says),
        )  # fmt: skip
        st.button(
            "Redo", key="sidebar_redo", icon=":material/redo:", on_click=step_forward,
            disabled=not chrome.can_redo, help=plain(chrome.redo_says),
        )  # fmt: skip
