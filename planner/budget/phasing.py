"""Month by month: each channel's spend follows the plan's seasonality, landing the funnel's lag earlier than the customers it buys."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd

from planner.budget.allocate import Allocation
from planner.columns import STAGE_COLUMNS
from planner.funnel import DAYS_PER_MONTH, DEFAULT_STAGES, Funnel
from planner.goals import check_seasonality

PHASING_COLUMNS = ["channel", "month", "spend", "volume", "customers"]


def lead_time_days(funnel: Funnel, unit: str = "leads") -> float | None:
    """Days from a channel's first stage (`unit`, a channel-table stage) to a customer, from the funnel's lags;
    None when the funnel does not have the standard stages to find `unit` in."""
    if funnel.stages != DEFAULT_STAGES or unit not in STAGE_COLUMNS:
        return None
    return float(sum((funnel.lags_days or ())[STAGE_COLUMNS.index(unit) :]))


def month_weights(seasonality: Sequence[float], lag_days: float) -> tuple[int, np.ndarray]:
    """Where a year of spend falls, by month, for customers arriving by `seasonality`: (first month, weights).

    The customers of month m need their spend `lag_days` earlier, in average-length months; a
    fractional shift splits a month's spend between the two months around it. The first month is an
    offset from the fiscal year's start (negative: before it); the weights add up to 1.
    """
    weights = np.array(check_seasonality(seasonality), dtype=float)
    weights /= weights.sum()
    shift = max(lag_days, 0.0) / DAYS_PER_MONTH
    whole, fraction = math.floor(shift), shift - math.floor(shift)
    first = -whole - (1 if fraction > 0 else 0)
    spread = np.zeros(12 - first)
    # Month m's share lands at m − whole (the larger part) and m − whole − 1 (the fraction).
    start = -whole - first
    spread[start : start + 12] += weights * (1 - fraction)
    if fraction > 0:
        spread[start - 1 : start + 11] += weights * fraction
    return first, spread


def spend_by_month(allocation: Allocation, seasonality: Sequence[float], lag_days: float) -> pd.DataFrame:
    """Each channel's spend and first-stage volume by month, and the customers they bring by month.

    Spend and volume run `lag_days` ahead of the customers (whose months follow `seasonality`), so
    some may fall before the fiscal year: those months have negative offsets. Every channel keeps
    the year's total. Columns: `channel`, `month` (offset from the fiscal year's first month),
    `spend`, `volume` (of the channel's first stage), `customers` (arriving that month).
    """
    first, spread = month_weights(seasonality, lag_days)
    arrival = np.array(check_seasonality(seasonality), dtype=float)
    arrival = np.concatenate([np.zeros(-first), arrival / arrival.sum()])
    months = np.arange(first, first + len(spread))
    frame = allocation.frame
    stages = frame[list(STAGE_COLUMNS)].to_numpy(dtype=float)
    units = stages[np.arange(len(frame)), [STAGE_COLUMNS.index(u) for u in frame["unit"]]]
    rows = pd.DataFrame(
        {
            "channel": np.repeat(frame["channel"].to_numpy(), len(months)),
            "month": np.tile(months, len(frame)),
            "spend": np.outer(frame["spend"].to_numpy(dtype=float), spread).ravel(),
            "volume": np.outer(units, spread).ravel(),
            "customers": np.outer(frame["customers"].to_numpy(dtype=float), arrival).ravel(),
        },
        columns=PHASING_COLUMNS,
    )
    return rows


def before_year(phasing: pd.DataFrame) -> float:
    """Spend that must happen before the fiscal year starts."""
    return float(phasing.loc[phasing["month"] < 0, "spend"].sum())


def months_before(phasing: pd.DataFrame) -> int:
    """How many months before the fiscal year carry spend."""
    return int(phasing.loc[(phasing["month"] < 0) & (phasing["spend"] > 0), "month"].nunique())


def quarter_allocations(phasing: pd.DataFrame) -> tuple[float, float, float, float]:
    """The year's spend per fiscal quarter, as a program that carries on spends it.

    Spend due before the year starts (for its first customers) recurs in the same months at the year's
    end, for next year's first customers; so each month before the year is counted in the same month
    of the year (September before the year in this year's September), and no quarter is left empty by
    the funnel's lag. The four quarters add up to the year's spend.
    """
    quarter = (phasing["month"].to_numpy() % 12) // 3
    totals = np.bincount(quarter, weights=phasing["spend"].to_numpy(dtype=float), minlength=4)
    return tuple(float(t) for t in totals[:4])
