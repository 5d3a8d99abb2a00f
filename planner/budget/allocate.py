"""The best split of a budget across channels, and the least budget that reaches a number of customers."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
from pydantic import BaseModel, ConfigDict, Field

from planner.budget.channels import Channel, ChannelCurve, OrganicChannel, check_unique
from planner.budget.curves import BudgetInputError
from planner.columns import STAGE_COLUMNS
from planner.money import format_count, format_money

# Bisection on the log of the common marginal cost: 200 halvings take any bracket below float precision.
ITERATIONS = 200
# Spends within this share of a bound are at it (float noise from the bisection).
AT_BOUND = 1e-9
FRAME_COLUMNS = [
    "channel", "kind", "last_year_spend", "spend", "change", "change_share", "min_spend", "max_spend",
    "bound", "exponent", "unit", *STAGE_COLUMNS, "cac", "marginal_cac",
]  # fmt: skip


class Allocation(BaseModel):
    """A split of the budget: spend per channel, the customers it buys, and a frame per channel.

    `frame` columns: `channel`, `kind` (paid or organic), `last_year_spend`, `spend` (planned),
    `change` (planned − last year), `change_share` (relative), `min_spend`, `max_spend`, `bound`
    ("at its minimum", "at its maximum", "cut" or ""), `exponent`, `unit` (the first stage its
    spend buys), the volume of every stage (`sessions` … `customers`, NaN where unknown), `cac`
    (spend / customers) and `marginal_cac` (what one more customer would cost in that channel).
    """

    model_config = ConfigDict(frozen=True, extra="forbid", arbitrary_types_allowed=True)

    spend: dict[str, float]
    customers: float
    budget: float = Field(description="What the split spends.")
    frame: pd.DataFrame
    marginal_cac: float | None = Field(
        description="The common cost of one more customer in every channel not at a bound; None: all at one."
    )
    target: float | None = Field(None, description="The customers `budget_for` was asked for.")
    short_by: float = Field(0.0, description="Customers the target is short of at every channel's maximum.")
    unplaced: float = Field(0.0, description="Budget no channel can take: every channel is at its maximum.")
    binding: tuple[str, ...] = Field((), description="The bounds that stop more customers, in words.")
    message: str = Field("", description="What the page must say about this split, in one sentence.")

    @property
    def feasible(self) -> bool:
        return self.short_by <= 0

    @property
    def cac(self) -> float | None:
        return self.budget / self.customers if self.customers > 0 else None


@dataclass(frozen=True)
class _Paid:
    """The paid channels as arrays: customers = k · spend ** b within [lo, hi]."""

    k: np.ndarray
    b: np.ndarray
    lo: np.ndarray
    hi: np.ndarray

    @classmethod
    def of(cls, channels: Sequence[ChannelCurve]) -> _Paid:
        return cls(
            k=np.array([c.curve.scale * c.customers_per_unit for c in channels], dtype=float),
            b=np.array([c.curve.exponent for c in channels], dtype=float),
            lo=np.array([c.min_spend for c in channels], dtype=float),
            hi=np.array([c.max_spend for c in channels], dtype=float),
        )

    def spend_at(self, log_cost: float) -> np.ndarray:
        """Each channel's spend where one more customer costs exp(log_cost), within its bounds.

        Marginal cost per customer is spend^(1−b) / (k·b), so spend = (cost·k·b)^(1/(1−b)); a linear
        channel (b = 1) costs 1/k a customer throughout, so it takes all it can or nothing.
        """
        with np.errstate(divide="ignore", over="ignore", invalid="ignore"):
            curved = self.b < 1
            log_kb = np.log(self.k * self.b)
            log_spend = np.where(curved, (log_cost + log_kb) / np.where(curved, 1 - self.b, 1), 0.0)
            spend = np.where(curved, np.exp(np.minimum(log_spend, 700)), np.where(log_cost + log_kb > 0, np.inf, 0))
        return np.clip(spend, self.lo, self.hi)

    def customers(self, spend: np.ndarray) -> np.ndarray:
        return self.k * np.power(spend, self.b)

    def bracket(self) -> tuple[float, float]:
        """Log marginal costs below which every channel is at its minimum and above which at its maximum."""
        with np.errstate(divide="ignore", invalid="ignore"):
            at_lo = (1 - self.b) * np.log(self.lo) - np.log(self.k * self.b)
            at_hi = (1 - self.b) * np.log(self.hi) - np.log(self.k * self.b)
        finite = np.concatenate([at_lo[np.isfinite(at_lo)], at_hi[np.isfinite(at_hi)]])
        middle = float(np.median(finite)) if len(finite) else 0.0
        return (float(finite.min()) - 1 if len(finite) else middle - 50, float(finite.max()) + 1 if len(finite) else middle + 50)


def _solve(paid: _Paid, total, goal: float, cap: np.ndarray) -> tuple[np.ndarray, float]:
    """The spends where `total(spend)` reaches `goal` at one common marginal cost, by bisection on its log;
    channels that jump at that cost (linear ones) share what is left between the two sides.

    `cap` is a spend no channel can usefully pass (the whole budget, or what alone reaches the goal): it
    stands in for an unbounded maximum, so a linear channel without one jumps to a finite spend.
    """
    paid = replace(paid, hi=np.maximum(np.minimum(paid.hi, cap), paid.lo))
    low, high = paid.bracket()
    # Unbounded channels have no breakpoint to start from: widen until the goal is inside.
    while total(paid.spend_at(high)) < goal and high < 700:
        high += 10
    while total(paid.spend_at(low)) > goal and low > -700:
        low -= 10
    for _ in range(ITERATIONS):
        middle = (low + high) / 2
        if middle in (low, high):
            break
        if total(paid.spend_at(middle)) < goal:
            low = middle
        else:
            high = middle
    below, above = paid.spend_at(low), paid.spend_at(high)
    got_below, got_above = total(below), total(above)
    share = 0.0 if got_above <= got_below else min(max((goal - got_below) / (got_above - got_below), 0.0), 1.0)
    return below + share * (above - below), (low + high) / 2


def _split(channels: Sequence[Channel]) -> tuple[list[ChannelCurve], list[OrganicChannel]]:
    check_unique(channels)
    paid = [c for c in channels if isinstance(c, ChannelCurve)]
    organic = [c for c in channels if isinstance(c, OrganicChannel)]
    if not paid or all(c.max_spend == 0 for c in paid):
        raise BudgetInputError(
            "Every channel is cut (its maximum spend is 0), so no budget can buy a customer; raise at least "
            "one channel's maximum spend."
        )
    return paid, organic


def _bound(spend: float, channel: ChannelCurve) -> str:
    if channel.max_spend == 0:
        return "cut"
    if spend >= channel.max_spend * (1 - AT_BOUND):
        return "at its maximum"
    if channel.min_spend > 0 and spend <= channel.min_spend * (1 + AT_BOUND):
        return "at its minimum"
    return ""


def _row(channel: Channel, spend: float, unit_volume: float, customers: float) -> dict:
    paid = isinstance(channel, ChannelCurve)
    last = channel.last_year_spend if paid else 0.0
    exponent = channel.curve.exponent if paid else math.nan
    volumes = {s: unit_volume * channel.per_unit.get(s, math.nan) for s in STAGE_COLUMNS}
    volumes[channel.unit] = unit_volume
    volumes["customers"] = customers
    return {
        "channel": channel.name,
        "kind": "paid" if paid else "organic",
        "last_year_spend": math.nan if last is None else last,
        "spend": spend,
        "change": spend - last if last is not None else math.nan,
        "change_share": spend / last - 1 if last else math.nan,
        "min_spend": channel.min_spend if paid else math.nan,
        "max_spend": channel.max_spend if paid else math.nan,
        "bound": _bound(spend, channel) if paid else "",
        "exponent": exponent,
        "unit": channel.unit,
        **volumes,
        "cac": spend / customers if customers > 0 and paid else math.nan,
        "marginal_cac": spend / (exponent * customers) if paid and customers > 0 and channel.max_spend > 0 else math.nan,
    }


def _allocation(
    channels: Sequence[Channel], paid: list[ChannelCurve], spend: np.ndarray, log_cost: float | None, **extra
) -> Allocation:
    arrays = _Paid.of(paid)
    customers = arrays.customers(spend)
    spent = dict(zip((c.name for c in paid), spend.tolist(), strict=True))
    bought = dict(zip((c.name for c in paid), customers.tolist(), strict=True))
    rows = []
    for channel in channels:
        if isinstance(channel, ChannelCurve):
            s = spent[channel.name]
            rows.append(_row(channel, s, float(channel.curve.volume(s)), bought[channel.name]))
        else:
            rows.append(_row(channel, 0.0, channel.volume, channel.customers))
    frame = pd.DataFrame(rows, columns=FRAME_COLUMNS)
    free = frame["bound"] == ""
    return Allocation(
        spend={c.name: spent.get(c.name, 0.0) for c in channels},
        customers=float(frame["customers"].sum()),
        budget=float(spend.sum()),
        frame=frame,
        marginal_cac=math.exp(log_cost) if log_cost is not None and bool((free & (frame["kind"] == "paid")).any()) else None,
        **extra,
    )


def allocate(channels: Sequence[Channel], budget: float, *, currency: str = "USD") -> Allocation:
    """The split of `budget` that brings the most customers within each channel's bounds.

    At the optimum one more customer costs the same in every channel not at a bound (for power curves,
    spend = (cost · k · b)^(1/(1−b)) with k the customers a unit of spend buys): the common cost is found
    by bisection. Organic channels add their customers at no spend. A budget above what the channels'
    maximums take is placed up to them and the rest reported as `unplaced`; one below their minimums is
    refused, as are negative budgets and plans where every channel is cut, each in one sentence.
    """
    paid, _ = _split(channels)
    if not (isinstance(budget, int | float) and math.isfinite(budget) and budget >= 0):
        raise BudgetInputError(f"The budget must be an amount of 0 or more; got {budget!r}.")
    arrays = _Paid.of(paid)
    least, most = float(arrays.lo.sum()), float(arrays.hi.sum())
    if budget < least * (1 - AT_BOUND):
        largest = max(paid, key=lambda c: c.min_spend)
        raise BudgetInputError(
            f"The {format_money(budget, currency)} budget is below the {format_money(least, currency)} the "
            f"channels' minimum spends add up to; lower a minimum ({largest.name}'s "
            f"{format_money(largest.min_spend, currency)} is the largest) or raise the budget."
        )
    if budget >= most:
        spend = arrays.hi.copy()
        unplaced = budget - most
        message = (
            f"Every channel is at its maximum spend, so {format_money(unplaced, currency)} of the "
            f"{format_money(budget, currency)} buys nothing more; raise a channel's maximum to place it."
            if unplaced > 0.5
            else ""
        )
        return _allocation(channels, paid, spend, None, unplaced=unplaced if unplaced > 0.5 else 0.0, message=message)
    spend, log_cost = _solve(arrays, lambda s: float(s.sum()), budget, np.full(len(paid), budget))
    return _allocation(channels, paid, spend, log_cost)


def budget_for(channels: Sequence[Channel], customers: float, *, currency: str = "USD") -> Allocation:
    """The least budget whose best split brings `customers`, and that split.

    When even every channel at its maximum falls short, the split at the maximums, with `short_by`
    (the customers missing), `binding` (the bounds that stop more) and a sentence saying both.
    """
    paid, organic = _split(channels)
    if not (isinstance(customers, int | float) and math.isfinite(customers) and customers >= 0):
        raise BudgetInputError(f"The customers to reach must be a number of 0 or more; got {customers!r}.")
    arrays = _Paid.of(paid)
    need = customers - sum(c.customers for c in organic)
    if need <= float(arrays.customers(arrays.lo).sum()):
        return _allocation(channels, paid, arrays.lo.copy(), None, target=customers)
    most = float(arrays.customers(arrays.hi).sum())
    if most < need:
        at_max = [c for c in paid if c.max_spend > 0]
        cut = [c.name for c in paid if c.max_spend == 0]
        binding = tuple(f"{c.name} at {format_money(c.max_spend, currency)}" for c in at_max)
        short = need - most
        message = (
            f"Even with every channel at its maximum ({format_money(float(arrays.hi.sum()), currency)} in all) the "
            f"channels bring {format_count(customers - short)} customers, {format_count(short)} short of the "
            f"{format_count(customers)} the goal needs: the maximums of {', '.join(binding)} bind"
            + (f" and {', '.join(cut)} {'is' if len(cut) == 1 else 'are'} cut" if cut else "")
            + "; raise those maximums or lower the goal."
        )
        return _allocation(
            channels, paid, arrays.hi.copy(), None, target=customers, short_by=short, binding=binding, message=message
        )
    with np.errstate(divide="ignore"):
        alone = np.power(need / arrays.k, 1 / arrays.b)
    spend, log_cost = _solve(arrays, lambda s: float(arrays.customers(s).sum()), need, alone)
    return _allocation(channels, paid, spend, log_cost, target=customers)
