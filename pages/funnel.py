"""Funnel: conversion-rate sliders, the volume every stage needs, and how it compares with today."""

import pandas as pd
import streamlit as st

from planner import (
    day_one_pipeline,
    format_count,
    format_money,
    forward,
    funnel_budget,
    goal_seek,
    goal_seek_sentence,
    plan_targets,
    sensitivity,
    stage_schedule,
)
from planner.budget_plan import today_from_budget
from planner.charts import (
    funnel_chart,
    gap_chart,
    schedule_chart,
    tornado_chart,
)
from planner.checks import funnel_status
from planner.goals import ROUNDING_WORDS
from planner.plan import edit_stages, replace, stage_rows, stage_rows_from_table, targets_table
from planner.spend import budget_picture
from ui.frame import frame, page_body, presenting
from ui.how_sure import how_sure
from ui.markdown import plain
from ui.state import bound, current_plan
from ui.widgets import (
    EMPTY_CELL,
    amount_input,
    bound_table,
    forget_funnel_widgets,
    inputs_disagree,
    opened,
    rate_input,
    set_funnel,
    show_chart,
    show_table,
)


def stages_from_table(plan, table: pd.DataFrame):
    return replace(plan, funnel=edit_stages(plan.funnel, stage_rows_from_table(table.to_dict("records"))))


def headline(plan, targets, status) -> None:
    funnel, money = plan.funnel, plan.currency
    monthly, agrees, today_top = targets.monthly, status.check.agrees, plan.funnel.top_today
    top, bottom = funnel.stages[0], funnel.stages[-1]
    cost_stage = funnel.stages[funnel.cost_stage_index]
    budget = funnel_budget(targets.yearly, funnel.cost_per_unit, cost_stage) if funnel.cost_per_unit else None
    st.title("Funnel")
    st.caption(
        plain(
            f"Work up the funnel from the {format_count(monthly.bottom)} {bottom.lower()} a month the goal needs "
            f"({ROUNDING_WORDS[targets.goal.rounding]}, as chosen on the Goals page) to what every stage must produce."
        )
    )
    cols = st.columns(4)
    cols[0].metric(
        plain(f"{bottom} a month"),
        format_count(monthly.bottom),
        help="From the Goals page, marketing-sourced.",
    )
    cols[1].metric(
        plain(f"{top} needed a month"),
        format_count(monthly.top),
        delta=None
        if today_top is None or not agrees
        else f"{format_count(monthly.top - today_top)} vs today",
        delta_color="inverse",
    )
    cols[2].metric(
        "Stages off track",
        {"no data": "no data", "inputs disagree": "inputs disagree"}.get(status.state)
        or f"{status.off_track} of {len(status.gap)}",
        help="Shown once the goal, the deal size and the rates agree with last year." if not agrees else None,
    )
    cols[3].metric(
        "Demand-gen budget a year",
        "—" if budget is None else format_money(budget.budget, money),
        help="Add a cost per lead (or per visit) under Cost to see the budget and CAC."
        if budget is None
        else plain(
            f"CAC {format_money(budget.cac, money)}: the budget divided by the year's {bottom.lower()}"
        )
        if budget.cac is not None
        else "No CAC: the plan has no customers.",
    )
    if budget is not None:
        picture = budget_picture(plan, targets)
        st.caption(
            plain(
                next((s for s in picture.statements if s.startswith("The funnel's")), picture.statements[0])
            )
        )
    if note := today_from_budget(plan):
        st.caption(plain(note))


def rates_and_funnel(plan, targets) -> None:
    """The rate inputs beside the funnel they shape (the funnel alone on a shared screen)."""
    funnel, money = plan.funnel, plan.currency
    if presenting():
        # The whole width of a shared screen: the title wraps for it, not for the desk's half column.
        show_chart(funnel_chart(targets.monthly), "funnel")
        return
    inputs, chart = st.columns([1, 1.3], gap="large")
    # The chart first, so that it reaches the browser before the inputs are drawn again.
    with chart:
        show_chart(funnel_chart(targets.monthly), "funnel", narrow=True)
    with inputs:
        st.subheader("Conversion rates")
        for index, (label, rate) in enumerate(zip(funnel.funnel().transitions(), funnel.rates, strict=True)):
            rate_input(index, label, rate)
        if stages := opened("Stages, today's volumes and lags", "funnel_stages_open"):
            with stages:
                stage_table(funnel)
        if cost := opened("Cost", "funnel_cost_open"):
            with cost:
                cost_inputs(funnel, money)


def stage_table(funnel) -> None:
    st.caption("Rename, add or remove stages. A new stage starts at 100% until you set its rate.")
    table = pd.DataFrame([row.model_dump() for row in stage_rows(funnel)])
    bound_table(
        "Stages",
        "funnel_stages",
        table,
        stages_from_table,
        after=forget_funnel_widgets,
        num_rows="dynamic",
        hide_index=True,
        column_config={
            "source": None,
            "name": st.column_config.TextColumn("Stage", required=True),
            "today": st.column_config.NumberColumn("Today a month", min_value=0.0, format="%.2f"),
            "lag_days": st.column_config.NumberColumn(
                "Lag (days)",
                min_value=0.0,
                max_value=3650.0,
                help="Days from the stage above to this one",
            ),
        },
    )


def cost_inputs(funnel, money: str) -> None:
    amount_input(
        f"Cost per unit ({money})",
        "funnel_cost",
        funnel.cost_per_unit,
        set_funnel("cost_per_unit", lambda v: v),
        money,
        optional=True,
        placeholder="e.g. 200",
    )
    bound(
        st.selectbox,
        "Cost is per",
        "funnel_cost_stage",
        funnel.cost_stage_index,
        set_funnel("cost_stage_index", int),
        options=range(len(funnel.stages)),
        format_func=lambda i: funnel.stages[i],
    )


def plan_vs_today(status) -> None:
    gap = status.gap
    if not status.check.agrees:
        inputs_disagree(status.check)
        return
    if gap is None:
        st.info("Enter what each stage produces today under “Stages, today's volumes and lags”.")
        return
    show_chart(gap_chart(gap), "plan-vs-today")
    show_table(
        gap,
        "plan-vs-today",
        {
            "stage": "Stage",
            "required": "Required a month",
            "today": "Today a month",
            "gap": "Gap (required − today)",
            "lift_needed": "Lift needed",
            "status": "Status",
        },
        counts=("required", "today", "gap"),
        rates=("lift_needed",),
    )


def which_lever(plan, targets) -> None:
    funnel, monthly, today_top = plan.funnel, targets.monthly, plan.funnel.top_today
    top = funnel.stages[0]
    if not presenting():
        bound(
            st.radio,
            "Move each rate by",
            "funnel_lever_mode",
            funnel.lever_mode,
            set_funnel("lever_mode", str),
            options=["points", "relative"],
            horizontal=True,
            format_func={"points": "1 percentage point", "relative": "10% of itself"}.get,
        )
    ranked = sensitivity(
        monthly.bottom, funnel.rates, funnel.stages, top_today=today_top, mode=funnel.lever_mode
    )
    show_chart(tornado_chart(ranked, top, funnel.lever_mode), "which-lever")
    if funnel.lever_mode == "relative":
        st.caption(
            "A relative change moves every rate the plan multiplies by the same factor, so the bars tie."
        )
    if today_top:
        seek = goal_seek(monthly.bottom, funnel.rates, today_top, funnel.stages)
        st.success(plain(goal_seek_sentence(seek, today_top, top)), icon=":material/target:")


def month_by_month(plan, targets) -> None:
    funnel = plan.funnel
    schedule = stage_schedule(funnel.funnel(), targets.monthly_customers)
    show_chart(schedule_chart(schedule, plan.fiscal_year, plan.fiscal_year_start_month), "month-by-month")
    pipeline = day_one_pipeline(schedule)
    if pipeline["volume"].sum() > 0:
        st.markdown("**Pipeline that must already exist on day one**")
        st.dataframe(
            pipeline,
            hide_index=True,
            placeholder=EMPTY_CELL,
            column_config={
                "stage": "Stage",
                "volume": st.column_config.NumberColumn("Before day one", format="%.1f"),
            },
        )
    st.caption("Volume for customers who close after the plan year is not included.")


def targets_tab(targets) -> None:
    show_table(
        targets_table(targets),
        "funnel-targets",
        {
            "stage": "Stage",
            "rate": "Rate from above",
            "per_month": st.column_config.NumberColumn("Per month (exact)", format="%.2f"),
            "per_year": st.column_config.NumberColumn("Per year (exact)", format="%.2f"),
            "per_year_whole": st.column_config.NumberColumn("Per year, whole units", format="%d"),
        },
        rates=("rate",),
    )
    st.caption("Whole units are rounded up stage by stage from the bottom: nobody is half a lead.")


def forward_view(plan, targets) -> None:
    funnel, monthly = plan.funnel, targets.monthly
    top, bottom = funnel.stages[0], funnel.stages[-1]
    if not presenting():
        bound(
            st.number_input,
            f"Start from this many {plain(top.lower())} a month",
            "funnel_forward_top",
            funnel.forward_top,
            set_funnel("forward_top"),
            field=f"Start from this many {top.lower()} a month",
            step=100.0,
            format="%.0f",
        )
    show_chart(funnel_chart(forward(funnel.forward_top, funnel.rates, funnel.stages)), "forward-view")
    st.caption(plain(f"The goal needs {format_count(monthly.bottom)} {bottom.lower()} a month."))


def funnel_page() -> None:
    plan = current_plan()
    targets = plan_targets(plan)
    # A moved rate's funnel is drawn first, in its place under the headline: the chart follows the
    # slider before the rest of the page is worked out again.
    top = st.container()
    rates_and_funnel(plan, targets)
    status = funnel_status(plan, targets)
    with top:
        headline(plan, targets, status)
    tabs = {
        "Plan vs today": lambda: plan_vs_today(status),
        "Which lever moves the plan": lambda: which_lever(plan, targets),
        "Month by month": lambda: month_by_month(plan, targets),
        "Targets": lambda: targets_tab(targets),
        "Forward view": lambda: forward_view(plan, targets),
        "How sure are we?": lambda: how_sure(plan, targets),
    }
    # Only the open tab runs, so a slider move redraws one tab's chart, not five.
    for tab, draw in zip(
        st.tabs(list(tabs), key="funnel_tab", on_change="rerun"), tabs.values(), strict=True
    ):
        if tab.open:
            with tab:
                draw()


frame("Funnel")
# A rate moved, a cost typed: only the page below the frame runs again.
page_body(funnel_page)
