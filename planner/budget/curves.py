"""Response curves: a paid channel's first-stage volume from its spend, fitted from its months and shrunk toward a prior."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, field_validator

from planner.money import format_money

# Marketing-mix studies put most channels' response exponents between about 0.3 and 0.9; 0.6 is
# their middle, and 0.15 the spread a channel's own exponent typically shows around it.
PRIOR_EXPONENT, PRIOR_SD = 0.6, 0.15
# Two parameters from a year of months: fewer than 6 points, or spend that hardly moves, say nothing.
MIN_MONTHS, MIN_SPREAD = 6, 0.05
# The low/high exponents are an 80% range: the estimate ∓ 1.28 standard deviations.
RANGE_Z = 1.2816
# A curve flatter than this would buy almost nothing for any extra spend: the fit is floored here.
MIN_EXPONENT = 0.05


class BudgetInputError(ValueError):
    """An input the budget model cannot use; the message is the one sentence to show the marketer."""


def check_exponent(exponent: float, whose: str = "The") -> float:
    """`exponent` as a float, refused in one sentence unless it is above 0 and at most 1."""
    if not (isinstance(exponent, int | float) and math.isfinite(exponent) and 0 < exponent <= 1):
        raise BudgetInputError(
            f"{whose} exponent must be above 0 and at most 1 (1 means every extra dollar buys as much as "
            f"the last, lower means each buys less); got {exponent:g}."
            if isinstance(exponent, int | float)
            else f"{whose} exponent must be a number above 0 and at most 1; got {exponent!r}."
        )
    return float(exponent)


class ResponseCurve(BaseModel):
    """Volume = scale × spend ** exponent, 0 < exponent ≤ 1: every extra dollar buys no more than the last."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    scale: float = Field(gt=0, allow_inf_nan=False, description="Volume bought by one unit of spend.")
    exponent: float = Field(description="1: volume grows with spend; lower: each extra dollar buys less.")

    @field_validator("exponent")
    @classmethod
    def _diminishing(cls, exponent: float) -> float:
        return check_exponent(exponent)

    @classmethod
    def through(cls, spend: float, volume: float, exponent: float) -> ResponseCurve:
        """The curve of this exponent that passes through (spend, volume): last year's point, say."""
        exponent = check_exponent(exponent)
        return cls(scale=volume / spend**exponent, exponent=exponent)

    def volume(self, spend):
        """The volume `spend` buys (a number or a numpy array of spends)."""
        return self.scale * np.power(spend, self.exponent)

    def spend_for(self, volume):
        """The spend that buys `volume`."""
        return np.power(np.divide(volume, self.scale), 1 / self.exponent)

    def marginal_cost(self, spend):
        """Extra spend per extra unit of volume at `spend`: spend / (exponent × volume)."""
        return np.power(spend, 1 - self.exponent) / (self.scale * self.exponent)


FitSource = Literal["data", "prior"]


class CurveFit(BaseModel):
    """A fitted curve, where its exponent came from, and the range it may be off by."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    curve: ResponseCurve
    source: FitSource
    months: int = Field(ge=0, description="Months with spend and volume the fit read.")
    fitted: float | None = Field(None, description="The log-log slope the months alone give; None: not fitted.")
    weight: float = Field(ge=0, le=1, description="The data's share of the exponent; 0 for the prior alone.")
    low: float = Field(description="Low end of the exponent's 80% range.")
    high: float = Field(description="High end of the exponent's 80% range.")
    note: str = Field(description="Where the exponent came from, in one sentence.")


def check_volume(name: str, total_spend: float, total_volume: float, unit: str = "leads") -> None:
    """Refuse, in one sentence, a channel that spent but brought none of its first stage: no curve passes there."""
    if total_spend > 0 and not total_volume > 0:
        raise BudgetInputError(
            f"{name} spent {format_money(total_spend)} but brought no {unit}, so what more spend would bring "
            f"cannot be read from it; check its {unit} in the channel table, or cut it."
        )


def _clean(name: str, spend: Sequence[float | None], volume: Sequence[float | None], unit: str):
    if len(spend) != len(volume):
        raise BudgetInputError(
            f"{name} has {len(spend)} months of spend but {len(volume)} of {unit}; give both for every month."
        )
    both = [
        (float(s), float(v))
        for s, v in zip(spend, volume, strict=True)
        if s is not None and v is not None and math.isfinite(s) and math.isfinite(v)
    ]
    for month, (s, v) in enumerate(both, start=1):
        if s < 0:
            raise BudgetInputError(
                f"{name} shows a negative spend ({format_money(s)} in month {month}); correct the channel "
                "table's spend, which is 0 or more."
            )
        if v < 0:
            raise BudgetInputError(
                f"{name} shows negative {unit} ({v:,.0f} in month {month}); correct the channel table's "
                f"{unit}, which are 0 or more."
            )
    return np.array([s for s, _ in both]), np.array([v for _, v in both])


def fit_response(
    monthly_spend: Sequence[float | None],
    monthly_volume: Sequence[float | None],
    prior_exponent: float = PRIOR_EXPONENT,
    *,
    name: str = "This channel",
    unit: str = "leads",
) -> CurveFit:
    """The channel's response curve from its months: the exponent fitted and shrunk toward the prior,
    the scale set so that the months' total spend buys their total volume.

    The exponent is the slope of log(volume) on log(spend) over the months with both above 0, when
    there are at least 6 such months and the spend varies (a standard deviation of log spend of at
    least 0.05, about 5% month to month). Shrinkage rule: the fitted slope b̂, with its standard
    error se, is combined with the prior p (standard deviation τ = 0.15) by precision weighting,

        exponent = p + w · (b̂ − p),   w = τ² / (τ² + se²),

    so the data weighs in proportion to how much it says (w → 1 for a tight fit, w → 0 for a noisy
    one); the result is kept within [0.05, 1]. The exponent's standard deviation is then √w · se,
    and `low`/`high` are the estimate ∓ 1.28 of them (80%), kept within [0.05, 1]. With too few
    months, or spend that hardly moves, the exponent is the prior alone (range p ∓ 1.28 τ), and the
    note says so. Missing months (None or NaN in either series) are left out.

    Refused in one sentence (`BudgetInputError`): negative spend or volume, spend with no volume,
    no spend at all (plan such a channel's volume as last year's times a growth instead), and a
    prior outside (0, 1].
    """
    prior = check_exponent(prior_exponent, "The usual (prior)")
    spend, volume = _clean(name, monthly_spend, monthly_volume, unit)
    total_spend, total_volume = float(spend.sum()), float(volume.sum())
    if total_spend <= 0:
        raise BudgetInputError(
            f"{name} had no spend, so it has no spend curve; plan its {unit} as last year's times a growth."
        )
    check_volume(name, total_spend, total_volume, unit)
    used = (spend > 0) & (volume > 0)
    x, y = np.log(spend[used]), np.log(volume[used])
    months = int(used.sum())
    if months < MIN_MONTHS:
        why = (
            f"only {months} month{'' if months == 1 else 's'} with spend and {unit}, fewer than the "
            f"{MIN_MONTHS} a fit needs"
        )
        return prior_response(total_spend, total_volume, prior, why, months)
    if float(np.std(x)) < MIN_SPREAD:
        why = "its spend hardly changed from month to month, so the months cannot tell how it responds"
        return prior_response(total_spend, total_volume, prior, why, months)
    sxx = float(((x - x.mean()) ** 2).sum())
    slope = float(((x - x.mean()) * (y - y.mean())).sum() / sxx)
    residual = y - y.mean() - slope * (x - x.mean())
    se = math.sqrt(float((residual**2).sum()) / (months - 2) / sxx)
    weight = PRIOR_SD**2 / (PRIOR_SD**2 + se**2)
    exponent = _within(prior + weight * (slope - prior))
    spread = math.sqrt(weight) * se
    return CurveFit(
        curve=ResponseCurve.through(total_spend, total_volume, exponent),
        source="data",
        months=months,
        fitted=slope,
        weight=weight,
        low=_within(exponent - RANGE_Z * spread),
        high=_within(exponent + RANGE_Z * spread),
        note=(
            f"Fitted from {months} months: the months alone say {slope:.2f}, shrunk toward the usual "
            f"{prior:.2f} to {exponent:.2f} (the data weighs {weight:.0%})."
        ),
    )


def _within(exponent: float) -> float:
    return min(max(exponent, MIN_EXPONENT), 1.0)


def prior_response(
    total_spend: float, total_volume: float, prior: float, why: str, months: int = 0
) -> CurveFit:
    """The prior's curve through (total spend, total volume), its range ∓ 1.28 τ, and `why` it was not fitted."""
    prior = check_exponent(prior, "The usual (prior)")
    return CurveFit(
        curve=ResponseCurve.through(total_spend, total_volume, prior),
        source="prior",
        months=months,
        weight=0.0,
        low=_within(prior - RANGE_Z * PRIOR_SD),
        high=_within(prior + RANGE_Z * PRIOR_SD),
        note=f"Not fitted, {why}: the exponent is the usual {prior:.2f}.",
    )
