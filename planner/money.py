"""Currencies and the number formats a planning meeting reads: $10.0M, ₩13.0B, 6,250."""

from __future__ import annotations

import math
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from planner.fiscal import as_utc

CurrencyCode = Literal["USD", "EUR", "GBP", "KRW", "JPY", "TWD"]


class Currency(BaseModel):
    """A currency as a plan displays it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    code: CurrencyCode
    symbol: str
    decimals: int
    name: str


CURRENCIES: dict[str, Currency] = {
    c.code: c
    for c in (
        Currency(code="USD", symbol="$", decimals=2, name="US dollar"),
        Currency(code="EUR", symbol="€", decimals=2, name="Euro"),
        Currency(code="GBP", symbol="£", decimals=2, name="Pound sterling"),
        Currency(code="KRW", symbol="₩", decimals=0, name="Korean won"),
        Currency(code="JPY", symbol="¥", decimals=0, name="Japanese yen"),
        Currency(code="TWD", symbol="NT$", decimals=2, name="New Taiwan dollar"),
    )
}

_SUFFIXES = ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K"))


class CurrencyChange(BaseModel):
    """The plan's last change of currency: converted at a rate the user typed, or relabelled only."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    from_currency: CurrencyCode
    to_currency: CurrencyCode
    rate: float | None = Field(
        None, gt=0, allow_inf_nan=False, description="Units of the new currency per unit of the old; None: relabelled."
    )
    changed_at: datetime

    @field_validator("changed_at")
    @classmethod
    def _aware(cls, moment: datetime) -> datetime:
        return as_utc(moment)

    def sentence(self) -> str:
        """What the change did to the amounts, for the pages that show them."""
        if self.rate is None:
            return (
                f"Amounts were relabelled from {self.from_currency} to {self.to_currency} on "
                f"{self.changed_at:%d %b %Y}, not converted: every figure is the number typed or loaded in "
                f"{self.from_currency}."
            )
        return (
            f"Amounts were converted from {self.from_currency} to {self.to_currency} on "
            f"{self.changed_at:%d %b %Y} at {self.rate:g} {self.to_currency} per {self.from_currency}."
        )


def currency(code: str) -> Currency:
    """The currency with this ISO code; a ValueError names the codes we know."""
    try:
        return CURRENCIES[code]
    except KeyError:
        known = ", ".join(CURRENCIES)
        raise ValueError(f"Unknown currency {code!r}; choose one of {known}.") from None


def _in_units(value: float) -> tuple[float, str]:
    """A positive amount in its largest unit (1,520,000 → 1.52, "M"); (value, "") under a thousand.
    Just under a unit counts as one (999,600 → 1.0, "M"), so rounding never writes "1000K"."""
    for size, suffix in _SUFFIXES:
        if value >= size * 0.9995:
            return value / size, suffix
    return value, ""


def format_money(amount: float, code: str = "USD", *, compact: bool = True) -> str:
    """An amount with its symbol: compact ($10.0M) for headlines, full ($1,100,000.00) for tables.

    Compact figures are rounded to one decimal of K/M/B; amounts under 10,000 are written out,
    with the currency's own decimals (none for KRW and JPY).
    """
    cur = currency(code)
    if not math.isfinite(amount):
        return "n/a"
    sign = "−" if amount < 0 else ""
    value = abs(amount)
    if compact and value >= 10_000:
        scaled, suffix = _in_units(value)
        # $10.0M keeps its decimal; from 100 units up it is noise ($250K, not $250.0K).
        decimals = 0 if scaled >= 99.95 else 1
        return f"{sign}{cur.symbol}{scaled:,.{decimals}f}{suffix}"
    decimals = cur.decimals if (not compact or value != round(value)) else 0
    if compact and value >= 1_000:
        decimals = 0
    return f"{sign}{cur.symbol}{value:,.{decimals}f}"


def format_money_figures(amount: float, code: str = "USD", figures: int = 3) -> str:
    """An amount in compact form to `figures` significant figures, for a headline that must tell
    $1.52M from $1.48M: $1.52M, $152K, $15.2K; under 10,000 written out ($1,520)."""
    cur = currency(code)
    if not math.isfinite(amount):
        return "n/a"
    sign, value = ("−" if amount < 0 else ""), abs(amount)
    if value >= 10_000:
        scaled, suffix = _in_units(value)
        # The figures before the point as the number rounds (9.996 → "10"), the rest after it.
        digits = max(figures - len(f"{scaled:.0f}"), 0)
        return f"{sign}{cur.symbol}{scaled:,.{digits}f}{suffix}"
    return f"{sign}{cur.symbol}{value:,.0f}"


def format_money_tick(amount: float, code: str = "USD") -> str:
    """An axis tick in the compact form cards use, as short as a round number allows: $0, $250K,
    $1.25M, $2M; under 1,000 written out ($500)."""
    cur = currency(code)
    sign, value = ("−" if amount < 0 else ""), abs(amount)
    scaled, suffix = _in_units(value)
    if not suffix:
        return f"{sign}{cur.symbol}{value:,.0f}"
    return f"{sign}{cur.symbol}{f'{scaled:,.2f}'.rstrip('0').rstrip('.')}{suffix}"


def count_decimals(value: float) -> int:
    """The decimals a volume is shown with: none from 100 up (6,944 visits), one from 10 (79.8 SQLs),
    two below (8.67 customers), and none for a whole number."""
    if not math.isfinite(value) or value == round(value) or abs(value) >= 100:
        return 0
    return 1 if abs(value) >= 10 else 2


def round_count(value: float) -> float:
    """A volume rounded as `format_count` shows it, for a table cell that must stay a number."""
    return round(value, count_decimals(value)) if math.isfinite(value) else value


def format_count(value: float, decimals: int | None = None) -> str:
    """A volume: whole numbers with thousands separators (6,250), small fractions kept (0.76)."""
    if not math.isfinite(value):
        return "n/a"
    if decimals is None:
        decimals = count_decimals(value)
    return f"{value:,.{decimals}f}"


def format_rate(rate: float, decimals: int | None = None) -> str:
    """A conversion rate as a percentage to a tenth of a point, the sliders' step: 0.2488 → 24.9%,
    0.015 → 1.5%, 0.2 → 20%. Under 1% a tenth of a point is too coarse, so hundredths: 0.0075 → 0.75%.
    `decimals` asks for more where a small change must show (1.5% → 1.56%)."""
    if not math.isfinite(rate):
        return "n/a"
    if decimals is None:
        decimals = rate_decimals(rate)
    text = f"{rate * 100:.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return f"{text}%"


def rate_decimals(rate: float) -> int:
    """The decimals of a percentage `format_rate` writes: a tenth of a point, hundredths under 1%."""
    return 2 if abs(rate) < 0.01 else 1


def rate_in_percent(rate: float) -> float:
    """A rate as the percentage `format_rate` writes, for a table cell that must stay a number: 0.2488 → 24.9."""
    return round(rate * 100, rate_decimals(rate)) if math.isfinite(rate) else rate


def whole_amount(amount: float) -> float:
    """An amount in whole currency units (90,691.85 → 90,692), for a table cell of a year's total:
    a unit cost keeps the currency's decimals, a year's spend has no use for its cents."""
    return round(amount) if math.isfinite(amount) else amount


def whole_percent(fraction: float) -> float:
    """A ratio as the whole percentage `format_percent` writes (ROI 4.3210 → 432), for a table cell."""
    return round(fraction * 100) if math.isfinite(fraction) else fraction


def format_percent(fraction: float, signed: bool = False) -> str:
    """A ratio as a whole percentage (ROI +432%, +8,557%, −29% on last year), or 'n/a' when it is undefined.

    A fall is written with a minus sign (−), as amounts are (−$30.0K)."""
    if not math.isfinite(fraction):
        return "n/a"
    return (f"{fraction:+,.0%}" if signed else f"{fraction:,.0%}").replace("-", "−")


def plotly_money_format(code: str) -> tuple[str, str]:
    """Tick prefix and d3 hover format for axes that carry money in this currency."""
    cur = currency(code)
    return cur.symbol, f",.{cur.decimals}f"
