"""Time of 100,000 simulated years for the default funnel, next to numpy drawing the same numbers bare.

Run: `.venv/bin/python bench/confidence_speed.py`. Both use the same generator and the same binomial
draws (12 months × 5 stages per year); the difference is what `simulate_customers` adds around them.
Target: within 3× the bare draw.
"""

from __future__ import annotations

import statistics
import time

import numpy as np

from planner.confidence import simulate_customers, top_for_probability
from planner.funnel import DEFAULT_RATES, back_solve

N, MONTHS = 100_000, 12


def bare_draws(top: int) -> np.ndarray:
    rng = np.random.default_rng(0)
    volume = np.full((N, MONTHS), top, dtype=np.int64)
    for rate in DEFAULT_RATES:
        volume = rng.binomial(volume, rate)
    return volume.sum(axis=1)


def timed(call, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    top = back_solve(10 / 12, DEFAULT_RATES).top
    bare = timed(lambda: bare_draws(round(top)))
    ours = timed(lambda: simulate_customers(top, DEFAULT_RATES, n=N))
    uncertain = timed(lambda: simulate_customers(top, DEFAULT_RATES, n=N, uncertainty=0.2))
    inverse = timed(lambda: [top_for_probability(DEFAULT_RATES, 10, p, n=N) for p in (0.5, 0.8, 0.9)])
    print(f"numpy bare draws ({N:,} years)        {bare * 1000:7.0f} ms")
    print(
        f"simulate_customers, fixed rates       {ours * 1000:7.0f} ms   ratio {ours / bare:.2f}x (target <= 3x)"
    )
    print(f"simulate_customers, ±20% rates        {uncertain * 1000:7.0f} ms   ratio {uncertain / bare:.2f}x")
    print(f"traffic for 50/80/90% sure ({N:,})   {inverse * 1000:7.0f} ms")


if __name__ == "__main__":
    main()
