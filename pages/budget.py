"""Budget: what reaching the goal costs, how a total splits across channels and months, and that split put into the plan."""

import streamlit as st

from planner.budget.charts import curves_chart, monthly_chart, spend_chart
from planner.budget_plan import (
    budget_view,
    channel_rows,
    chosen_budget,
    needed_statement,
    set_channel_settings,
    set_organic_growth,
    use_budget,
    why_no_budget,
)
from planner.money import currency as currency_info
from planner.money import format_count, format_money, format_money_figures
from planner.spend import budget_picture
from ui.frame import frame, presenting
from ui.markdown import plain
from ui.state import VIEW_PREFIX, current_plan, set_plan
from ui.widgets import bound_table, percent_input, show_chart, show_table

APPLIED_KEY = f"{VIEW_PREFIX}budget_applied"
TOTAL_KEY = f"{VIEW_PREFIX}budget_total"


def money_column(label):
    return st.column_config.NumberColumn(f"{label} ({plan.currency})", format="localized")


def settings_from_table(plan, table):
    return set_channel_settings(plan, table.to_dict("records"))


plan = frame("Budget")
money = plan.currency
st.title("Budget")
st.caption(
    "What reaching the goal costs and where the money goes: each channel's response to spend, fitted from "
    "last year's months, split so that the next customer costs the same wherever a channel can still grow."
)
view = budget_view(plan)
if view is None:
    st.info(plain(why_no_budget(plan)), icon=":material/upload_file:")
    st.page_link("pages/review.py", label="Load last year's channel table", icon=":material/history:")
    st.stop()

needed = view.needed
cols = st.columns(4)
cols[0].metric(
    "Budget needed",
    "—" if needed is None else needed.amount(needed.needed, money),
    help=None if needed is None else plain(f"{needed.headline(money)}. {needed.statement(money)}"),
)
cols[1].metric("New customers the goal needs", format_count(view.customers))
cols[2].metric("Last year's spend", format_money_figures(view.last_year_spend, money), help=plain(view.source))
cols[3].metric(
    "The plan's annual budget",
    "not set" if view.annual_budget is None else format_money_figures(view.annual_budget, money),
)
if view.problem:
    st.error(plain(view.problem), icon=":material/error:")
else:
    st.info(plain(needed_statement(view)), icon=":material/payments:")
for note in view.setup.notes:
    st.caption(plain(note))
if applied := st.session_state.pop(APPLIED_KEY, None):
    st.success(plain(applied), icon=":material/check:")


def apply(chosen):
    set_plan(use_budget(current_plan(), chosen))
    picture = budget_picture(current_plan())
    st.session_state[APPLIED_KEY] = " ".join(picture.statements)


def spend_tab(chosen):
    show_chart(spend_chart(chosen.allocation, money), "budget-per-channel")


def curves_tab(chosen):
    show_chart(curves_chart(view.setup, chosen.allocation, money), "budget-response-curves")


def months_tab(chosen):
    fig = monthly_chart(chosen.phasing, plan.fiscal_year, plan.fiscal_year_start_month, money, view.lag_days)
    show_chart(fig, "budget-by-month")
    if view.lag_note:
        st.caption(view.lag_note)


def table_tab(chosen):
    show_table(
        channel_rows(chosen.allocation),
        "budget-channels",
        {
            "channel": st.column_config.TextColumn("Channel"),
            "last_year_spend": money_column("Last year"),
            "spend": money_column("Planned"),
            "change_share": "Change",
            "bound": "Bound",
            "leads": "Leads",
            "mqls": "MQLs",
            "sqls": "SQLs",
            "customers": "Customers",
            "cac": money_column("CAC"),
            "marginal_cac": money_column("Next customer costs"),
        },
        download=chosen.allocation.frame,
        counts=("leads", "mqls", "sqls", "customers"),
        rates=("change_share",),
    )
    st.caption("CAC is spend per customer; the next customer's cost is what one more would cost in that channel.")


TABS = {
    "Spend per channel": spend_tab,
    "Response curves": curves_tab,
    "Month by month": months_tab,
    "Per channel": table_tab,
}


@st.fragment
def what_a_total_buys():
    """The total-budget slider and everything it moves, rerun alone on each move."""
    if presenting():
        total = view.total
    else:
        symbol = currency_info(money).symbol
        # The range is in the key: new bounds make a fresh slider rather than one holding a value outside them.
        key = f"budget_total_{view.least}_{view.most}"
        tried = st.session_state.get(TOTAL_KEY)
        if key not in st.session_state:
            st.session_state[key] = tried if tried is not None and view.least <= tried <= view.most else view.total
        # Totals are tried here and kept for the session; only "Use this budget in the plan" writes one to
        # the plan, so a slider move does not save the whole plan (a quarter of a second for the sample's).
        total = st.slider(
            f"Total channel budget ({money})",
            key=key,
            min_value=view.least,
            max_value=view.most,
            step=view.step,
            format=f"{symbol}%,d",
            on_change=lambda: st.session_state.update({TOTAL_KEY: st.session_state[key]}),
            help="From what the channels' minimum spends add up to, to what their maximums allow. "
            "Try totals here; 'Use this budget in the plan' keeps one.",
        )
    chosen = chosen_budget(view, total)
    cols = st.columns(4)
    cols[0].metric(
        "Customers it buys",
        format_count(chosen.customers),
        # Streamlit reads a leading "-" as down (red): the sign is written out.
        delta=f"{'+' if chosen.gap > 0 else '-'}{format_count(abs(chosen.gap))} vs the goal"
        if abs(chosen.gap) >= 0.005
        else "the goal exactly",
        delta_color="normal",
    )
    cac = chosen.allocation.cac
    cols[1].metric("CAC", "—" if cac is None else format_money(cac, money), help="The budget divided by the customers it buys.")
    marginal = chosen.allocation.marginal_cac
    cols[2].metric(
        "Next customer costs",
        "every channel at a bound" if marginal is None else format_money(marginal, money),
        help="What one more customer would cost in every channel not at a bound: the split equalises it.",
    )
    cols[3].metric("Spent before the year starts", format_money(chosen.before_year, money))
    st.info(plain(" ".join(chosen.statements)), icon=":material/insights:")
    if not presenting() and st.button(
        "Use this budget in the plan", key="budget_use", type="primary", icon=":material/task_alt:",
        help="Makes it the plan's annual budget, splits the roadmap's quarters by its months, and makes what the "
        "channels bring a month the Funnel's today.",
    ):  # fmt: skip
        apply(chosen)
        st.rerun()
    if presenting():
        for draw in (spend_tab, months_tab, curves_tab):
            draw(chosen)
        return
    # Only the open tab runs, so a slider move redraws one chart.
    for tab, draw in zip(st.tabs(list(TABS), key="budget_tab", on_change="rerun"), TABS.values(), strict=True):
        if tab.open:
            with tab:
                draw(chosen)


if needed is not None:
    what_a_total_buys()

if not presenting():
    st.subheader("Bounds and exponents")
    st.caption(
        "Each channel's bounds start from its verdict on the Last-year review (cut: nothing; fix conversion: last "
        "year's spend; keep: within 20% of it; scale: up to twice it). Change a bound, set your own exponent (above "
        "0, at most 1), or the conversion change you expect; clear a cell to go back to the default."
    )
    bound_table(
        "Bounds and exponents",
        "budget_bounds",
        view.setup.table(),
        settings_from_table,
        hide_index=True,
        disabled=["channel", "verdict", "last_year_spend", "fitted", "note"],
        column_config={
            "channel": st.column_config.TextColumn("Channel"),
            "verdict": "Verdict",
            "last_year_spend": money_column("Last year"),
            "min_spend": st.column_config.NumberColumn(f"Least spend ({money})", min_value=0.0, format="localized"),
            "max_spend": st.column_config.NumberColumn(f"Most spend ({money})", min_value=0.0, format="localized"),
            "fitted": st.column_config.NumberColumn("Fitted exponent", format="%.2f"),
            "exponent": st.column_config.NumberColumn(
                "Your exponent", min_value=0.01, max_value=1.0, format="%.2f", help="Blank: the fitted one."
            ),
            "conversion_change": st.column_config.NumberColumn(
                "Conversion change (%)", min_value=-90.0, max_value=1000.0, format="%+.0f%%",
                help="How much better (or worse) you expect its conversion to customers to be this year.",
            ),
            "note": st.column_config.TextColumn("How its exponent was set", width="large"),
        },
    )
    if view.setup.has_organic:
        percent_input(
            "Growth of the channels without spend (%)",
            "budget_organic_growth",
            plan.budget.organic_growth,
            set_organic_growth,
            help="They have no spend curve: their volume is last year's times this growth.",
        )
