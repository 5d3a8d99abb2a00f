"""What the user chooses on the ABM page and the plan keeps: health weights, tiers, owners and the period."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

PeriodLength = Literal[1, 3, 6, 12]
# NPS answers older than this many months no longer speak for an account's health.
NPS_LOOKBACK_MONTHS = 12
# The parts of the health score, by field of `HealthWeights`, with their labels.
HEALTH_PARTS = {
    "engagement": "Engagement trend",
    "pipeline": "Pipeline",
    "nps": "NPS",
    "customer": "Customer status",
}


class HealthWeights(BaseModel):
    """How much each part counts in the account health score; relative weights, any scale."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    engagement: float = Field(
        40, ge=0, le=100, allow_inf_nan=False, title="Engagement trend",
        description="Engagement points this period against the period before (0.5 when steady or new).",
    )  # fmt: skip
    pipeline: float = Field(
        25, ge=0, le=100, allow_inf_nan=False, title="Pipeline",
        description="Furthest step this period: deal or opportunity 1, demo 0.7, call 0.5, form fill 0.25.",
    )  # fmt: skip
    nps: float = Field(
        20, ge=0, le=100, allow_inf_nan=False, title="NPS",
        description=f"The account's NPS over the last {NPS_LOOKBACK_MONTHS} months, −100…100 as 0…1; "
        "0.5 without answers.",
    )  # fmt: skip
    customer: float = Field(
        15, ge=0, le=100, allow_inf_nan=False, title="Customer status",
        description="Customer at the period's end 1, prospect 0.4, churned in the period 0.",
    )  # fmt: skip

    @model_validator(mode="after")
    def _something_counts(self) -> HealthWeights:
        if self.total() <= 0:
            raise ValueError("health weights: give at least one part a weight above 0.")
        return self

    def total(self) -> float:
        return self.engagement + self.pipeline + self.nps + self.customer

    def shares(self) -> dict[str, float]:
        """Each part's share of the score, summing to 1."""
        return {part: getattr(self, part) / self.total() for part in HEALTH_PARTS}


class AbmSettings(BaseModel):
    """What the user chose on the ABM page: health weights and the filters, kept with the plan."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    weights: HealthWeights = HealthWeights()
    tiers: tuple[str, ...] = Field((), description="Tiers to show; empty shows every tier.")
    owners: tuple[str, ...] = Field((), description="Owners to show; empty shows every owner.")
    period_months: PeriodLength = Field(3, description="Length of the period the KPIs cover, in months.")
    period_end: str | None = Field(
        None, pattern=r"^\d{4}-(0[1-9]|1[0-2])$", description="Last month of the period; None: the latest."
    )


def selection_label(settings: AbmSettings) -> str:
    """The accounts chosen, in words: "Tier 1 · all owners"."""
    return " · ".join(
        ", ".join(chosen) if chosen else every
        for chosen, every in ((settings.tiers, "all tiers"), (settings.owners, "all owners"))
    )
