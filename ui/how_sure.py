"""The Funnel page's "How sure are we?" tab: Monte Carlo chances drawn from the plan, cached per input."""

import streamlit as st

from planner import format_count, format_money
from planner.charts import fan_chart, revenue_histogram
from planner.checks import check_plan
from planner.confidence import LEVELS, confidence, counts_match_rates, top_for_probability
from planner.plan import Plan, PlanTargets
from ui.frame import presenting
from ui.markdown import plain
from ui.state import bound
from ui.widgets import inputs_disagree, percent_input, set_funnel, show_chart

SIMULATIONS = 10_000  # enough for a percentage to ±1 point, fast enough to follow a slider


@st.cache_data(max_entries=64, show_spinner=False)
def simulate(top, rates, goal_customers, goal_revenue, deal_size, counts, uncertainty):
    result = confidence(
        top,
        rates,
        goal_customers,
        goal_revenue,
        deal_size,
        n=SIMULATIONS,
        counts=counts,
        uncertainty=uncertainty,
    )
    tops = {
        p: top_for_probability(
            rates, goal_customers, p, n=SIMULATIONS, counts=counts, uncertainty=uncertainty
        )
        for p in LEVELS
    }
    return result, tops


def how_sure(plan: Plan, targets: PlanTargets) -> None:
    """The Funnel's "How sure are we?" tab: chances, the fan, revenue spread and the traffic to be sure."""
    funnel, money, monthly = plan.funnel, plan.currency, targets.monthly
    top, bottom = funnel.stages[0], funnel.stages[-1]
    required = round(monthly.top)
    # Until the user plans a volume: what the team produces today, or else what the plan requires.
    planned = funnel.planned_top_or(required)
    use_counts = counts_match_rates(funnel.last_year_counts, funnel.rates)
    # On a shared screen the chances show without the inputs behind them.
    if not presenting():
        left, right = st.columns(2)
        with left:
            bound(
                st.number_input, f"Planned {plain(top.lower())} a month", "funnel_planned_top", planned,
                set_funnel("planned_top"), field=f"Planned {top.lower()} a month", step=100.0, format="%.0f",
                help=f"What the team plans to produce (starts at today's volume); the plan requires {format_count(required)}.",
            )  # fmt: skip
        with right:
            percent_input(
                "Rate uncertainty (± % of each rate)", "funnel_uncertainty", funnel.rate_uncertainty,
                set_funnel("rate_uncertainty"), disabled=use_counts,
                help="How far each rate may land from the slider in a given year. 0: only chance varies.",
            )  # fmt: skip
            if use_counts:
                st.caption("Rates vary as much as last year's volumes say (from the Last-year review).")
    check = check_plan(plan, targets)
    if not check.agrees:
        # A chance drawn from inputs that contradict each other would be a number nobody should trust.
        inputs_disagree(check)
        return
    goal = targets.goal
    result, tops = simulate(
        planned, funnel.rates, goal.planned_marketing_customers, goal.marketing_revenue, plan.goals.avg_deal_size,
        funnel.last_year_counts if use_counts else None, 0.0 if use_counts else funnel.rate_uncertainty,
    )  # fmt: skip
    cols = st.columns(3)
    cols[0].metric(
        plain(f"Chance of {format_count(goal.planned_marketing_customers)} {bottom.lower()}"),
        f"{result.p_customers:.0%}",
    )
    cols[1].metric(f"Chance of {format_money(goal.marketing_revenue, money)}", f"{result.p_revenue:.0%}")
    cols[2].metric(plain(f"{bottom} in 8 years of 10"), f"{result.customers_p10:.0f}–{result.customers_p90:.0f}")
    st.success(
        plain(
            f"To be 80% sure, plan for {format_count(tops[0.8])} {top.lower()} a month "
            f"(50% sure: {format_count(tops[0.5])}; 90% sure: {format_count(tops[0.9])})."
        ),
        icon=":material/verified:",
    )
    left, right = st.columns(2)
    with left:
        show_chart(fan_chart(result, plan.fiscal_year, plan.fiscal_year_start_month), "how-sure-fan", narrow=True)
    with right:
        show_chart(revenue_histogram(result, money), "how-sure-revenue", narrow=True)
    st.caption(
        plain(
            f"{SIMULATIONS:,} simulated years, fixed seed: whole {top.lower()} each month, each stage drawn as "
            "whole numbers from the one above; deals lognormal around the average deal (±35%). Lags are not simulated."
        )
    )
