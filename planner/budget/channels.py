"""The channels a budget splits: a paid channel's response curve, conversion and spend bounds; a channel without spend grown by a stated rate."""

from __future__ import annotations

import math
from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict, Field, model_validator

from planner.budget.curves import BudgetInputError, ResponseCurve
from planner.money import format_money


class ChannelCurve(BaseModel):
    """A paid channel: its response curve, its customers per unit of first-stage volume, and its spend bounds."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(min_length=1, max_length=200)
    curve: ResponseCurve
    customers_per_unit: float = Field(ge=0, allow_inf_nan=False, description="Customers per unit of `unit`.")
    min_spend: float = Field(0.0, ge=0, allow_inf_nan=False)
    max_spend: float = Field(math.inf, ge=0, description="inf: no upper bound.")
    last_year_spend: float | None = Field(None, ge=0, allow_inf_nan=False)
    unit: str = Field("leads", description="The first stage the curve's volume counts.")
    per_unit: dict[str, float] = Field(
        default_factory=dict, description="Each stage's volume per unit of `unit` (NaN: unknown)."
    )

    @model_validator(mode="after")
    def _min_below_max(self) -> ChannelCurve:
        if self.min_spend > self.max_spend:
            raise ValueError(
                f"{self.name}'s minimum spend ({format_money(self.min_spend)}) is above its maximum "
                f"({format_money(self.max_spend)}); lower the minimum or raise the maximum."
            )
        return self


class OrganicChannel(BaseModel):
    """A channel without spend (SEO without media, referrals): last year's volume grown by a stated rate."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(min_length=1, max_length=200)
    last_year_volume: float = Field(ge=0, allow_inf_nan=False)
    growth: float = Field(0.0, gt=-1, allow_inf_nan=False, description="0.1: 10% more than last year.")
    customers_per_unit: float = Field(ge=0, allow_inf_nan=False)
    unit: str = "leads"
    per_unit: dict[str, float] = Field(default_factory=dict)

    @property
    def volume(self) -> float:
        return self.last_year_volume * (1 + self.growth)

    @property
    def customers(self) -> float:
        return self.volume * self.customers_per_unit


Channel = ChannelCurve | OrganicChannel


def check_unique(channels: Sequence[Channel]) -> None:
    """Refuse channels that share a name, in one sentence."""
    names = [c.name for c in channels]
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise BudgetInputError(
            f"Each channel must have its own name; {', '.join(repeated)} appears twice, so rename one of them."
        )
