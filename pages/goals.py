"""Goals: a revenue goal and deal size become the new customers the year needs."""

import pandas as pd
import streamlit as st

from planner import format_count, format_money, plan_goals
from planner.charts import customers_per_month_chart, revenue_bridge_chart
from planner.checks import check_plan
from planner.fiscal import month_labels
from planner.goals import ROUNDING_LABELS, seasonality_from_table, with_target_mode, with_typed_base
from planner.plan import plan_targets, replace
from ui.frame import frame, presenting
from ui.markdown import plain
from ui.state import bound, current_plan, set_plan
from ui.widgets import amount_input, bound_table, percent_input, set_goal, show_chart, show_table


def seasonality_weights(table: pd.DataFrame) -> tuple[float, ...]:
    return seasonality_from_table(list(table["Month"]), list(table["Weight"]))


def set_mode(revenue):
    return lambda plan, mode: replace(plan, goals=with_target_mode(plan.goals, mode, revenue))


def use_deal(amount):
    set_plan(replace(current_plan(), goals=replace(current_plan().goals, avg_deal_size=amount)))
    st.session_state.pop("goals_deal_size", None)


def use_base(amount):
    set_plan(replace(current_plan(), goals=with_target_mode(current_plan().goals, "growth", amount)))
    st.session_state.pop("goals_baseline", None)


def last_year_panel(facts):
    """Last year's revenue, new customers and average deal, overall and per channel, and their source."""
    with st.container(border=True):
        year = f" ({facts.year})" if facts.year else ""
        st.markdown(f"**Last year{year}**, from {plain(facts.source)}")
        cols = st.columns(3)
        cols[0].metric("New revenue", format_money(facts.revenue or 0, money))
        cols[1].metric("New customers", format_count(facts.customers or 0))
        cols[2].metric("Average first-year deal", "—" if facts.deal_size is None else format_money(facts.deal_size, money))
        with st.expander("Per channel"):
            show_table(
                pd.DataFrame([c.model_dump() for c in facts.channels]),
                "last-year-deals-per-channel",
                {
                    "channel": "Channel",
                    "customers": st.column_config.NumberColumn("New customers", format="localized"),
                    "revenue": st.column_config.NumberColumn(f"Revenue ({money})", format="accounting"),
                    "deal_size": st.column_config.NumberColumn(f"Average deal ({money})", format="accounting"),
                },
            )


plan = frame("Goals")
goals, money = plan.goals, plan.currency
check = check_plan(plan, plan_targets(plan))
facts = check.facts
st.title("Goals")
st.caption("Turn the revenue goal into the new customers it needs, net of what existing customers bring.")

if presenting():
    results = st.container()
else:
    inputs, results = st.columns([1, 1.6], gap="large")
    with inputs:
        st.subheader("What leadership asked for")
        last_revenue = facts.revenue if facts else None
        bound(
            st.radio,
            "Goal as",
            "goals_target_mode",
            goals.target_mode,
            set_mode(last_revenue),
            horizontal=True,
            options=["amount", "growth"],
            format_func={"amount": "New revenue amount", "growth": "Growth over last year's new revenue"}.get,
            # A growth goal refused for want of a base keeps "growth" chosen, to show the box that supplies it.
            restore=False,
        )
        wants_growth = st.session_state.get("goals_target_mode") == "growth"
        if goals.target_mode == "amount" and not wants_growth:
            amount_input(
                f"New revenue goal ({money})",
                "goals_revenue_target",
                goals.revenue_target,
                set_goal(revenue_target=float),
                money,
                placeholder="e.g. 10,000,000 or 10M",
            )
        else:
            if goals.target_mode == "growth" and goals.baseline_source == "last year":
                st.caption(
                    plain(
                        f"Based on last year's new revenue, {format_money(goals.baseline_revenue, money)}"
                        + (f" ({facts.source})." if facts else ".")
                    )
                )
                if last_revenue is not None and abs(last_revenue - goals.baseline_revenue) > 0.5:
                    st.warning(
                        f"Last year's data now says {format_money(last_revenue, money)}; the goal still grows "
                        f"{format_money(goals.baseline_revenue, money)}.",
                        icon=":material/sync_problem:",
                    )
                    st.button(
                        f"Base the goal on {format_money(last_revenue, money)}", key="goals_use_base",
                        on_click=use_base, args=(last_revenue,),
                    )  # fmt: skip
            else:
                amount_input(
                    f"Last year's new revenue ({money})",
                    "goals_baseline",
                    goals.baseline_revenue,
                    lambda plan, base: replace(plan, goals=with_typed_base(plan.goals, base)),
                    money,
                    optional=True,
                    placeholder="e.g. 7,450,000 or 7.45M",
                    help="What last year's new customers brought. Or load last year's channel table on the "
                    "Last-year review page, and the goal is based on it.",
                )
            percent_input(
                "Growth over last year (%)", "goals_growth", goals.growth_rate, set_goal(growth_rate=float)
            )
        amount_input(
            f"Average first-year deal size ({money})",
            "goals_deal_size",
            goals.avg_deal_size,
            set_goal(avg_deal_size=float),
            money,
            placeholder="e.g. 25,000 or 1.1M",
            help="First-year revenue of an average new customer, agreed with sales.",
        )
        if (deal := check.of("deal size")) is not None:
            st.warning(plain(f"{deal.message} {deal.fix}"), icon=":material/balance:")
        if facts is not None and facts.deal_size and abs(goals.avg_deal_size - facts.deal_size) > 0.5:
            st.button(
                f"Use last year's average deal ({format_money(facts.deal_size, money, compact=False)})",
                key="goals_use_last_deal", on_click=use_deal, args=(round(facts.deal_size, 2),),
            )  # fmt: skip

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
            amount_input(
                f"Expansion / upsell revenue ({money})",
                "goals_expansion",
                goals.expansion_revenue,
                set_goal(expansion_revenue=float),
                money,
                placeholder="e.g. 500,000 or 0.5M",
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
    if facts is not None:
        last_year_panel(facts)
    cols = st.columns(3)
    cols[0].metric("Revenue goal", format_money(goal.revenue_goal, money))
    cols[1].metric(
        "New customers needed",
        format_count(goal.planned_customers, 2 if goal.rounding == "exact" else None),
        help=ROUNDING_LABELS[goal.rounding],
    )
    cols[2].metric("Exact", format_count(goal.customers_exact, 2), help="Before any rounding.")
    if (customers := check.of("customers")) is not None:
        st.warning(plain(f"{customers.message} {customers.fix}"), icon=":material/balance:")
    st.info(plain(goal.rounding_statement(money)), icon=":material/calculate:")
    # A column beside the inputs at a desk; the page's whole width on a shared screen.
    show_chart(revenue_bridge_chart(goal, money), "revenue-bridge", narrow=not presenting())
    per_month = goal.per_month(plan.fiscal_year, plan.fiscal_year_start_month)
    show_chart(customers_per_month_chart(per_month, goal), "customers-per-month", narrow=not presenting())
    st.markdown("**New customers per quarter**")
    per_quarter = goal.per_quarter(plan.fiscal_year, plan.fiscal_year_start_month)
    show_table(
        per_quarter,
        "new-customers-per-quarter",
        {
            "quarter": "Quarter",
            "marketing_customers": "From marketing",
            "referral_customers": "From referrals",
            "customers": "All new customers",
        },
        # Written as every count in the app is: 26 whole customers, 4.93 from referrals.
        counts=("marketing_customers", "referral_customers", "customers"),
    )
