"""The working plan: one model holding everything a user typed, and the targets it implies."""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence
from typing import Any, TypeVar

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from planner.abm import AbmSettings
from planner.fiscal import check_start_month, quarter_dates
from planner.funnel import (
    DEFAULT_RATES,
    DEFAULT_STAGES,
    Funnel,
    FunnelVolumes,
    Lever,
    back_solve,
    forward,
)
from planner.goals import GoalInputs, GoalPlan, plan_goals
from planner.money import CurrencyCode, format_count
from planner.review import LastYear, LastYearFunnel, VerdictRules
from planner.roadmap import Roadmap, follow_actuals, move_dates, set_carry_over
from planner.roadmap.example import example_roadmap
from planner.validation import is_blank, number_or_none

# Bump with an entry in planner.io.plan_file.MIGRATIONS that upgrades the previous version's dicts.
SCHEMA_VERSION = 2
# A new stage is reached at 100% so that adding it does not move the plan until its rate is set.
NEW_STAGE_RATE = 1.0

Model = TypeVar("Model", bound=BaseModel)


def replace(model: Model, **changes: Any) -> Model:
    """A validated copy of a frozen model with some fields changed (`model_copy` skips validation)."""
    return type(model).model_validate({**model.model_dump(), **changes})


class FunnelInputs(Funnel):
    """The funnel as the user set it, plus today's volumes, costs and the forward view's start."""

    today: tuple[float | None, ...] | None = Field(
        None, description="What each stage produces per month today; None where unknown."
    )
    cost_per_unit: float | None = Field(
        None, gt=0, allow_inf_nan=False, description="Cost of one unit of the cost stage."
    )
    cost_stage_index: int = Field(1, ge=0, description="Stage the cost is per (1: Leads).")
    forward_top: float = Field(
        6000, ge=0, allow_inf_nan=False, description="Top-of-funnel volume for the forward view."
    )
    lever_mode: Lever = Field("points", description="Sensitivity step: percentage points or relative.")
    planned_top: float | None = Field(
        None,
        ge=0,
        allow_inf_nan=False,
        description="Monthly top-of-funnel volume the team plans; None: the required one.",
    )
    rate_uncertainty: float = Field(
        0.0,
        ge=0,
        le=1,
        allow_inf_nan=False,
        description="Relative standard deviation of every rate (0.2 is ±20%).",
    )
    last_year_counts: tuple[float, ...] | None = Field(
        None, description="Last year's volume per stage, for rate uncertainty from real counts."
    )

    @field_validator("today")
    @classmethod
    def _today_not_negative(cls, today: tuple[float | None, ...] | None):
        for position, volume in enumerate(today or (), start=1):
            if volume is not None and not (math.isfinite(volume) and volume >= 0):
                raise ValueError(f"stage {position}'s volume today must be 0 or more; got {volume}.")
        return today

    @model_validator(mode="after")
    def _lengths_match_stages(self) -> FunnelInputs:
        if self.today is not None and len(self.today) != len(self.stages):
            raise ValueError(
                f"today: {len(self.stages)} stages need {len(self.stages)} volumes; got {len(self.today)}."
            )
        if self.cost_stage_index >= len(self.stages):
            raise ValueError(
                f"cost_stage_index: choose a stage from 0 to {len(self.stages) - 1}; "
                f"got {self.cost_stage_index}."
            )
        return self

    def funnel(self) -> Funnel:
        return Funnel(stages=self.stages, rates=self.rates, lags_days=self.lags_days)

    def planned_top_or(self, required: float) -> float:
        """The monthly top-of-funnel volume the team plans: as set, else today's, else `required`."""
        if self.planned_top is not None:
            return self.planned_top
        return self.top_today or required

    @property
    def top_today(self) -> float | None:
        """What the top of the funnel produces a month today; None when unknown or nothing."""
        return self.today[0] if self.today and self.today[0] else None

    def with_rate(self, index: int, rate: float) -> FunnelInputs:
        """The same inputs with one conversion rate changed (validated)."""
        rates = list(self.rates)
        rates[index] = rate
        return replace(self, rates=tuple(rates))


class StageRow(BaseModel):
    """One row of the stage editor: a stage, where it came from, and its per-stage inputs."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    source: int | None = Field(None, description="Position of this stage before the edit; None if new.")
    today: float | None = None
    lag_days: float | None = Field(None, description="Days from the stage above to this one.")


def stage_rows(inputs: FunnelInputs) -> list[StageRow]:
    """The funnel's stages as editor rows."""
    lags = inputs.lags_days or (0.0,) * len(inputs.rates)
    today = inputs.today or (None,) * len(inputs.stages)
    return [
        StageRow(name=name, source=i, today=today[i], lag_days=None if i == 0 else lags[i - 1])
        for i, name in enumerate(inputs.stages)
    ]


def stage_rows_from_table(records: Sequence[Mapping[str, Any]]) -> list[StageRow]:
    """The stage editor's rows (`name`, `source`, `today`, `lag_days`, blank cells as None) as models."""
    return [
        StageRow(
            name=str(record.get("name") or ""),
            source=None if is_blank(record.get("source")) else int(record["source"]),
            today=number_or_none(record.get("today")),
            lag_days=number_or_none(record.get("lag_days")),
        )
        for record in records
    ]


def edit_stages(inputs: FunnelInputs, rows: Sequence[StageRow]) -> FunnelInputs:
    """The funnel after renaming, adding or removing stages in the editor.

    Rows carry `source`, their position before the edit, so renamed stages keep their rates.
    A stage that existed before is reached at the product of the old rates since the nearest
    earlier stage that also existed, so removing or inserting a stage keeps the overall
    conversion; a new stage is reached at 100% until the user sets its rate.
    """
    rates, lags = [], []
    # Source of the nearest stage above that existed before the edit, for each row.
    kept_above: int | None = None
    for above, below in itertools.pairwise(rows):
        if above.source is not None:
            kept_above = above.source
        rate = NEW_STAGE_RATE
        if below.source is not None and kept_above is not None and kept_above < below.source:
            rate = math.prod(inputs.rates[kept_above : below.source])
        rates.append(rate)
        lags.append(below.lag_days or 0.0)
    today = tuple(row.today for row in rows)
    return FunnelInputs(
        stages=tuple(row.name or "" for row in rows),
        rates=tuple(rates),
        lags_days=tuple(lags) if any(lags) else None,
        today=today if any(v is not None for v in today) else None,
        cost_per_unit=inputs.cost_per_unit,
        cost_stage_index=_cost_stage_after_edit(inputs.cost_stage_index, rows),
        forward_top=inputs.forward_top,
        lever_mode=inputs.lever_mode,
        planned_top=inputs.planned_top,
        rate_uncertainty=inputs.rate_uncertainty,
    )


def _cost_stage_after_edit(old_index: int, rows: Sequence[StageRow]) -> int:
    # The cost stays on the stage it was on, wherever that stage moved; if it was removed, Leads (or the top).
    sources = [row.source for row in rows]
    if old_index in sources:
        return sources.index(old_index)
    return min(1, len(rows) - 1)


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
    # Optional and last, so plans saved before it existed (schema 1 and 2) load without a migration.
    last_year: LastYear | None = None

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


def example_plan() -> Plan:
    """The domain brief's worked example: $10M goal, $1.1M deals, 6,000 visits a month today,
    and a ready quarterly roadmap on a $100,000 annual budget."""
    today = forward(6000, DEFAULT_RATES).volumes
    plan = Plan(
        name="Worked example: $10M inbound goal",
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


def apply_last_year(
    inputs: FunnelInputs, last: LastYearFunnel, lags_days: Sequence[float | None] | None = None
) -> tuple[FunnelInputs, list[str]]:
    """The funnel with last year's rates, monthly volumes as "today" and, if given, real lags.

    The funnel takes the standard six stages. A rate last year's data cannot give (no sessions
    in a CRM export, 0%, above 100%) keeps the plan's current rate, or the default; the notes
    say which and why.
    """
    current = inputs.rates if inputs.stages == DEFAULT_STAGES else DEFAULT_RATES
    problems = {problem.transition: problem for problem in last.problems()}
    rates, notes = [], []
    for i, rate in enumerate(last.rates):
        if i in problems:
            rates.append(current[i])
            notes.append(f"{problems[i].sentence} Kept {current[i]:.2%}.")
        else:
            rates.append(rate)
    today = tuple(None if math.isnan(v) else v for v in last.monthly())
    current_lags = (
        inputs.lags_days if inputs.stages == DEFAULT_STAGES and inputs.lags_days else (0.0,) * len(rates)
    )
    if lags_days is not None:
        # A lag the CRM could not measure keeps the plan's own.
        lags_days = tuple(c if new is None else new for new, c in zip(lags_days, current_lags, strict=True))
    updated = FunnelInputs(
        stages=DEFAULT_STAGES,
        rates=tuple(rates),
        lags_days=lags_days
        if lags_days is not None
        else (inputs.lags_days if inputs.stages == DEFAULT_STAGES else None),
        today=today,
        cost_per_unit=inputs.cost_per_unit,
        cost_stage_index=inputs.cost_stage_index if inputs.stages == DEFAULT_STAGES else 1,
        forward_top=inputs.forward_top,
        lever_mode=inputs.lever_mode,
        planned_top=inputs.planned_top,
        rate_uncertainty=inputs.rate_uncertainty,
        last_year_counts=_usable_counts(last.volumes),
    )
    return updated, notes


def _usable_counts(volumes: tuple[float, ...]) -> tuple[float, ...] | None:
    # Counts can carry rate uncertainty only if every stage is known, above 0 and no larger than the one above.
    known = all(math.isfinite(v) and v > 0 for v in volumes)
    ordered = all(below <= above for above, below in itertools.pairwise(volumes))
    return volumes if known and ordered else None


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
