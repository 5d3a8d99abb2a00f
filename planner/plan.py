"""The working plan: one model holding everything a user typed, and the targets it implies."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from planner.abm import AbmSettings
from planner.abm.kept import AbmFiles
from planner.budget.settings import BudgetSettings
from planner.fiscal import check_start_month, quarter_dates
from planner.funnel import DEFAULT_RATES, FunnelVolumes, back_solve, forward
from planner.funnel_inputs import (
    NEW_STAGE_RATE,
    FunnelInputs,
    StageRow,
    apply_last_year,
    edit_stages,
    stage_rows,
    stage_rows_from_table,
)
from planner.goals import GoalInputs, GoalPlan, plan_goals
from planner.money import CurrencyChange, CurrencyCode, format_count
from planner.review import LastYear, LastYearData, SourceKind, VerdictRules
from planner.roadmap import Roadmap, follow_actuals, move_dates, set_carry_over
from planner.roadmap.example import example_roadmap
from planner.validation import LARGEST_AMOUNT, LARGEST_AMOUNT_WORDS, replace

# FunnelInputs and the stage editor live in planner.funnel_inputs; scripts still import them from here.
__all__ = [
    "EXAMPLE_NAME",
    "NEW_STAGE_RATE",
    "SCHEMA_VERSION",
    "FunnelInputs",
    "Plan",
    "PlanTargets",
    "StageRow",
    "Traffic",
    "apply_last_year",
    "edit_stages",
    "example_plan",
    "plan_targets",
    "remove_last_year",
    "replace",
    "roadmap_traffic",
    "set_carry",
    "set_fiscal_year",
    "set_last_year",
    "set_quarter",
    "set_roadmap",
    "stage_rows",
    "stage_rows_from_table",
    "targets_table",
]

# Bump with an entry in planner.io.plan_file.MIGRATIONS that upgrades the previous version's dicts.
SCHEMA_VERSION = 4


class Plan(BaseModel):
    """Everything one marketing plan holds; the single source of truth for every page."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    schema_version: int = SCHEMA_VERSION
    name: str = Field("FY2027 marketing plan", min_length=1, max_length=80)
    currency: CurrencyCode = "USD"
    fiscal_year: int = Field(2027, ge=2000, le=2100)
    fiscal_year_start_month: int = 1
    goals: GoalInputs = GoalInputs()
    funnel: FunnelInputs = FunnelInputs()
    review_rules: VerdictRules = VerdictRules()
    roadmap: Roadmap = Roadmap()
    abm: AbmSettings = AbmSettings()
    last_year: LastYearData = Field(
        LastYearData(), description="Last year's channel table and CRM export, as far as loaded."
    )
    abm_files: AbmFiles | None = Field(None, description="The ABM files as last loaded; None: not loaded.")
    currency_change: CurrencyChange | None = Field(
        None, description="The last change of currency, and whether it converted the amounts."
    )
    budget: BudgetSettings = Field(
        BudgetSettings(), description="The channel budget: bounds, exponents, the chosen total, what was applied."
    )

    @field_validator("name")
    @classmethod
    def _name_has_text(cls, name: str) -> str:
        if not name.strip():
            raise ValueError("give the plan a name.")
        return name.strip()

    @field_validator("fiscal_year_start_month")
    @classmethod
    def _valid_month(cls, month: int) -> int:
        return check_start_month(month)

    @model_validator(mode="after")
    def _volumes_plausible(self) -> Plan:
        # Rates in (0, 1] can still multiply to nothing (1e-300 twice): the visits the goal then
        # needs overflow to infinity, which no table, chart or slide can show.
        needed = back_solve(plan_goals(self.goals).planned_marketing_customers, self.funnel.rates).top
        if not needed <= LARGEST_AMOUNT:
            raise ValueError(
                f"at this goal and these conversion rates the plan needs {needed:.3g} "
                f"{self.funnel.stages[0].lower()} a year, more than {LARGEST_AMOUNT_WORDS}; "
                "lower the goal or raise the rates."
            )
        return self


# The worked example's name states no figure, so it stays true when the goal or the deal changes.
EXAMPLE_NAME = "Worked example: inbound plan"


def example_plan() -> Plan:
    """The method's worked example: $10M goal, $1.1M deals, 6,000 visits a month today,
    and a ready quarterly roadmap on a $100,000 annual budget."""
    today = forward(6000, DEFAULT_RATES).volumes
    plan = Plan(
        name=EXAMPLE_NAME,
        funnel=FunnelInputs(today=today, lags_days=(0, 7, 14, 14, 90)),
    )
    return set_roadmap(plan, example_roadmap(plan.fiscal_year, plan.fiscal_year_start_month, plan.funnel))


def set_fiscal_year(plan: Plan, year: int | None = None, start_month: int | None = None) -> Plan:
    """The plan in another fiscal year or with another start month; the roadmap's dates move
    with their quarters, so nothing the user planned falls outside its quarter."""
    year = plan.fiscal_year if year is None else year
    start_month = plan.fiscal_year_start_month if start_month is None else start_month
    moved = replace(plan, fiscal_year=year, fiscal_year_start_month=start_month)
    before = [quarter_dates(plan.fiscal_year, q, plan.fiscal_year_start_month) for q in (1, 2, 3, 4)]
    after = [quarter_dates(year, q, start_month) for q in (1, 2, 3, 4)]
    return replace(moved, roadmap=move_dates(plan.roadmap, before, after))


def set_last_year(plan: Plan, source: LastYear) -> Plan:
    """The plan holding `source` (a channel table or a CRM export) in its place; the other source stays."""
    return replace(plan, last_year=plan.last_year.with_source(source))


def remove_last_year(plan: Plan, kind: SourceKind) -> Plan:
    """The plan without one of last year's sources; rates already taken into the funnel stay."""
    return replace(plan, last_year=plan.last_year.without(kind))


def set_roadmap(plan: Plan, roadmap: Roadmap) -> Plan:
    """The plan with a new roadmap; goals carried into a quarter follow their source's latest actuals."""
    return replace(plan, roadmap=follow_actuals(roadmap))


def set_carry(plan: Plan, quarter: int, names: Sequence[str]) -> Plan:
    """The plan with exactly `names` of quarter 1–3's focus areas carried into the next quarter."""
    carried = set_carry_over(plan.roadmap, quarter, names, plan.fiscal_year, plan.fiscal_year_start_month)
    return set_roadmap(plan, carried)


def set_quarter(plan: Plan, quarter: int, **changes: Any) -> Plan:
    """The plan with parts of quarter 1–4 of its roadmap replaced (validated, carried over)."""
    return set_roadmap(plan, plan.roadmap.with_quarter(quarter, **changes))


class PlanTargets(BaseModel):
    """What the plan needs: customers from the goal, and every stage's volume per month and year."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    goal: GoalPlan
    monthly: FunnelVolumes
    yearly: FunnelVolumes
    monthly_customers: tuple[float, ...]


def plan_targets(plan: Plan) -> PlanTargets:
    """Back-solve the funnel from the customers marketing must source (average month and year)."""
    goal = plan_goals(plan.goals)
    yearly = back_solve(goal.planned_marketing_customers, plan.funnel.rates, plan.funnel.stages)
    return PlanTargets(
        goal=goal,
        monthly=yearly.scaled(1 / 12),
        yearly=yearly,
        monthly_customers=tuple(goal.monthly_marketing_customers()),
    )


def targets_table(targets: PlanTargets) -> pd.DataFrame:
    """Every stage's target: rate, exact per month and per year, and whole units for the year."""
    frame = targets.monthly.to_frame().rename(columns={"volume": "per_month"})
    frame["per_year"] = targets.yearly.volumes
    frame["per_year_whole"] = targets.yearly.whole_units()
    return frame


class Traffic(BaseModel):
    """The top-of-funnel volume a month the roadmap prices hypotheses at, and where it comes from."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    volume: float
    basis: str


def roadmap_traffic(plan: Plan) -> Traffic:
    """Today's top-of-funnel volume where the plan knows it, else the volume the plan needs."""
    top = plan.funnel.stages[0].lower()
    if plan.funnel.top_today:
        return Traffic(
            volume=plan.funnel.top_today,
            basis=f"from today's {format_count(plan.funnel.top_today)} {top} a month",
        )
    needed = plan_targets(plan).monthly.top
    return Traffic(volume=needed, basis=f"from the {format_count(needed)} {top} a month the plan needs")
