"""Confidence: simulated years of whole customers, the known binomial case, and the traffic to be sure."""

import math

import numpy as np
import pytest

from planner.confidence import confidence, rate_draws, simulate_customers, top_for_probability
from planner.funnel import back_solve

RATES = [0.015, 0.20, 0.20, 0.40, 0.50]


def binomial_cdf(k: int, trials: int, p: float) -> float:
    return sum(math.comb(trials, i) * p**i * (1 - p) ** (trials - i) for i in range(k + 1))


def test_a_one_stage_funnel_is_a_binomial():
    # 10 visitors a month for a year at 30%: year-end customers ~ Binomial(120, 0.3), computed by hand.
    customers = simulate_customers(10, [0.3], months=12, n=200_000, seed=1)

    for k in (28, 36, 44):
        assert (customers <= k).mean() == pytest.approx(binomial_cdf(k, 120, 0.3), abs=0.005)
    assert customers.dtype.kind == "i"


def test_worked_example_at_the_back_solved_traffic_is_a_coin_flip():
    top = back_solve(10 / 12, RATES).top  # 6,944 visits a month for 10 customers a year
    customers = simulate_customers(top, RATES, n=100_000, seed=3)

    # Year-end customers ~ Binomial(83,333, 0.00012): P(≥ 10) ≈ 0.54, P(≤ 5) ≈ 0.067, P(≥ 13) ≈ 0.21.
    trials, p = 12 * round(top), 0.015 * 0.2 * 0.2 * 0.4 * 0.5
    assert (customers >= 10).mean() == pytest.approx(1 - binomial_cdf(9, trials, p), abs=0.01)
    assert (customers <= 5).mean() == pytest.approx(binomial_cdf(5, trials, p), abs=0.01)
    assert np.percentile(customers, [10, 50, 90]).tolist() == [6, 10, 14]


def test_same_seed_same_years():
    a = simulate_customers(5000, RATES, n=1000, seed=42)
    b = simulate_customers(5000, RATES, n=1000, seed=42)

    assert (a == b).all()


def test_more_traffic_never_lowers_the_chance():
    chances = [
        confidence(top, RATES, 10, 1.0, 1_100_000, n=20_000).p_customers for top in (4000, 6000, 8000, 10_000)
    ]

    assert chances == sorted(chances)
    assert chances[-1] > 0.85


def test_very_large_counts_converge_to_the_back_solve():
    # Last year's volumes a thousand times larger than any plan: the rates are known almost exactly.
    counts = [v * 1000 for v in (6_000_000, 90_000, 18_000, 3_600, 1_440, 720)]
    top = back_solve(1000 / 12, RATES).top

    with_counts = simulate_customers(top, RATES, n=20_000, seed=5, counts=counts)

    assert with_counts.mean() == pytest.approx(1000, rel=0.01)
    assert top_for_probability(RATES, 1000, 0.5, counts=counts) == pytest.approx(top, rel=0.02)


def test_without_uncertainty_the_50_percent_traffic_is_the_back_solve():
    top = back_solve(1000 / 12, RATES).top

    assert top_for_probability(RATES, 1000, 0.5) == pytest.approx(top, rel=0.01)


def test_more_certainty_needs_more_traffic():
    tops = [top_for_probability(RATES, 10, p) for p in (0.5, 0.8, 0.9)]

    assert tops == sorted(tops) and tops[0] < tops[-1]
    assert tops[1] > back_solve(10 / 12, RATES).top


def test_rate_uncertainty_widens_the_spread_but_keeps_the_mean_rate():
    rng = np.random.default_rng(0)
    draws = rate_draws(RATES, 200_000, rng, uncertainty=0.2)

    assert draws.mean(axis=0) == pytest.approx(RATES, rel=0.01)
    assert draws.std(axis=0) == pytest.approx([0.2 * r for r in RATES], rel=0.03)
    narrow = simulate_customers(6944, RATES, n=50_000, seed=2)
    wide = simulate_customers(6944, RATES, n=50_000, seed=2, uncertainty=0.2)
    assert wide.std() > narrow.std()


def test_revenue_from_deal_amounts_and_the_fan():
    result = confidence(6944, RATES, 10, 11_000_000, 1_100_000, deal_amounts=[1_100_000], n=10_000)

    assert result.revenue_p50 == pytest.approx(result.customers_p50 * 1_100_000)
    assert len(result.cumulative_p50) == 12
    assert result.cumulative_p50[-1] == pytest.approx(result.customers_p50, abs=1)
    assert list(result.cumulative_p10) == sorted(result.cumulative_p10)


@pytest.mark.parametrize(
    ("counts", "message"),
    [
        pytest.param([100, 10, 20, 5, 2, 1], "exceeds stage 2", id="successes-exceed-trials"),
        pytest.param([100, -10, 5, 2, 1, 1], "0 or more", id="negative"),
        pytest.param([100, 10, 5], "one volume per stage", id="wrong-length"),
    ],
)
def test_impossible_counts_are_refused(counts, message):
    with pytest.raises(ValueError, match=message):
        simulate_customers(100, RATES, n=10, counts=counts)


def test_bad_arguments_are_refused():
    with pytest.raises(ValueError, match="top_per_month"):
        simulate_customers(-1, RATES)
    with pytest.raises(ValueError, match="probability"):
        top_for_probability(RATES, 10, 1.0)
    with pytest.raises(ValueError, match="conversion rate 2"):
        simulate_customers(100, [0.5, 0])


def test_wide_uncertainty_on_a_high_rate_stays_single_peaked():
    draws = rate_draws([0.9], 100_000, np.random.default_rng(0), uncertainty=0.35)[:, 0]

    assert (draws < 0.1).mean() < 0.001
    assert draws.mean() == pytest.approx(0.9, abs=0.01)
