"""Plan overview: the goal, the customers it needs, and what the funnel must produce."""

import streamlit as st

from planner import format_count, format_money, gap_to_today, plan_targets
from planner.charts import funnel_chart, revenue_bridge_chart
from planner.checks import check_plan
from planner.funnel import top_gap
from ui.frame import frame, offering_downloads, presenting
from ui.markdown import plain
from ui.widgets import deck_download, inputs_disagree, show_chart

plan = frame("Overview")
targets = plan_targets(plan)
goal, monthly = targets.goal, targets.monthly
top, bottom = plan.funnel.stages[0], plan.funnel.stages[-1]

st.title(plain(plan.name))
st.caption(
    f"Fiscal year {plan.fiscal_year} · amounts in {plan.currency} · volumes are monthly averages "
    "unless marked otherwise"
)
if offering_downloads():
    deck_download(plan)

cols = st.columns(4)
cols[0].metric("Revenue goal", format_money(goal.revenue_goal, plan.currency))
cols[1].metric(
    "New customers needed",
    format_count(goal.planned_customers),
    help=plain(f"Exact: {goal.customers_exact:.2f}. {goal.rounding_statement(plan.currency)}"),
)
check = check_plan(plan, targets)
top_shortfall = top_gap(gap_to_today(monthly, plan.funnel.today)) if plan.funnel.today and check.agrees else None
cols[2].metric(
    plain(f"{top} needed a month"),
    format_count(monthly.top),
    delta=None if top_shortfall is None else f"{format_count(top_shortfall)} vs today",
    delta_color="inverse",
)
cols[3].metric(
    plain(f"{bottom} a month"),
    format_count(monthly.bottom),
    help=plain(f"Marketing-sourced: the year's new {bottom.lower()} less referrals, a twelfth of them a month."),
)
st.info(plain(goal.rounding_statement(plan.currency)), icon=":material/calculate:")
if not check.agrees:
    inputs_disagree(check)

left, right = st.columns(2)
with left:
    show_chart(revenue_bridge_chart(goal, plan.currency), "revenue-bridge", narrow=True)
with right:
    show_chart(funnel_chart(monthly), "funnel", narrow=True)

if presenting():
    st.stop()
st.subheader("Next steps")
# Side by side while they fit, and on the next line when they do not: a link's label is never cut.
with st.container(horizontal=True, gap="medium", key="overview_next_steps"):
    st.page_link("pages/review.py", label="Review last year's channels", icon=":material/history:")
    st.page_link("pages/goals.py", label="Set the revenue goal and deal size", icon=":material/flag:")
    st.page_link("pages/funnel.py", label="Tune conversion rates in the funnel", icon=":material/filter_alt:")
    st.page_link("pages/roadmap.py", label="Plan the year as four 90-day roadmaps", icon=":material/view_timeline:")
