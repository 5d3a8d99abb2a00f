"""The frame every page opens with: page config, the plan, the navigation and the plan sidebar."""

from __future__ import annotations

import streamlit as st

from planner.fiscal import MONTH_NAMES
from planner.money import CURRENCIES
from planner.plan import Plan, example_plan, replace, set_fiscal_year
from ui.plan_status import follow_the_link, saving_banner, saving_status
from ui.state import bound, current_plan, enter_page, load_plan

# Navigation, in order: (script, label, icon). Pages live in `pages/`; app.py is the overview.
PAGES = (
    ("app.py", "Overview", ":material/dashboard:"),
    ("pages/plans.py", "Plans", ":material/folder_open:"),
    ("pages/review.py", "Last-year review", ":material/history:"),
    ("pages/goals.py", "Goals", ":material/flag:"),
    ("pages/funnel.py", "Funnel", ":material/filter_alt:"),
    ("pages/roadmap.py", "Quarterly roadmap", ":material/view_timeline:"),
    ("pages/abm.py", "ABM KPIs", ":material/domain:"),
)


def frame(title: str, icon: str) -> Plan:
    """Set up the page and its sidebar; return the current plan after any sidebar change."""
    st.set_page_config(page_title=f"{title} · Marketing planner", page_icon=icon, layout="wide")
    follow_the_link()
    current_plan()
    enter_page(title)
    with st.sidebar:
        st.markdown("### Marketing planner")
        for script, label, page_icon in PAGES:
            st.page_link(script, label=label, icon=page_icon)
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
    codes = list(CURRENCIES)
    bound(
        st.selectbox,
        "Currency",
        "sidebar_currency",
        plan.currency,
        lambda p, v: replace(p, currency=v),
        options=codes,
        format_func=lambda c: f"{c} ({CURRENCIES[c].symbol}) {CURRENCIES[c].name}",
    )
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
