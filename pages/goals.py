"""Goals: a revenue goal and deal size become the new customers the year needs."""

import pandas as pd
import streamlit as st

from planner import format_count, format_money, plan_goals
from planner.charts import customers_per_month_chart, revenue_bridge_chart
from planner.fiscal import month_labels
from planner.goals import ROUNDING_LABELS, seasonality_from_table
from ui.frame import frame, presenting
from ui.state import bound
from ui.widgets import bound_table, percent_input, set_goal, show_chart, show_table


def seasonality_weights(table: pd.DataFrame) -> tuple[float, ...]:
    return seasonality_from_table(list(table["Month"]), list(table["Weight"]))


plan = frame("Goals", ":material/flag:")
goals, money = plan.goals, plan.currency
st.title("Goals")
st.caption("Turn the revenue goal into the new customers it needs, net of what existing customers bring.")

if presenting():
    results = st.container()
else:
    inputs, results = st.columns([1, 1.6], gap="large")
    with inputs:
        st.subheader("What leadership asked for")
        bound(
            st.radio,
            "Goal as",
            "goals_target_mode",
            goals.target_mode,
            set_goal(target_mode=str),
            horizontal=True,
            options=["amount", "growth"],
            format_func={"amount": "New revenue amount", "growth": "Growth over last year"}.get,
        )
        if goals.target_mode == "amount":
            bound(
                st.number_input,
                f"New revenue goal ({money})",
                "goals_revenue_target",
                goals.revenue_target,
                set_goal(revenue_target=float),
                step=100_000.0,
                format="%.0f",
            )
        else:
            bound(
                st.number_input,
                f"Last year's revenue ({money})",
                "goals_baseline",
                goals.baseline_revenue,
                set_goal(baseline_revenue=float),
                step=1_000_000.0,
                format="%.0f",
            )
            percent_input(
                "Growth over last year (%)", "goals_growth", goals.growth_rate, set_goal(growth_rate=float)
            )
        bound(
            st.number_input,
            f"Average first-year deal size ({money})",
            "goals_deal_size",
            goals.avg_deal_size,
            set_goal(avg_deal_size=float),
            step=10_000.0,
            format="%.0f",
            help="First-year revenue of an average new customer, agreed with sales.",
        )

        st.subheader("What existing customers bring")
        bound(
            st.radio,
            "Expansion / upsell as",
            "goals_expansion_mode",
            goals.expansion_mode,
            set_goal(expansion_mode=str),
            horizontal=True,
            options=["amount", "share"],
            format_func={"amount": "Amount", "share": "Share of the goal"}.get,
        )
        if goals.expansion_mode == "amount":
            bound(
                st.number_input,
                f"Expansion / upsell revenue ({money})",
                "goals_expansion",
                goals.expansion_revenue,
                set_goal(expansion_revenue=float),
                step=100_000.0,
                format="%.0f",
            )
        else:
            percent_input(
                "Expansion / upsell share of the goal (%)",
                "goals_expansion_share",
                goals.expansion_share,
                set_goal(expansion_share=float),
            )
        percent_input(
            "New customers that come through referrals (%)",
            "goals_referrals",
            goals.referral_share,
            set_goal(referral_share=float),
            help="They skip the top of the funnel, which back-solves only the customers marketing must source.",
        )

        st.subheader("How to count customers")
        bound(
            st.radio,
            "Rounding",
            "goals_rounding",
            goals.rounding,
            set_goal(rounding=str),
            options=list(ROUNDING_LABELS),
            format_func=ROUNDING_LABELS.get,
        )
        bound(
            st.toggle,
            "Seasonal months",
            "goals_seasonal",
            goals.seasonal,
            set_goal(seasonal=bool),
            help="Off: every month gets a twelfth of the year. On: weight the months; they are normalised.",
        )
        if goals.seasonal:
            weights = pd.DataFrame(
                {
                    "Month": month_labels(plan.fiscal_year, plan.fiscal_year_start_month),
                    "Weight": goals.seasonality,
                }
            )
            bound_table(
                "Seasonality",
                "goals_season_table",
                weights,
                set_goal(seasonality=seasonality_weights),
                hide_index=True,
                disabled=["Month"],
                column_config={
                    "Weight": st.column_config.NumberColumn(min_value=0.0, step=0.1, format="%.2f")
                },
            )

goal = plan_goals(plan.goals)
with results:
    cols = st.columns(3)
    cols[0].metric("Revenue goal", format_money(goal.revenue_goal, money))
    cols[1].metric(
        "New customers needed",
        format_count(goal.planned_customers, 2 if goal.rounding == "exact" else None),
        help=ROUNDING_LABELS[goal.rounding],
    )
    cols[2].metric("Exact", format_count(goal.customers_exact, 2), help="Before any rounding.")
    st.info(goal.rounding_statement(money), icon=":material/calculate:")
    show_chart(revenue_bridge_chart(goal, money), "revenue-bridge")
    per_month = goal.per_month(plan.fiscal_year, plan.fiscal_year_start_month)
    show_chart(customers_per_month_chart(per_month, goal), "customers-per-month")
    st.markdown("**New customers per quarter**")
    per_quarter = goal.per_quarter(plan.fiscal_year, plan.fiscal_year_start_month)
    show_table(
        per_quarter,
        "new-customers-per-quarter",
        {
            "quarter": "Quarter",
            "marketing_customers": st.column_config.NumberColumn("From marketing", format="%.2f"),
            "referral_customers": st.column_config.NumberColumn("From referrals", format="%.2f"),
            "customers": st.column_config.NumberColumn("All new customers", format="%.2f"),
        },
    )
