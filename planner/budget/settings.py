"""What the plan keeps of its channel budget: the user's bounds and exponents, the chosen total, and what was put into the plan."""

from __future__ import annotations

import math

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from planner.budget.curves import check_exponent
from planner.money import format_money
from planner.review import MAX_CHANNELS

# A channel's plan reaches at most a year and a half back before the fiscal year, and ends with it.
MAX_PLAN_MONTHS = 30


class ChannelSetting(BaseModel):
    """One channel's overrides on the Budget page; None keeps what the review's verdict and the fit give."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    channel: str = Field(min_length=1, max_length=200)
    min_spend: float | None = Field(None, ge=0, allow_inf_nan=False, description="Least spend this year.")
    max_spend: float | None = Field(None, ge=0, allow_inf_nan=False, description="Most spend this year.")
    exponent: float | None = Field(None, description="The user's response exponent; None: the fitted one.")
    conversion_lift: float = Field(
        0.0, ge=-0.9, le=10, allow_inf_nan=False,
        description="Expected change in the channel's conversion to customers (0.2 is +20%).",
    )  # fmt: skip

    @field_validator("exponent")
    @classmethod
    def _exponent_in_range(cls, exponent: float | None) -> float | None:
        return None if exponent is None else check_exponent(exponent)

    @model_validator(mode="after")
    def _min_below_max(self) -> ChannelSetting:
        if self.min_spend is not None and self.max_spend is not None and self.min_spend > self.max_spend:
            raise ValueError(
                f"{self.channel}'s minimum spend ({format_money(self.min_spend)}) is above its maximum "
                f"({format_money(self.max_spend)}); lower the minimum or raise the maximum."
            )
        return self

    @property
    def is_default(self) -> bool:
        return self == ChannelSetting(channel=self.channel)


class AppliedChannel(BaseModel):
    """One channel as "Use this budget in the plan" wrote it: spend and first-stage volume per month."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    channel: str = Field(min_length=1, max_length=200)
    stage: str = Field(min_length=1, max_length=40, description="The first stage its spend buys.")
    spend: tuple[float, ...] = Field(max_length=MAX_PLAN_MONTHS)
    volume: tuple[float, ...] = Field(max_length=MAX_PLAN_MONTHS)
    customers: float = Field(ge=0, allow_inf_nan=False)

    @model_validator(mode="after")
    def _one_value_per_month(self) -> AppliedChannel:
        if len(self.spend) != len(self.volume):
            raise ValueError(f"{self.channel}: give a spend and a volume for every month.")
        if not all(math.isfinite(v) and v >= 0 for v in (*self.spend, *self.volume)):
            raise ValueError(f"{self.channel}: every month's spend and volume must be 0 or more.")
        return self


class AppliedBudget(BaseModel):
    """The channel budget as put into the plan: its total and each channel's months."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    total: float = Field(ge=0, allow_inf_nan=False)
    first_month: int = Field(
        le=0, ge=1 - MAX_PLAN_MONTHS, description="Offset of the first month from the fiscal year's start."
    )
    channels: tuple[AppliedChannel, ...] = Field(max_length=MAX_CHANNELS)


class BudgetSettings(BaseModel):
    """The channel budget as the plan keeps it: overrides per channel, the organic growth, the chosen total."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    channels: tuple[ChannelSetting, ...] = Field((), max_length=MAX_CHANNELS)
    organic_growth: float = Field(
        0.0, gt=-1, le=10, allow_inf_nan=False,
        description="Growth over last year of the channels without spend (0.1 is +10%).",
    )  # fmt: skip
    total: float | None = Field(
        None, ge=0, allow_inf_nan=False, description="The channel budget chosen on the Budget page; None: none yet."
    )
    applied: AppliedBudget | None = Field(None, description="What 'Use this budget in the plan' wrote; None: not yet.")

    @field_validator("channels")
    @classmethod
    def _each_channel_once(cls, channels: tuple[ChannelSetting, ...]) -> tuple[ChannelSetting, ...]:
        names = [c.channel for c in channels]
        repeated = sorted({n for n in names if names.count(n) > 1})
        if repeated:
            raise ValueError(f"each channel is set once; {', '.join(repeated)} appears twice.")
        return channels

    def setting(self, channel: str) -> ChannelSetting:
        """The channel's overrides (none, if the user set nothing)."""
        return next((c for c in self.channels if c.channel == channel), ChannelSetting(channel=channel))
