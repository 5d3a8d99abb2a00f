"""Last year's channel table as the channels to budget: each paid channel's curve from its months, its own conversion, and bounds from its verdict."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Literal

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field

from planner.budget.channels import Channel, ChannelCurve, OrganicChannel
from planner.budget.curves import (
    PRIOR_EXPONENT,
    BudgetInputError,
    CurveFit,
    ResponseCurve,
    check_volume,
    fit_response,
    prior_response,
)
from planner.budget.settings import BudgetSettings
from planner.columns import COLUMN_LABELS, STAGE_COLUMNS
from planner.funnel import DEFAULT_STAGES, Funnel
from planner.money import format_rate
from planner.review import ChannelYear, LastYear, first_stage

# The review's verdicts as default bounds, as multiples of last year's spend (min, max): a cut channel
# gets nothing, a channel to fix keeps last year's spend while its conversion is fixed, a channel to
# keep moves by at most a fifth, a channel to scale may double.
VERDICT_BOUNDS: dict[str, tuple[float, float]] = {
    "cut": (0.0, 0.0),
    "fix conversion": (1.0, 1.0),
    "keep": (0.8, 1.2),
    "scale": (0.0, 2.0),
}
BOUND_RULES = {
    "cut": "cut: no spend",
    "fix conversion": "fix: last year's spend",
    "keep": "keep: last year's ±20%",
    "scale": "scale: up to 2× last year's",
}
ChannelKind = Literal["paid", "organic", "left out"]
CurveChoice = Literal["fitted", "low", "high"]


def _stage(name: str) -> str:
    return COLUMN_LABELS.get(name, name).lower()

class BudgetChannel(BaseModel):
    """One of last year's channels as the budget plans it: kind, conversion, exponent and bounds, and why."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    verdict: str
    kind: ChannelKind
    last_year_spend: float | None = Field(description="A year's spend (scaled to 12 months).")
    last_year_volume: float = Field(description="A year's first-stage volume (scaled to 12 months).")
    unit: str
    customers_per_unit: float = Field(description="After the expected conversion change.")
    conversion_from: str = Field(description="Where the conversion comes from, in words.")
    conversion_lift: float
    per_unit: dict[str, float]
    fit: CurveFit | None
    exponent: float | None
    exponent_from: Literal["data", "prior", "yours"] | None
    low: float | None
    high: float | None
    bounds_rule: str
    min_spend: float | None
    max_spend: float | None
    note: str

    def channel(self, which: CurveChoice = "fitted", growth: float = 0.0) -> Channel | None:
        """The channel for `allocate`, at its fitted exponent or the low or high end of its range."""
        if self.kind == "organic":
            return OrganicChannel(
                name=self.name, last_year_volume=self.last_year_volume, growth=growth,
                customers_per_unit=self.customers_per_unit, unit=self.unit, per_unit=self.per_unit,
            )  # fmt: skip
        if self.kind != "paid":
            return None
        exponent = {"fitted": self.exponent, "low": self.low, "high": self.high}[which]
        return ChannelCurve(
            name=self.name,
            curve=ResponseCurve.through(self.last_year_spend, self.last_year_volume, exponent),
            customers_per_unit=self.customers_per_unit,
            min_spend=self.min_spend,
            max_spend=self.max_spend,
            last_year_spend=self.last_year_spend,
            unit=self.unit,
            per_unit=self.per_unit,
        )


class ChannelSetup(BaseModel):
    """Last year's channels ready for the budget, with what the page must say about them."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    channels: tuple[BudgetChannel, ...]
    organic_growth: float
    notes: tuple[str, ...] = ()

    def curves(self, which: CurveChoice = "fitted") -> list[Channel]:
        """The channels `allocate` and `budget_for` split a budget across (none of those left out)."""
        made = (c.channel(which, self.organic_growth) for c in self.channels)
        return [c for c in made if c is not None]

    @property
    def has_organic(self) -> bool:
        return any(c.kind == "organic" for c in self.channels)

    def table(self) -> pd.DataFrame:
        """One row per channel for the bounds editor: `channel`, `verdict`, `last_year_spend`, `min_spend`,
        `max_spend`, `fitted` (the exponent the months give), `exponent` (the user's, else None),
        `conversion_change` (the expected change in conversion to customers, in percent), `note`."""
        # Whole amounts and two-decimal exponents, as the editor shows them.
        rows = [
            {
                "channel": c.name,
                "verdict": c.verdict,
                "last_year_spend": _whole(c.last_year_spend),
                "min_spend": _whole(c.min_spend),
                "max_spend": _whole(c.max_spend),
                "fitted": round(c.fit.curve.exponent, 2) if c.fit is not None else None,
                "exponent": c.exponent if c.exponent_from == "yours" else None,
                "conversion_change": c.conversion_lift * 100,
                "note": c.note,
            }
            for c in self.channels
        ]
        return pd.DataFrame(rows, columns=["channel", "verdict", "last_year_spend", "min_spend", "max_spend",
                                           "fitted", "exponent", "conversion_change", "note"])  # fmt: skip


def _whole(amount: float | None) -> float | None:
    return None if amount is None or not math.isfinite(amount) else float(round(amount))


def funnel_per_unit(funnel: Funnel, unit: str) -> dict[str, float] | None:
    """Each stage's volume per unit of `unit` at the plan's rates; None unless the funnel has the standard stages."""
    if funnel.stages != DEFAULT_STAGES or unit not in STAGE_COLUMNS:
        return None
    start = STAGE_COLUMNS.index(unit)
    ratios = {}
    for i, stage in enumerate(STAGE_COLUMNS):
        rates = funnel.rates[min(i, start) : max(i, start)]
        ratios[stage] = math.prod(rates) if i >= start else 1 / math.prod(rates)
    return ratios


def _ratios(row: ChannelYear, unit: str) -> dict[str, float]:
    base = getattr(row, unit)
    return {s: (v / base if (v := getattr(row, s)) is not None and base else math.nan) for s in STAGE_COLUMNS}


def _bounds(verdict: str, spend: float, minimum: float | None, maximum: float | None) -> tuple[float, float]:
    low, high = VERDICT_BOUNDS.get(verdict, VERDICT_BOUNDS["keep"])
    lo = low * spend if minimum is None else minimum
    hi = high * spend if maximum is None else maximum
    # A bound the user moved past the other's default drags that default along.
    if lo > hi:
        lo, hi = (hi, hi) if minimum is None else (lo, lo)
    return lo, hi


def _fit(last: LastYear, row: ChannelYear, unit: str, annual: float, prior: float) -> CurveFit:
    check_volume(row.channel, row.spend, getattr(row, unit) or 0, _stage(unit))
    months = last.months_of(row.channel)
    if months is None or months.stage != unit:
        why = "the plan keeps no months for it (load the channel table with its month column again to fit one)"
        return prior_response(row.spend * annual, (getattr(row, unit) or 0) * annual, prior, why)
    fit = fit_response(months.spend, months.volume, prior, name=row.channel, unit=_stage(unit))
    # The months' totals may cover less than a year: the curve passes through a year at last year's pace.
    curve = ResponseCurve.through(row.spend * annual, getattr(row, unit) * annual, fit.curve.exponent)
    return fit.model_copy(update={"curve": curve})


def channels_from_last_year(
    last: LastYear,
    verdicts: Mapping[str, str],
    funnel: Funnel,
    settings: BudgetSettings | None = None,
    prior: float = PRIOR_EXPONENT,
) -> ChannelSetup:
    """Last year's channel table as channels to budget: paid channels with a curve fitted from their months,
    their own conversion to customers (the plan's funnel where they have none), and bounds from their verdict
    (cut → 0, fix → last year's spend, keep → ±20%, scale → up to 2×), each overridden by the user's settings;
    channels without spend grow by the stated organic growth; a channel that spent but brought nothing is
    left out, saying why. A table covering fewer or more than 12 months is scaled to a year.
    """
    settings = settings or BudgetSettings()
    annual = 12 / last.months
    totals = [c for c in last.channels if c.spend is not None and c.spend > 0]
    portfolio = ChannelYear(
        channel="All channels",
        **{s: sum(getattr(c, s) or 0 for c in last.channels) for s in STAGE_COLUMNS},
    )
    made: list[BudgetChannel] = []
    notes: list[str] = []
    for row in last.channels:
        setting = settings.setting(row.channel)
        verdict = verdicts.get(row.channel, "keep")
        unit = first_stage(pd.Series({s: getattr(row, s) or 0 for s in STAGE_COLUMNS}))
        volume = (getattr(row, unit) or 0) * annual
        per_unit, conversion_from = _ratios(row, unit), "its own last year"
        if not per_unit["customers"] > 0:
            fallback = funnel_per_unit(funnel, unit)
            per_unit = {s: (v if math.isfinite(v) and s != "customers" else fallback[s] if fallback else
                            _ratios(portfolio, unit)[s]) for s, v in per_unit.items()}  # fmt: skip
            conversion_from = "the plan's funnel" if fallback else "all channels' last year"
            notes.append(
                f"{row.channel} had no customers last year, so its {_stage(unit)} are counted at "
                f"{conversion_from}'s {format_rate(per_unit['customers'])} to customers."
            )
        customers_per_unit = per_unit["customers"] * (1 + setting.conversion_lift)
        common = dict(
            name=row.channel, verdict=verdict, unit=unit, last_year_volume=volume,
            customers_per_unit=customers_per_unit, conversion_from=conversion_from,
            conversion_lift=setting.conversion_lift, per_unit=per_unit,
        )  # fmt: skip
        if row.spend is None or row.spend == 0:
            made.append(BudgetChannel(
                **common, kind="organic", last_year_spend=row.spend, fit=None, exponent=None, exponent_from=None,
                low=None, high=None, bounds_rule="no spend: last year's volume × growth", min_spend=None,
                max_spend=None, note=f"No spend last year: its {_stage(unit)} grow by the stated growth, with no curve.",
            ))  # fmt: skip
            continue
        spend = row.spend * annual
        try:
            fit = _fit(last, row, unit, annual, prior)
        except BudgetInputError as refused:
            made.append(BudgetChannel(
                **common, kind="left out", last_year_spend=spend, fit=None, exponent=None, exponent_from=None,
                low=None, high=None, bounds_rule="left out", min_spend=0.0, max_spend=0.0, note=str(refused),
            ))  # fmt: skip
            continue
        exponent, low, high, source, note = fit.curve.exponent, fit.low, fit.high, fit.source, fit.note
        if setting.exponent is not None:
            # The user's exponent keeps the width of the fit's range around it.
            exponent, source = setting.exponent, "yours"
            low = min(max(exponent - (fit.curve.exponent - fit.low), 0.05), 1.0)
            high = min(max(exponent + (fit.high - fit.curve.exponent), 0.05), 1.0)
            note = f"Your exponent {exponent:.2f}; the months give {fit.curve.exponent:.2f}."
        lo, hi = _bounds(verdict, spend, setting.min_spend, setting.max_spend)
        made.append(BudgetChannel(
            **common, kind="paid", last_year_spend=spend, fit=fit, exponent=exponent, exponent_from=source,
            low=low, high=high, min_spend=lo, max_spend=hi, note=note,
            bounds_rule=BOUND_RULES.get(verdict, BOUND_RULES["keep"]) if (setting.min_spend, setting.max_spend)
            == (None, None) else "yours",
        ))  # fmt: skip
    if last.months != 12:
        notes.append(
            f"{last.source} covers {last.months} months, so each channel's spend and volume are scaled to a year."
        )
    if not totals:
        notes.append(f"{last.source} has no spend, so every channel is planned by growth, with no budget to split.")
    return ChannelSetup(channels=tuple(made), organic_growth=settings.organic_growth, notes=tuple(notes))
