"""Two plans side by side: goals, what every stage must produce, and budget, with what differs."""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import pandas as pd

from planner.funnel import funnel_budget, transition_label
from planner.money import format_count, format_money, format_rate
from planner.plan import Plan, PlanTargets, plan_targets
from planner.roadmap import quarter_spend
from planner.validation import is_blank
from planner.words import counted

Kind = Literal["money", "count", "rate"]
COMPARISON_COLUMNS = ["section", "measure", "first", "second", "difference", "kind", "differs"]


@dataclass(frozen=True)
class Side:
    """One plan of the comparison with its targets, worked out once."""

    plan: Plan
    targets: PlanTargets


@dataclass(frozen=True)
class Measure:
    """One compared line: the same measure read from each plan (None where a plan has no such value)."""

    section: str
    measure: str
    first: float | None
    second: float | None
    kind: Kind


def _goal_rows(a: Side, b: Side) -> list[Measure]:
    lines: list[tuple[str, Callable[[Side], float], Kind]] = [
        ("Revenue goal", lambda s: s.targets.goal.revenue_goal, "money"),
        ("Expansion / upsell revenue", lambda s: s.targets.goal.expansion_revenue, "money"),
        ("Average first-year deal size", lambda s: s.plan.goals.avg_deal_size, "money"),
        ("New customers needed", lambda s: s.targets.goal.planned_customers, "count"),
        ("Customers marketing must source", lambda s: s.targets.goal.planned_marketing_customers, "count"),
    ]
    return [Measure("Goals", label, read(a), read(b), kind) for label, read, kind in lines]


def _stage_rows(a: Side, b: Side) -> list[Measure]:
    # Stages are matched by name: the first plan's order, then any stage only the second plan has.
    names = list(dict.fromkeys([*a.plan.funnel.stages, *b.plan.funnel.stages]))

    def needed(side: Side, name: str) -> float | None:
        monthly = side.targets.monthly
        return monthly.volumes[monthly.stages.index(name)] if name in monthly.stages else None

    return [Measure("Needed a month", name, needed(a, name), needed(b, name), "count") for name in names]


def _rate_rows(a: Side, b: Side) -> list[Measure]:
    def rates(side: Side) -> dict[str, float]:
        stages, rates = side.plan.funnel.stages, side.plan.funnel.rates
        return {
            transition_label(above, below): rate
            for (above, below), rate in zip(itertools.pairwise(stages), rates, strict=True)
        }

    first, second = rates(a), rates(b)
    return [
        Measure("Conversion rates", step, first.get(step), second.get(step), "rate")
        for step in dict.fromkeys([*first, *second])
    ]


def _funnel_budget(side: Side) -> float | None:
    funnel = side.plan.funnel
    if funnel.cost_per_unit is None:
        return None
    stage = funnel.stages[funnel.cost_stage_index]
    return funnel_budget(side.targets.yearly, funnel.cost_per_unit, stage).budget


def _budget_rows(a: Side, b: Side) -> list[Measure]:
    # One line per budget the plan holds: the funnel's demand-gen cost, the roadmap's budget and spend.
    def spend(side: Side) -> float:
        return sum(quarter_spend(q) for q in side.plan.roadmap.quarters)

    return [
        Measure(
            "Budget a year", "Demand-gen budget (funnel cost)", _funnel_budget(a), _funnel_budget(b), "money"
        ),
        Measure(
            "Budget a year", "Annual marketing budget (roadmap)", a.plan.roadmap.annual_budget,
            b.plan.roadmap.annual_budget, "money",
        ),
        Measure("Budget a year", "Initiatives planned (four quarters)", spend(a), spend(b), "money"),
    ]  # fmt: skip


SECTIONS: tuple[Callable[[Side, Side], list[Measure]], ...] = (
    _goal_rows,
    _stage_rows,
    _rate_rows,
    _budget_rows,
)


def _differs(first: float | None, second: float | None) -> bool:
    if first is None or second is None:
        return first is not second
    return not math.isclose(first, second, rel_tol=1e-9, abs_tol=1e-12)


def compare_plans(first: Plan, second: Plan) -> pd.DataFrame:
    """Every compared measure of two plans: values, second minus first, and whether they differ.

    Money is compared only in the same currency: across currencies the difference is left empty.
    """
    a, b = Side(first, plan_targets(first)), Side(second, plan_targets(second))
    same_currency = first.currency == second.currency
    rows = []
    for section in SECTIONS:
        for m in section(a, b):
            comparable = m.first is not None and m.second is not None and (m.kind != "money" or same_currency)
            rows.append(
                {
                    "section": m.section,
                    "measure": m.measure,
                    "first": m.first,
                    "second": m.second,
                    "difference": m.second - m.first if comparable else None,
                    "kind": m.kind,
                    "differs": _differs(m.first, m.second) or (m.kind == "money" and not same_currency),
                }
            )
    return pd.DataFrame(rows, columns=COMPARISON_COLUMNS)


def comparison_table(comparison: pd.DataFrame, first: Plan, second: Plan) -> pd.DataFrame:
    """The comparison as a reader sees it: formatted values, a signed difference, "—" where none."""

    def text(value: float | None, kind: Kind, code: str, signed: bool = False) -> str:
        if is_blank(value):
            return "—"
        if kind == "money":
            body = format_money(abs(value) if signed else value, code)
        elif kind == "rate":
            # A difference of two rates is in percentage points, never relative percent.
            body = f"{format_rate(abs(value)).removesuffix('%')} points" if signed else format_rate(value)
        else:
            body = format_count(abs(value) if signed else value)
        if not signed:
            return body
        return "no change" if value == 0 else f"{'+' if value > 0 else '−'}{body}"

    rows = comparison.astype(object).where(comparison.notna(), None)
    return pd.DataFrame(
        {
            "section": rows["section"],
            "measure": rows["measure"],
            "first": [text(v, k, first.currency) for v, k in zip(rows["first"], rows["kind"], strict=True)],
            "second": [
                text(v, k, second.currency) for v, k in zip(rows["second"], rows["kind"], strict=True)
            ],
            "difference": [
                text(v, k, second.currency, signed=True) if d else "same"
                for v, k, d in zip(rows["difference"], rows["kind"], rows["differs"], strict=True)
            ],
            "differs": rows["differs"].astype(bool),
        }
    )


def differences_said(table: pd.DataFrame) -> str:
    """How many measures of a comparison table differ, and how its differences read, in one caption."""
    differing, total = int(table["differs"].sum()), len(table)
    return (
        f"{differing} of {counted(total, 'measure')} differ{'s' if differing == 1 else ''} (highlighted). "
        "Differences are the second plan minus the first; rates differ in percentage points."
    )
