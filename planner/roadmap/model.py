"""The roadmap's models: the year's four quarters of focus areas, initiatives, SMART goals, hypotheses and owners."""

from __future__ import annotations

import math
from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from planner.validation import is_blank

STATUSES: tuple[str, ...] = ("planned", "in progress", "done", "scrapped")
DECISIONS: tuple[str, ...] = ("continue", "adjust", "scrap")
Status = Literal["planned", "in progress", "done", "scrapped"]
Decision = Literal["continue", "adjust", "scrap"]
# Percentage points (0.75% + 0.75 pp = 1.50%) or relative percent (0.75% + 0.75% = 0.756%).
ChangeUnit = Literal["pp", "%"]
UNIT_LABELS: dict[str, str] = {"pp": "percentage points (pp)", "%": "relative percent (%)"}


def changed_value(baseline: float, change: float, unit: ChangeUnit) -> float:
    """The value after the change: percentage points add, relative percent multiplies."""
    return baseline + change if unit == "pp" else baseline * (1 + change / 100)


class TableRow(BaseModel):
    """A table row: an empty cell (None, NaN or "") takes the field's default; text is trimmed."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    @model_validator(mode="before")
    @classmethod
    def _empty_cells_take_defaults(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        trimmed = {k: v.strip() if isinstance(v, str) else v for k, v in data.items()}
        return {k: v for k, v in trimmed.items() if not is_blank(v)}


class FocusArea(TableRow):
    """A focus area of one quarter; marked `carry_over`, it continues into the next quarter."""

    name: str
    carry_over: bool = False
    carried: bool = Field(False, description="Brought in by the quarter before's carry-over.")


class Initiative(TableRow):
    """One initiative: a one-or-two-sentence statement, its focus area, owner, dates, budget and review."""

    name: str = Field("", max_length=300, description="What will be done, in a sentence or two.")
    focus_area: str = ""
    owner: str = ""
    start: date | None = None
    due: date | None = None
    budget: float = Field(0.0, allow_inf_nan=False, description="What the initiative costs this quarter.")
    status: Status = "planned"
    decision: Decision | None = Field(None, description="At a review: continue, adjust or scrap.")
    decision_note: str = ""

    @field_validator("budget")
    @classmethod
    def _budget_not_negative(cls, budget: float) -> float:
        if budget < 0:
            raise ValueError(f"must be 0 or more; got {budget:,.0f}.")
        return budget

    @model_validator(mode="after")
    def _due_after_start(self) -> Initiative:
        if self.start and self.due and self.due < self.start:
            raise ValueError(
                f"the due date {self.due.isoformat()} is before the start {self.start.isoformat()}; "
                "move one of them."
            )
        return self


class SmartGoal(TableRow):
    """A quantified goal: metric, baseline, change (pp or relative %), deadline, owner and review actuals.

    Rates are written in percent as a marketer reads them (1.5 is 1.5%), volumes as counts.
    """

    metric: str = ""
    kpi: str = Field("", description="The annual KPI (a funnel stage or rate) the goal serves.")
    focus_area: str = ""
    baseline: float | None = Field(None, allow_inf_nan=False)
    change: float | None = Field(None, allow_inf_nan=False)
    unit: ChangeUnit = "%"
    deadline: date | None = None
    owner: str = ""
    mid_actual: float | None = Field(None, allow_inf_nan=False)
    final_actual: float | None = Field(None, allow_inf_nan=False)
    carried: bool = Field(False, description="Carried over from the quarter before.")

    @property
    def target(self) -> float | None:
        """The value the goal aims at, or None while it has no number."""
        if self.baseline is None or self.change is None:
            return None
        return changed_value(self.baseline, self.change, self.unit)

    @property
    def latest_actual(self) -> float | None:
        return self.final_actual if self.final_actual is not None else self.mid_actual


class Hypothesis(TableRow):
    """Why an initiative should work: the funnel rate it moves, from what to what, and the assumption."""

    initiative: str = ""
    transition: str = Field("", description="The funnel rate it moves, e.g. 'Website visits → Leads'.")
    from_rate: float | None = Field(None, gt=0, le=1, allow_inf_nan=False, description="A fraction.")
    to_rate: float | None = Field(None, gt=0, le=1, allow_inf_nan=False, description="A fraction.")
    assumption: str = ""


class Owner(TableRow):
    """Who champions initiatives, their duties and how they report."""

    name: str = ""
    duties: str = ""
    reporting: str = ""


class Quarter(BaseModel):
    """One 90-day roadmap."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    focus_areas: tuple[FocusArea, ...] = ()
    initiatives: tuple[Initiative, ...] = ()
    goals: tuple[SmartGoal, ...] = ()
    hypotheses: tuple[Hypothesis, ...] = ()
    owners: tuple[Owner, ...] = ()
    review_notes: str = ""

    @property
    def focus_names(self) -> list[str]:
        return [area.name for area in self.focus_areas]


class Roadmap(BaseModel):
    """The year as four quarters, with the annual budget, its quarterly split and the checks' limits."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    quarters: tuple[Quarter, Quarter, Quarter, Quarter] = (Quarter(), Quarter(), Quarter(), Quarter())
    annual_budget: float | None = Field(None, ge=0, allow_inf_nan=False)
    allocations: tuple[float, float, float, float] | None = Field(
        None, description="Each quarter's share of the annual budget as an amount; None: even."
    )
    max_initiative_share: float = Field(
        0.25,
        gt=0,
        le=1,
        allow_inf_nan=False,
        description="Largest share of the annual budget one initiative may take.",
    )
    max_quarterly_lift: float = Field(
        1.0,
        gt=0,
        allow_inf_nan=False,
        description="Largest relative change a goal may plan in one quarter (1.0: doubling).",
    )

    @field_validator("allocations")
    @classmethod
    def _allocations_not_negative(cls, allocations):
        for quarter, amount in enumerate(allocations or (), start=1):
            if not (math.isfinite(amount) and amount >= 0):
                raise ValueError(f"Q{quarter}'s allocation must be 0 or more; got {amount:,.0f}.")
        return allocations

    def allocation(self, quarter: int) -> float | None:
        """Quarter 1–4's allocation: the one set, or an even quarter of the annual budget."""
        if self.allocations is not None:
            return self.allocations[quarter - 1]
        return None if self.annual_budget is None else self.annual_budget / 4

    def quarter(self, quarter: int) -> Quarter:
        return self.quarters[quarter - 1]

    def with_quarter(self, quarter: int, **changes: Any) -> Roadmap:
        """The roadmap with some parts of quarter 1–4 replaced (validated)."""
        quarters = list(self.quarters)
        quarters[quarter - 1] = Quarter.model_validate({**quarters[quarter - 1].model_dump(), **changes})
        return Roadmap.model_validate(
            {**self.model_dump(), "quarters": tuple(q.model_dump() for q in quarters)}
        )
