"""Revenue goals: the new customers a goal needs, net of what existing customers bring."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Annotated, Literal

import pandas as pd
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, model_validator

from planner.fiscal import month_labels
from planner.money import format_count, format_money
from planner.rounding import round_down, round_up
from planner.validation import (
    SMALLEST_GOAL,
    check_amount,
    check_fraction,
    check_plausible,
    number_or_none,
    replace,
)
from planner.words import counted

Amount = Annotated[float, Field(ge=0, allow_inf_nan=False), AfterValidator(check_plausible)]
# Goals and deal sizes: above 0 first (the rule a user mostly breaks), then within 1 to ten trillion.
PositiveAmount = Annotated[
    float, Field(gt=0, allow_inf_nan=False), AfterValidator(lambda v: check_plausible(v, low=SMALLEST_GOAL))
]

Rounding = Literal["up", "exact", "down"]
ROUNDING_LABELS: dict[str, str] = {
    "up": "Whole customers, rounded up (meets the goal)",
    "exact": "Exact, fractional customers",
    "down": "Whole customers, rounded down (misses the goal)",
}
# The same choice inside a sentence ("… the 0.83 customers a month the goal needs (whole customers,
# rounded up, …)").
ROUNDING_WORDS: dict[str, str] = {
    "up": "whole customers, rounded up",
    "exact": "exact, fractional customers",
    "down": "whole customers, rounded down",
}


def customers_needed(revenue_target: float, avg_deal_size: float) -> float:
    """Exact number of new customers that bring `revenue_target` at `avg_deal_size` each."""
    revenue_target = check_amount("revenue_target", revenue_target)
    return revenue_target / check_amount("avg_deal_size", avg_deal_size, positive=True)


def monthly_split(total: float, weights: Sequence[float] | None = None) -> list[float]:
    """`total` spread over 12 months: evenly, or in proportion to 12 seasonality weights."""
    total = check_amount("total", total)
    weights = check_seasonality(weights) if weights is not None else [1.0] * 12
    weight_sum = sum(weights)
    return [total * w / weight_sum for w in weights]


def check_seasonality(weights: Sequence[float]) -> list[float]:
    """The 12 seasonality weights, refused unless all are finite, 0 or more, and not all 0."""
    weights = list(weights)
    if len(weights) != 12:
        raise ValueError(f"seasonality needs exactly 12 monthly weights, one per month; got {len(weights)}.")
    for month, weight in enumerate(weights, start=1):
        if not (isinstance(weight, int | float) and math.isfinite(weight) and weight >= 0):
            raise ValueError(f"seasonality weight for month {month} must be 0 or more; got {weight}.")
    if sum(weights) <= 0:
        raise ValueError("seasonality weights must not all be 0; give at least one month a positive weight.")
    return weights


def seasonality_from_table(months: Sequence[str], weights: Sequence[float | None]) -> tuple[float, ...]:
    """The seasonality editor's weights, one per month label, refused by month when one is empty."""
    values = []
    for month, weight in zip(months, weights, strict=True):
        number = number_or_none(weight)
        if number is None:
            raise ValueError(f"the weight for {month} is empty; enter 0 or more.")
        values.append(number)
    return tuple(values)


class GoalInputs(BaseModel):
    """What leadership and sales agreed: the revenue goal and what a new customer is worth."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    target_mode: Literal["amount", "growth"] = "amount"
    revenue_target: PositiveAmount = Field(
        10_000_000, title="Revenue goal", description="New revenue the year must bring."
    )
    baseline_revenue: PositiveAmount | None = Field(
        None,
        title="Last year's new revenue",
        description="What last year's new customers brought; a growth goal is this times (1 + growth).",
    )
    baseline_source: Literal["typed", "last year"] = Field(
        "typed", description="Whether the base was typed or taken from last year's data in the plan."
    )
    growth_rate: float = Field(0.10, title="Growth over last year", description="Fraction: 0.10 is +10%.")
    expansion_mode: Literal["amount", "share"] = "amount"
    expansion_revenue: Amount = Field(
        0, title="Expansion / upsell revenue", description="Revenue existing customers bring."
    )
    expansion_share: float = Field(0, title="Expansion / upsell share of the goal")
    referral_share: float = Field(
        0,
        title="Referral share of new customers",
        description="Fraction of new customers that come through referrals and skip the funnel.",
    )
    avg_deal_size: PositiveAmount = Field(
        1_100_000,
        title="Average first-year deal size",
        description="First-year revenue of an average new customer.",
    )
    seasonal: bool = Field(False, title="Seasonal months", description="Off: every month is a twelfth.")
    seasonality: tuple[float, ...] = Field(
        (1.0,) * 12, title="Seasonality", description="12 monthly weights, used when `seasonal` is on."
    )
    rounding: Rounding = "up"

    @field_validator("growth_rate")
    @classmethod
    def _growth_in_range(cls, value: float) -> float:
        return check_fraction(value, high=10, include_low=False, include_high=True)

    @field_validator("expansion_share", "referral_share")
    @classmethod
    def _share_below_all(cls, value: float) -> float:
        return check_fraction(value)

    @field_validator("seasonality")
    @classmethod
    def _twelve_weights(cls, value: tuple[float, ...]) -> tuple[float, ...]:
        return tuple(check_seasonality(value))

    @model_validator(mode="after")
    def _expansion_below_goal(self) -> GoalInputs:
        if self.target_mode == "growth" and self.baseline_revenue is None:
            raise ValueError(
                "A growth goal needs last year's new revenue: enter it (for example 7,450,000), or load last "
                "year's channel table on the Last-year review page."
            )
        if self.expansion_mode == "amount" and self.expansion_revenue >= self.revenue_goal():
            raise ValueError(
                f"Expansion / upsell revenue ({format_money(self.expansion_revenue)}) covers the whole "
                f"revenue goal ({format_money(self.revenue_goal())}); lower it below the goal or raise the goal."
            )
        return self

    def revenue_goal(self) -> float:
        """New revenue the year must bring: the amount, or last year's new revenue grown by the growth rate."""
        if self.target_mode == "growth" and self.baseline_revenue is not None:
            return self.baseline_revenue * (1 + self.growth_rate)
        return self.revenue_target

    def expansion_amount(self) -> float:
        """Revenue existing customers bring through upsell and cross-sell."""
        if self.expansion_mode == "share":
            return self.revenue_goal() * self.expansion_share
        return self.expansion_revenue


def with_target_mode(inputs: GoalInputs, mode: str, last_years_revenue: float | None) -> GoalInputs:
    """The goal as an amount or as growth; a growth goal is based on last year's new revenue when the
    plan holds it, else on the base typed before (refused, with how to fix it, when there is none)."""
    if mode == "growth" and last_years_revenue is not None and last_years_revenue > 0:
        return replace(inputs, target_mode="growth", baseline_revenue=last_years_revenue, baseline_source="last year")
    return replace(inputs, target_mode=mode)


def with_typed_base(inputs: GoalInputs, base: float | None) -> GoalInputs:
    """A growth goal on a base the user typed (last year's new revenue, when the plan holds no last year)."""
    return replace(inputs, target_mode="growth", baseline_revenue=base, baseline_source="typed")


class GoalPlan(BaseModel):
    """The goal turned into customers: exact, whole, and what marketing must source."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    revenue_goal: float
    expansion_revenue: float
    new_customer_revenue: float
    referral_revenue: float
    marketing_revenue: float
    avg_deal_size: float
    referral_share: float
    customers_exact: float
    customers_whole: int
    customers_rounded_down: int
    rounded_down_revenue: float
    rounding_shortfall: float
    rounding: Rounding
    planned_customers: float
    planned_marketing_customers: float
    planned_referral_customers: float
    seasonality: tuple[float, ...]

    def monthly_marketing_customers(self) -> list[float]:
        """Customers marketing must source in each month of the year (seasonality applied)."""
        return monthly_split(self.planned_marketing_customers, list(self.seasonality))

    def per_month(self, fiscal_year: int, start_month: int = 1) -> pd.DataFrame:
        """One row per fiscal month: marketing-sourced, referral and total new customers."""
        marketing = self.monthly_marketing_customers()
        referral = monthly_split(self.planned_referral_customers, list(self.seasonality))
        return pd.DataFrame(
            {
                "month": month_labels(fiscal_year, start_month),
                "quarter": [f"Q{i // 3 + 1}" for i in range(12)],
                "marketing_customers": marketing,
                "referral_customers": referral,
                "customers": [m + r for m, r in zip(marketing, referral, strict=True)],
            }
        )

    def per_quarter(self, fiscal_year: int, start_month: int = 1) -> pd.DataFrame:
        """One row per fiscal quarter, the months summed."""
        months = self.per_month(fiscal_year, start_month)
        return months.groupby("quarter", as_index=False)[
            ["marketing_customers", "referral_customers", "customers"]
        ].sum()

    def rounding_statement(self, currency: str = "USD") -> str:
        """The arithmetic and the rounding the plan uses, in words a meeting can check."""

        def money(amount: float) -> str:
            # Whole units from a thousand up: cents on an eight-figure goal are noise in a meeting.
            shown = round(amount) if abs(amount) >= 1000 else amount
            return format_money(shown, currency, compact=False).removesuffix(".00")

        head = (
            f"{money(self.new_customer_revenue)} ÷ {money(self.avg_deal_size)} = "
            f"{counted(self.customers_exact, 'new customer', 2)}."
        )
        short = (
            f"{counted(self.customers_rounded_down, 'customer')} would bring {money(self.rounded_down_revenue)}, "
            f"{money(self.rounding_shortfall)} short of the goal"
        )
        if self.customers_whole == self.customers_rounded_down:
            text = f"{head} That is a whole number, so no rounding is needed."
        elif self.rounding == "up":
            text = f"{head} {short}, so the plan counts {counted(self.customers_whole, 'whole customer')} (rounded up)."
        elif self.rounding == "down":
            text = f"{head} The plan counts {counted(self.customers_rounded_down, 'customer')} (rounded down): {short}."
        else:
            text = f"{head} The plan uses the exact figure; in whole customers the goal needs {self.customers_whole} ({short})."
        if self.referral_share > 0:
            sourced = {"up": "rounded up", "down": "rounded down", "exact": "exact"}[self.rounding]
            text += (
                f" Referrals are expected to bring {counted(self.planned_referral_customers, 'customer', 2)}, so marketing "
                f"must source {format_count(self.planned_marketing_customers, 2 if self.rounding == 'exact' else None)}"
                f" ({sourced} from {format_count(self.customers_exact * (1 - self.referral_share), 2)})."
            )
        return text


def _rounded(value: float, rounding: Rounding) -> float:
    if rounding == "up":
        return round_up(value)
    if rounding == "down":
        return round_down(value)
    return value


def plan_goals(inputs: GoalInputs) -> GoalPlan:
    """Turn agreed goals into the customers needed, exact and whole, and what marketing must source."""
    goal = inputs.revenue_goal()
    expansion = inputs.expansion_amount()
    new_revenue = goal - expansion
    exact = customers_needed(new_revenue, inputs.avg_deal_size)
    whole, down = round_up(exact), round_down(exact)
    # Marketing's share is rounded once, from the exact figure; referrals stay an expectation.
    planned_marketing = _rounded(exact * (1 - inputs.referral_share), inputs.rounding)
    return GoalPlan(
        revenue_goal=goal,
        expansion_revenue=expansion,
        new_customer_revenue=new_revenue,
        referral_revenue=new_revenue * inputs.referral_share,
        marketing_revenue=new_revenue * (1 - inputs.referral_share),
        avg_deal_size=inputs.avg_deal_size,
        referral_share=inputs.referral_share,
        customers_exact=exact,
        customers_whole=whole,
        customers_rounded_down=down,
        rounded_down_revenue=down * inputs.avg_deal_size,
        rounding_shortfall=max(new_revenue - down * inputs.avg_deal_size, 0.0),
        rounding=inputs.rounding,
        planned_customers=_rounded(exact, inputs.rounding),
        planned_marketing_customers=planned_marketing,
        planned_referral_customers=exact * inputs.referral_share,
        seasonality=inputs.seasonality if inputs.seasonal else (1.0,) * 12,
    )
