"""How sure is the plan: Monte Carlo years of whole customers, and the traffic it takes to be sure."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from pydantic import BaseModel, ConfigDict

from planner.funnel import Funnel
from planner.validation import check_amount

# Certainty levels the page answers for ("to be 80% sure, plan for N visits a month").
LEVELS = (0.5, 0.8, 0.9)


def _check_counts(counts: Sequence[float], n_stages: int) -> np.ndarray:
    values = np.asarray(counts, dtype=float)
    if values.shape != (n_stages,):
        raise ValueError(f"counts: give one volume per stage ({n_stages}); got {values.size}.")
    if not np.all(np.isfinite(values)) or (values < 0).any():
        raise ValueError("counts: every stage volume must be a finite number, 0 or more.")
    above, below = values[:-1], values[1:]
    bad = np.nonzero(below > above)[0]
    if bad.size:
        i = int(bad[0])
        raise ValueError(
            f"counts: stage {i + 2} ({below[i]:g}) exceeds stage {i + 1} ({above[i]:g}); successes cannot "
            "exceed trials."
        )
    if (above == 0).any():
        raise ValueError(
            "counts: a stage with 0 volume leaves the rate below it unknown; give volumes above 0."
        )
    return values


def counts_match_rates(counts: Sequence[float] | None, rates: Sequence[float]) -> bool:
    """Whether last year's counts still describe the plan's rates (the user has not moved a slider since)."""
    if counts is None or len(counts) != len(rates) + 1:
        return False
    return all(
        above > 0 and abs(below / above - rate) < 1e-6
        for above, below, rate in zip(counts, counts[1:], rates, strict=False)
    )


def rate_draws(
    rates: Sequence[float],
    n: int,
    rng: np.random.Generator,
    counts: Sequence[float] | None = None,
    uncertainty: float = 0.0,
) -> np.ndarray:
    """An (n, stages − 1) array of conversion rates, one row per simulated year.

    From last year's `counts`: Beta(successes + 1, failures + 1), successes being a stage's volume
    and trials the volume above. Otherwise each rate is Beta with the rate as its mean and
    `uncertainty` as its relative standard deviation (0: the rate itself, no uncertainty).
    """
    rates = np.asarray(Funnel.build(rates).rates)
    if counts is not None:
        volumes = _check_counts(counts, len(rates) + 1)
        successes, trials = volumes[1:], volumes[:-1]
        return rng.beta(successes + 1, trials - successes + 1, size=(n, len(rates)))
    uncertainty = check_amount("uncertainty", uncertainty)
    if uncertainty == 0:
        return np.broadcast_to(rates, (n, len(rates)))
    # Method of moments: mean r, variance (u·r)², capped so both Beta parameters stay at least 1
    # (a single-peaked Beta; wider would pile the rate up at 0 and 1).
    safe = np.clip(rates, 1e-9, 1 - 1e-9)
    variance = np.minimum(
        (uncertainty * rates) ** 2, safe * (1 - safe) / (1 + np.maximum(1 / safe, 1 / (1 - safe)))
    )
    common = rates * (1 - rates) / np.maximum(variance, 1e-300) - 1
    alpha, beta = rates * common, (1 - rates) * common
    draws = np.empty((n, len(rates)))
    for i, rate in enumerate(rates):
        draws[:, i] = rate if rate >= 1 else rng.beta(alpha[i], beta[i], size=n)
    return draws


def simulate_customers(
    top_per_month: float,
    rates: Sequence[float],
    months: int = 12,
    n: int = 100_000,
    seed: int = 0,
    counts: Sequence[float] | None = None,
    uncertainty: float = 0.0,
    monthly: bool = False,
) -> np.ndarray:
    """Whole year-end customers in `n` simulated years (or (n, months) monthly customers if `monthly`).

    Each month the top of the funnel is `top_per_month` (rounded to whole visitors); every stage
    below is drawn as whole numbers from the one above (binomial), stage by stage. With
    `counts=None` and no `uncertainty` only chance varies; `counts` (last year's volume per
    stage) or `uncertainty` also vary the rates from year to year.
    """
    top = round(check_amount("top_per_month", top_per_month))
    if not (isinstance(months, int) and 1 <= months <= 120):
        raise ValueError(f"months must be a whole number from 1 to 120; got {months}.")
    if not (isinstance(n, int) and 1 <= n <= 10_000_000):
        raise ValueError(f"n must be a whole number from 1 to 10,000,000; got {n}.")
    rng = np.random.default_rng(seed)
    drawn_rates = rate_draws(rates, n, rng, counts, uncertainty)
    volume = np.full((n, months), top, dtype=np.int64)
    for stage in range(drawn_rates.shape[1]):
        volume = rng.binomial(volume, drawn_rates[:, stage : stage + 1])
    return volume if monthly else volume.sum(axis=1)


class Confidence(BaseModel):
    """What the simulation says about one plan: chances, spreads and the month-by-month fan."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    simulations: int
    top_per_month: float
    goal_customers: float
    goal_revenue: float
    p_customers: float
    p_revenue: float
    customers_p10: float
    customers_p50: float
    customers_p90: float
    revenue_p10: float
    revenue_p50: float
    revenue_p90: float
    cumulative_p10: tuple[float, ...]
    cumulative_p50: tuple[float, ...]
    cumulative_p90: tuple[float, ...]
    revenue_sample: tuple[float, ...]


def confidence(
    top_per_month: float,
    rates: Sequence[float],
    goal_customers: float,
    goal_revenue: float,
    deal_size: float,
    deal_spread: float = 0.35,
    deal_amounts: Sequence[float] | None = None,
    months: int = 12,
    n: int = 20_000,
    seed: int = 0,
    counts: Sequence[float] | None = None,
    uncertainty: float = 0.0,
) -> Confidence:
    """Chance of reaching the customer and revenue goals with a planned monthly top-of-funnel volume.

    Revenue adds one deal per simulated customer: drawn from last year's `deal_amounts` when given
    (bootstrap), else lognormal around `deal_size` with `deal_spread` as its coefficient of variation.
    """
    deal_size = check_amount("deal_size", deal_size, positive=True)
    spread = check_amount("deal_spread", deal_spread)
    monthly = simulate_customers(top_per_month, rates, months, n, seed, counts, uncertainty, monthly=True)
    customers = monthly.sum(axis=1)
    rng = np.random.default_rng(seed + 1)
    total = int(customers.sum())
    if deal_amounts is not None and len(deal_amounts):
        pool = np.asarray([a for a in deal_amounts if math.isfinite(a) and a > 0], dtype=float)
        deals = rng.choice(pool, size=total) if pool.size else np.full(total, deal_size)
    elif spread > 0:
        sigma = math.sqrt(math.log(1 + spread**2))
        deals = rng.lognormal(math.log(deal_size) - sigma**2 / 2, sigma, size=total)
    else:
        deals = np.full(total, deal_size)
    revenue = np.bincount(np.repeat(np.arange(n), customers), weights=deals, minlength=n)
    cumulative = np.cumsum(monthly, axis=1)
    c10, c50, c90 = np.percentile(cumulative, [10, 50, 90], axis=0)
    return Confidence(
        simulations=n,
        top_per_month=top_per_month,
        goal_customers=goal_customers,
        goal_revenue=goal_revenue,
        p_customers=float((customers >= goal_customers - 1e-9).mean()),
        p_revenue=float((revenue >= goal_revenue * (1 - 1e-12)).mean()),
        customers_p10=float(np.percentile(customers, 10)),
        customers_p50=float(np.percentile(customers, 50)),
        customers_p90=float(np.percentile(customers, 90)),
        revenue_p10=float(np.percentile(revenue, 10)),
        revenue_p50=float(np.percentile(revenue, 50)),
        revenue_p90=float(np.percentile(revenue, 90)),
        cumulative_p10=tuple(c10.tolist()),
        cumulative_p50=tuple(c50.tolist()),
        cumulative_p90=tuple(c90.tolist()),
        revenue_sample=tuple(revenue[:5_000].tolist()),
    )


def top_for_probability(
    rates: Sequence[float],
    goal_customers: float,
    probability: float,
    months: int = 12,
    n: int = 20_000,
    seed: int = 0,
    counts: Sequence[float] | None = None,
    uncertainty: float = 0.0,
) -> int:
    """The smallest monthly top-of-funnel volume that reaches `goal_customers` with `probability`.

    Uses that a year's customers, given the year's rates, are Binomial(months × top, product of
    rates): the same distribution as drawing stage by stage, so the search draws once per year.
    Every volume tried reuses the same seed, so the answer is reproducible.
    """
    if not 0 < probability < 1:
        raise ValueError(f"probability must be above 0 and below 1; got {probability}.")
    goal = math.ceil(check_amount("goal_customers", goal_customers) - 1e-9)
    if goal == 0:
        return 0
    rng = np.random.default_rng(seed)
    product = rate_draws(rates, n, rng, counts, uncertainty).prod(axis=1)

    def chance(top: int) -> float:
        draws = np.random.default_rng(seed + 2).binomial(months * top, product)
        return float((draws >= goal).mean())

    low, high = 0, max(1, math.ceil(goal / (months * float(np.mean(product)))))
    while chance(high) < probability:
        low, high = high, high * 2
        if high > 10**12:
            raise ValueError("No traffic reaches that certainty: the rates are too close to 0.")
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (middle, high) if chance(middle) < probability else (low, middle)
    return high
