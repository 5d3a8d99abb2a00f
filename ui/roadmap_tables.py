"""The roadmap's editable tables: each one built from a quarter and bound to the plan, with its column types."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from planner.plan import Plan, replace, set_quarter, set_roadmap
from planner.roadmap import (
    DECISIONS,
    STATUSES,
    UNIT_LABELS,
    Hypothesis,
    Initiative,
    Owner,
    SmartGoal,
    choose_focus,
    focus_options,
    goal_label,
    goal_metrics,
    hypotheses_from_rows,
    initiatives_from_rows,
    kpis,
    rows_to,
)
from ui.widgets import bound_table


def _frame(items, model, choices: tuple[str, ...] = ()) -> pd.DataFrame:
    """A table of models; empty choice cells are None, since a choice column shows "" as a value."""
    frame = pd.DataFrame([item.model_dump() for item in items], columns=list(model.model_fields)).astype(
        object
    )
    frame = frame.where(frame.notna(), None)
    for column in choices:
        frame[column] = frame[column].replace({"": None})
    return frame


def _money_column(label: str, currency: str):
    return st.column_config.NumberColumn(label, format="localized", step=100.0, help=f"In {currency}.")


def _quarter_table(label, key, frame, update, columns: dict, review: bool) -> None:
    # At a review the rows are fixed: the user records what happened, not new plans.
    bound_table(
        label,
        key,
        frame,
        update,
        num_rows="fixed" if review else "dynamic",
        hide_index=True,
        column_order=list(columns),
        column_config=columns,
        width="stretch",
    )


def initiatives_table(plan: Plan, number: int, first: date, last: date, *, review: bool = False) -> None:
    """The quarter's initiatives: what, focus area, owner, dates, budget, status; or, at a review,
    the decision per initiative."""
    quarter = plan.roadmap.quarter(number)
    frame = _frame(quarter.initiatives, Initiative, ("focus_area", "status", "decision"))

    def update(plan: Plan, table: pd.DataFrame) -> Plan:
        return set_quarter(
            plan, number, initiatives=initiatives_from_rows(table.to_dict("records"), first, last)
        )

    planning = {
        "name": st.column_config.TextColumn("Initiative", width="large", max_chars=300),
        "focus_area": st.column_config.SelectboxColumn("Focus area", options=focus_options(quarter)),
        "owner": st.column_config.TextColumn("Owner"),
        "start": st.column_config.DateColumn("Start", format="D MMM YYYY"),
        "due": st.column_config.DateColumn("Due", format="D MMM YYYY"),
        "budget": _money_column(f"Budget ({plan.currency})", plan.currency),
        "status": st.column_config.SelectboxColumn("Status", options=list(STATUSES)),
    }
    decisions = {
        "name": st.column_config.TextColumn("Initiative", width="large", disabled=True),
        "status": st.column_config.SelectboxColumn("Status", options=list(STATUSES)),
        "decision": st.column_config.SelectboxColumn("Decision", options=list(DECISIONS)),
        "decision_note": st.column_config.TextColumn("Why", width="large"),
    }
    _quarter_table(
        "Initiatives",
        f"roadmap_q{number}_{'decisions' if review else 'initiatives'}",
        frame,
        update,
        decisions if review else planning,
        review,
    )


def goals_table(plan: Plan, number: int, *, review: bool = False) -> None:
    """The quarter's SMART goals; at a review, their mid-quarter and final actuals."""
    quarter = plan.roadmap.quarter(number)
    funnel = plan.funnel.funnel()
    frame = _frame(quarter.goals, SmartGoal, ("metric", "kpi", "focus_area", "unit"))
    frame.insert(0, "goal", [goal_label(g) for g in quarter.goals])
    frame["target"] = [g.target for g in quarter.goals]

    def update(plan: Plan, table: pd.DataFrame) -> Plan:
        return set_quarter(plan, number, goals=rows_to(SmartGoal, table.to_dict("records"), label="metric"))

    metrics = list(dict.fromkeys([*goal_metrics(funnel), *(g.metric for g in quarter.goals if g.metric)]))
    number_column = st.column_config.NumberColumn
    planning = {
        "metric": st.column_config.SelectboxColumn("Metric", options=metrics, width="medium"),
        "kpi": st.column_config.SelectboxColumn(
            "Annual KPI", options=list(kpis(funnel)), help="The funnel stage or rate this goal serves."
        ),
        "focus_area": st.column_config.SelectboxColumn("Focus area", options=focus_options(quarter)),
        "baseline": number_column("Baseline", help="Rates in percent (1.5 is 1.5%), volumes as counts."),
        "change": number_column("Change", help="How far the metric should move, in the unit beside it."),
        "unit": st.column_config.SelectboxColumn(
            "Unit", options=list(UNIT_LABELS), help="pp: percentage points, added. %: relative percent."
        ),
        "target": number_column("Target", disabled=True, format="%.3g"),
        "deadline": st.column_config.DateColumn("Deadline", format="D MMM YYYY"),
        "owner": st.column_config.TextColumn("Owner"),
    }
    actuals = {
        "goal": st.column_config.TextColumn("Goal", disabled=True, width="medium"),
        "baseline": number_column("Baseline", disabled=True),
        "target": number_column("Target", disabled=True, format="%.3g"),
        "mid_actual": number_column("Mid-quarter actual"),
        "final_actual": number_column("Final actual"),
    }
    _quarter_table(
        "Goals",
        f"roadmap_q{number}_{'actuals' if review else 'goals'}",
        frame,
        update,
        actuals if review else planning,
        review,
    )


def hypotheses_table(plan: Plan, number: int) -> None:
    """Why each initiative should work: the rate it moves, from and to (in percent), and the assumption."""
    quarter = plan.roadmap.quarter(number)
    frame = _frame(quarter.hypotheses, Hypothesis, ("initiative", "transition"))
    for column in ("from_rate", "to_rate"):
        frame[column] = [None if v is None else round(v * 100, 6) for v in frame[column]]

    def update(plan: Plan, table: pd.DataFrame) -> Plan:
        return set_quarter(plan, number, hypotheses=hypotheses_from_rows(table.to_dict("records")))

    initiatives = list(dict.fromkeys(i.name for i in quarter.initiatives if i.name))
    percent = {"min_value": 0.0, "max_value": 100.0, "format": "%.2f%%"}
    bound_table(
        "Hypotheses",
        f"roadmap_q{number}_hypotheses",
        frame,
        update,
        num_rows="dynamic",
        hide_index=True,
        column_config={
            "initiative": st.column_config.SelectboxColumn("Initiative", options=initiatives, width="medium"),
            "transition": st.column_config.SelectboxColumn(
                "Rate it moves", options=plan.funnel.funnel().transitions()
            ),
            "from_rate": st.column_config.NumberColumn("From (%)", **percent),
            "to_rate": st.column_config.NumberColumn("To (%)", **percent),
            "assumption": st.column_config.TextColumn("Why it should work", width="large"),
        },
        width="stretch",
    )


def owners_table(plan: Plan, number: int) -> None:
    """Who champions the quarter's initiatives, their duties and reporting."""
    frame = _frame(plan.roadmap.quarter(number).owners, Owner)

    def update(plan: Plan, table: pd.DataFrame) -> Plan:
        return set_quarter(plan, number, owners=rows_to(Owner, table.to_dict("records")))

    bound_table(
        "Owners",
        f"roadmap_q{number}_owners",
        frame,
        update,
        num_rows="dynamic",
        hide_index=True,
        column_config={
            "name": st.column_config.TextColumn("Owner"),
            "duties": st.column_config.TextColumn("Duties and deadlines", width="large"),
            "reporting": st.column_config.TextColumn("Reports what, to whom, how often", width="large"),
        },
        width="stretch",
    )


def set_budget(field, convert=float):
    return lambda plan, value: set_roadmap(
        plan, replace(plan.roadmap, **{field: None if value is None else convert(value)})
    )


def set_focus(number):
    """Update the quarter's focus areas from a multiselect of names."""
    return lambda plan, names: set_quarter(
        plan, number, focus_areas=choose_focus(plan.roadmap.quarter(number).focus_areas, names)
    )


def allocations_from(table: pd.DataFrame):
    amounts = []
    for quarter, amount in zip(table["quarter"], table["allocation"], strict=True):
        if amount is None:
            raise ValueError(f"{quarter}'s allocation is empty; enter 0 or more, or split the budget evenly.")
        amounts.append(float(amount))
    return tuple(amounts)


def allocations_table(plan: Plan) -> None:
    """Each quarter's share of the annual budget, as amounts; editing one replaces the even split."""
    roadmap, money = plan.roadmap, plan.currency
    table = pd.DataFrame(
        {
            "quarter": [f"Q{n}" for n in (1, 2, 3, 4)],
            "allocation": [roadmap.allocation(n) for n in (1, 2, 3, 4)],
        }
    )
    bound_table(
        "Allocations",
        "roadmap_allocations",
        table,
        set_budget("allocations", allocations_from),
        hide_index=True,
        disabled=["quarter"],
        column_config={
            "quarter": "Quarter",
            "allocation": st.column_config.NumberColumn(
                f"Allocation ({money})", format="localized", step=1000.0
            ),
        },
    )
