"""Time of `allocate` and `budget_for` for 20 channels, next to a bare numpy bisection of the same optimum.

Run: `.venv/bin/python bench/budget_speed.py`. The channels are drawn once from a fixed seed (power
curves with exponents 0.3–0.9, a third with a minimum spend, a third with a maximum, one cut). The
bare baseline solves the same problem (one common marginal cost per customer, found by bisection on
its log, spends clipped to the bounds) on plain arrays, with no validation and no per-channel frame;
the difference is what the model adds around the maths. Target: each call under 50 ms.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from planner.budget import ChannelCurve, ResponseCurve, allocate, budget_for

CHANNELS, BUDGET, REPEAT = 20, 2_000_000.0, 50


def channels() -> list[ChannelCurve]:
    rng = np.random.default_rng(14)
    made = []
    for i in range(CHANNELS):
        spend = float(rng.uniform(10_000, 300_000))
        exponent = float(rng.uniform(0.3, 0.9))
        leads = float(rng.uniform(200, 5_000))
        bounds = {}
        if i % 3 == 0:
            bounds["min_spend"] = 0.5 * spend
        if i % 3 == 1:
            bounds["max_spend"] = 1.5 * spend
        if i == CHANNELS - 1:
            bounds = {"max_spend": 0.0}
        curve = ResponseCurve.through(spend, leads, exponent)
        per_unit = float(rng.uniform(0.002, 0.02))
        made.append(
            ChannelCurve(name=f"Channel {i + 1}", curve=curve, customers_per_unit=per_unit, last_year_spend=spend, **bounds)
        )
    return made


def bare_allocate(k: np.ndarray, b: np.ndarray, lo: np.ndarray, hi: np.ndarray, budget: float) -> np.ndarray:
    """The same optimum on plain arrays: customers = k·s^b, marginal cost s^(1−b)/(k·b) equal where free."""
    log_kb = np.log(k * b)
    low, high = -60.0, 60.0
    for _ in range(200):
        middle = (low + high) / 2
        spend = np.clip(np.exp((middle + log_kb) / (1 - b)), lo, hi)
        low, high = (middle, high) if spend.sum() < budget else (low, middle)
    return np.clip(np.exp((high + log_kb) / (1 - b)), lo, hi)


def timed(call) -> tuple[float, float]:
    times = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return statistics.median(times), max(times)


def main() -> None:
    made = channels()
    k = np.array([c.curve.scale * c.customers_per_unit for c in made])
    b = np.array([c.curve.exponent for c in made])
    lo = np.array([c.min_spend for c in made])
    hi = np.array([c.max_spend for c in made])
    split = allocate(made, BUDGET)
    bare = bare_allocate(k, b, lo, hi, BUDGET)
    assert np.allclose(list(split.spend.values()), bare, rtol=1e-6), "the model and the baseline disagree"
    goal = 0.8 * split.customers

    rows = [
        ("bare numpy bisection (same optimum)", timed(lambda: bare_allocate(k, b, lo, hi, BUDGET))),
        ("allocate(20 channels, $2M)", timed(lambda: allocate(made, BUDGET))),
        (f"budget_for(20 channels, {goal:,.0f} customers)", timed(lambda: budget_for(made, goal))),
    ]
    base = rows[0][1][0]
    print(f"{CHANNELS} channels, median and worst of {REPEAT} calls each")
    for name, (median, worst) in rows:
        print(f"{name:<44} median {median * 1000:6.2f} ms   worst {worst * 1000:6.2f} ms   {median / base:5.1f}× bare")
    print("target: allocate and budget_for each under 50 ms")


if __name__ == "__main__":
    main()
