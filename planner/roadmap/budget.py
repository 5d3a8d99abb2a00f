"""Budget and focus flags: an initiative, a quarter or the year over budget, and a quarter with too many focus areas."""

from __future__ import annotations

from typing import Literal

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field

from planner.money import format_money
from planner.roadmap.model import Quarter, Roadmap

# One or two focus areas a quarter; a third over-commits a 90-day plan.
MAX_FOCUS_AREAS = 2
# Amounts within a cent of a limit are within it (sums of floats carry noise).
CENT = 0.005


FlagKind = Literal[
    "initiative over allocation",
    "initiative over share",
    "quarter over allocation",
    "allocations over budget",
    "year over budget",
    "too many focus areas",
]
# Where a flag shows: at the initiatives table, with the quarter's or the year's totals, or at the focus areas.
FlagScope = Literal["initiative", "quarter", "year", "focus"]
FLAG_SCOPES: dict[FlagKind, FlagScope] = {
    "initiative over allocation": "initiative",
    "initiative over share": "initiative",
    "quarter over allocation": "quarter",
    "allocations over budget": "year",
    "year over budget": "year",
    "too many focus areas": "focus",
}


class Flag(BaseModel):
    """A problem the roadmap shows where it applies: the quarter (0 for the year) and one sentence."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    quarter: int = Field(ge=0, le=4)
    kind: FlagKind
    message: str

    @property
    def scope(self) -> FlagScope:
        """What the flag is about: one initiative, a quarter's total, the year, or the focus areas."""
        return FLAG_SCOPES[self.kind]


def whole_money(amount: float, currency: str) -> str:
    """An amount in whole units for budget sentences and tables ($12,000, not $12.0K beside $6,000)."""
    return format_money(amount, currency, compact=False).removesuffix(".00")


def quarter_spend(quarter: Quarter) -> float:
    """What the quarter's initiatives cost together."""
    return sum(initiative.budget for initiative in quarter.initiatives)


class QuarterBudget(BaseModel):
    """A quarter's spend against its allocation (None without an annual budget or allocations)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    quarter: int = Field(ge=1, le=4)
    spend: float
    allocation: float | None

    @property
    def left(self) -> float | None:
        """The allocation left after the spend; below 0 when the quarter is over it."""
        return None if self.allocation is None else self.allocation - self.spend

    def delta(self, currency: str = "USD") -> str | None:
        """'$9.0K left' or '−$6.0K over' (a leading minus, so a metric shows it red); None without an allocation."""
        if self.left is None:
            return None
        if self.left >= 0:
            return f"{format_money(self.left, currency)} left"
        return f"−{format_money(-self.left, currency)} over"


def quarter_budget(roadmap: Roadmap, quarter: int) -> QuarterBudget:
    """Quarter 1–4's spend, allocation and what is left of it."""
    return QuarterBudget(
        quarter=quarter, spend=quarter_spend(roadmap.quarter(quarter)), allocation=roadmap.allocation(quarter)
    )


def budget_flags(roadmap: Roadmap, currency: str = "USD") -> list[Flag]:
    """Every budget problem: an initiative bigger than its quarter's allocation or than the allowed
    share of the annual budget, a quarter over its allocation, allocations or the year over budget."""
    flags: list[Flag] = []

    def flag(quarter: int, kind: FlagKind, message: str) -> None:
        flags.append(Flag(quarter=quarter, kind=kind, message=message))

    def money(amount: float) -> str:
        return whole_money(amount, currency)

    annual, share = roadmap.annual_budget, roadmap.max_initiative_share
    if annual is not None and roadmap.allocations is not None and sum(roadmap.allocations) > annual + CENT:
        total = sum(roadmap.allocations)
        flag(0, "allocations over budget", f"The quarterly allocations add up to {money(total)}, "
             f"{money(total - annual)} more than the annual budget of {money(annual)}; lower them or raise the budget.")  # fmt: skip
    for number, quarter in enumerate(roadmap.quarters, start=1):
        allocation = roadmap.allocation(number)
        for item in quarter.initiatives:
            name, cost = item.name or "An unnamed initiative", money(item.budget)
            if allocation is not None and item.budget > allocation + CENT:
                flag(number, "initiative over allocation",
                     f"'{name}' costs {cost}, more than Q{number}'s whole allocation of {money(allocation)}.")  # fmt: skip
            if annual and item.budget > share * annual + CENT:
                flag(number, "initiative over share", f"'{name}' costs {cost}, {item.budget / annual:.0%} of the "
                     f"{money(annual)} annual budget (limit {share:.0%}): rethink the quarter's scope or make "
                     "a data-backed case for the spend.")  # fmt: skip
        spend = quarter_spend(quarter)
        if allocation is not None and spend > allocation + CENT:
            flag(number, "quarter over allocation", f"Q{number}'s initiatives cost {money(spend)}, "
                 f"{money(spend - allocation)} over its allocation of {money(allocation)}.")  # fmt: skip
    year = sum(quarter_spend(q) for q in roadmap.quarters)
    if annual is not None and year > annual + CENT:
        flag(0, "year over budget", f"The four quarters cost {money(year)}, {money(year - annual)} over the "
             f"annual budget of {money(annual)}.")  # fmt: skip
    return flags


def focus_flags(roadmap: Roadmap) -> list[Flag]:
    """Quarters with more than two focus areas: over-committing a 90-day plan."""
    return [
        Flag(
            quarter=number,
            kind="too many focus areas",
            message=f"Q{number} has {len(quarter.focus_areas)} focus areas ({', '.join(quarter.focus_names)}): "
            f"more than {MAX_FOCUS_AREAS} over-commits a 90-day plan; keep one or two.",
        )
        for number, quarter in enumerate(roadmap.quarters, start=1)
        if len(quarter.focus_areas) > MAX_FOCUS_AREAS
    ]


def budget_table(roadmap: Roadmap) -> pd.DataFrame:
    """Spend per quarter and focus area, for the stacked budget chart: `quarter`, `focus_area`, `budget`."""
    rows = [
        {
            "quarter": f"Q{number}",
            "focus_area": initiative.focus_area or "No focus area",
            "budget": initiative.budget,
        }
        for number, quarter in enumerate(roadmap.quarters, start=1)
        for initiative in quarter.initiatives
    ]
    frame = pd.DataFrame(rows, columns=["quarter", "focus_area", "budget"])
    return frame.groupby(["quarter", "focus_area"], as_index=False, sort=False)["budget"].sum()
