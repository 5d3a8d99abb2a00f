"""The funnel as the user set it: rates, stages, today's volumes, costs, the stage editor, and last year's rates taken in."""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, model_validator

from planner.funnel import DEFAULT_RATES, DEFAULT_STAGES, Funnel, Lever, is_rate
from planner.money import format_rate
from planner.review import LastYearFunnel
from planner.validation import (
    LARGEST_AMOUNT,
    LARGEST_AMOUNT_WORDS,
    check_plausible,
    is_blank,
    number_or_none,
    replace,
)

# A new stage is reached at 100% so that adding it does not move the plan until its rate is set.
NEW_STAGE_RATE = 1.0
# The example a refused rate offers when the stages are the user's own.
EXAMPLE_RATE = 0.2

class FunnelInputs(Funnel):
    """The funnel as the user set it, plus today's volumes, costs and the forward view's start."""

    today: tuple[float | None, ...] | None = Field(
        None, description="What each stage produces per month today; None where unknown."
    )
    cost_per_unit: Annotated[float, AfterValidator(check_plausible)] | None = Field(
        None, gt=0, allow_inf_nan=False, description="Cost of one unit of the cost stage."
    )
    cost_stage_index: int = Field(1, ge=0, description="Stage the cost is per (1: Leads).")
    forward_top: Annotated[float, AfterValidator(check_plausible)] = Field(
        6000, ge=0, allow_inf_nan=False, description="Top-of-funnel volume for the forward view."
    )
    lever_mode: Lever = Field("points", description="Sensitivity step: percentage points or relative.")
    planned_top: Annotated[float, AfterValidator(check_plausible)] | None = Field(
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
            if volume is not None and volume > LARGEST_AMOUNT:
                raise ValueError(
                    f"stage {position}'s volume today must be at most {LARGEST_AMOUNT_WORDS}; got {volume:g}."
                )
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
        """The same inputs with one conversion rate changed (validated).

        A rate outside 0%–100% is refused with what to enter and an example for that stage (the
        worked example's rate where the funnel has the standard stages).
        """
        if not is_rate(rate):
            typical = DEFAULT_RATES[index] if self.stages == DEFAULT_STAGES else EXAMPLE_RATE
            raise ValueError(
                f"enter a conversion rate above 0% and at most 100%, for example {format_rate(typical)}."
            )
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
            notes.append(f"{problems[i].sentence} Kept {format_rate(current[i])}.")
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
