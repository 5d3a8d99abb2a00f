"""The budget needed at the fitted exponents and at the ends of their range, said as one headline."""

import pytest

from planner.budget import BudgetChannel, ChannelSetup, budget_range


def paid(name, spend, leads, exponent, low, high):
    return BudgetChannel(
        name=name, verdict="scale", kind="paid", last_year_spend=spend, last_year_volume=leads, unit="leads",
        customers_per_unit=0.01, conversion_from="its own last year", conversion_lift=0.0, per_unit={}, fit=None,
        exponent=exponent, exponent_from="prior", low=low, high=high, bounds_rule="scale", min_spend=0.0,
        max_spend=10_000_000.0, note="",
    )  # fmt: skip


def test_the_headline_gives_the_budget_and_its_range_and_a_flatter_curve_costs_more_above_last_year():
    # One channel: last year $100K bought 1,000 leads, 10 customers. 20 customers need spend × 2^(1/b).
    setup = ChannelSetup(channels=(paid("Paid search", 100_000, 1_000, 0.6, 0.5, 0.8),), organic_growth=0)

    needed = budget_range(setup, 20)

    assert needed.needed.budget == pytest.approx(100_000 * 2 ** (1 / 0.6), rel=1e-6)
    cheap, dear = needed.ends
    assert cheap.budget == pytest.approx(100_000 * 2 ** (1 / 0.8), rel=1e-6)
    assert dear.budget == pytest.approx(100_000 * 2 ** (1 / 0.5), rel=1e-6)
    assert needed.headline() == "$317K (between $238K and $400K)"
