"""The frame every page opens with: page config, the plan, the navigation and the plan sidebar."""

from __future__ import annotations

import streamlit as st

from planner.fiscal import MONTH_NAMES
from planner.plan import Plan, example_plan, replace, set_fiscal_year
from ui.currency import currency_choice
from ui.plan_status import follow_the_link, name_prompt, saving_banner, saving_status
from ui.state import bound, current_plan, enter_page, load_plan

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


def presenting() -> bool:
    """Whether the page is shown on a shared screen (`?present=1`): charts and key numbers, no inputs."""
    return st.query_params.get(PRESENT_PARAM) == "1"


def _set_presenting(on: bool) -> None:
    if on:
        st.query_params[PRESENT_PARAM] = "1"
    else:
        st.query_params.pop(PRESENT_PARAM, None)


def _presentation_bar() -> None:
    st.markdown(PRESENT_CSS, unsafe_allow_html=True)
    with st.container(horizontal=True, vertical_alignment="center", key="present_bar"):
        for script, label, page_icon in PAGES:
            # The links carry `?present=1`, so moving between pages stays in presentation mode.
            st.page_link(script, label=label, icon=page_icon, query_params={PRESENT_PARAM: "1"})
        st.button(
            "Leave presentation", key="present_leave", icon=":material/close_fullscreen:",
            on_click=_set_presenting, args=(False,), type="tertiary",
        )  # fmt: skip


def frame(title: str, icon: str) -> Plan:
    """Set up the page and its sidebar; return the current plan after any sidebar change."""
    presentation = presenting()
    st.set_page_config(
        page_title=f"{title} · Marketing planner",
        page_icon=icon,
        layout="wide",
        initial_sidebar_state="collapsed" if presentation else "auto",
    )
    follow_the_link()
    current_plan()
    enter_page(title)
    if presentation:
        _presentation_bar()
        return current_plan()
    with st.sidebar:
        st.markdown("### Marketing planner")
        for script, label, page_icon in PAGES:
            st.page_link(script, label=label, icon=page_icon)
        st.button(
            "Present on a shared screen", key="present_enter", icon=":material/co_present:",
            on_click=_set_presenting, args=(True,), help="Charts and key numbers in large type, no inputs.",
        )  # fmt: skip
        st.divider()
        _plan_settings(current_plan())
        saving_status()
    saving_banner()
    return current_plan()


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
