"""Month by month: spend follows the plan's seasonality, a funnel's lag earlier than the customers it buys."""

import pytest

from planner.budget import (
    ChannelCurve,
    ResponseCurve,
    allocate,
    before_year,
    month_weights,
    quarter_allocations,
    spend_by_month,
)
from planner.funnel import DAYS_PER_MONTH

FLAT = (1.0,) * 12


def test_without_a_lag_spend_falls_in_the_months_of_its_customers():
    first, weights = month_weights((2.0, *(1.0,) * 11), 0)

    assert first == 0 and len(weights) == 12
    assert weights[0] == pytest.approx(2 / 13) and weights.sum() == pytest.approx(1)


def test_a_one_month_lag_moves_a_twelfth_of_a_flat_year_before_it_starts():
    first, weights = month_weights(FLAT, DAYS_PER_MONTH)

    assert first == -1
    assert weights.tolist() == pytest.approx([1 / 12] * 12 + [0])


def test_a_part_month_lag_splits_a_months_spend_between_the_two_months_around_it():
    first, weights = month_weights(FLAT, 1.5 * DAYS_PER_MONTH)

    assert first == -2 and weights.sum() == pytest.approx(1)
    assert weights[0] == pytest.approx(0.5 / 12) and weights[-1] == pytest.approx(0)
    assert weights[-2] == pytest.approx(0.5 / 12)


def test_spend_before_the_year_is_shown_as_such_and_recurs_in_the_quarters_at_the_years_end():
    channel = ChannelCurve(name="Paid search", curve=ResponseCurve(scale=2.0, exponent=0.5), customers_per_unit=0.1)
    phasing = spend_by_month(allocate([channel], 120_000), FLAT, DAYS_PER_MONTH)

    assert phasing["spend"].sum() == pytest.approx(120_000)
    assert before_year(phasing) == pytest.approx(10_000)
    # December before the year (10,000) recurs in the year's December: every quarter carries three months.
    assert quarter_allocations(phasing) == pytest.approx((30_000, 30_000, 30_000, 30_000))
    seasonal = spend_by_month(allocate([channel], 120_000), (2.0, *(1.0,) * 11), DAYS_PER_MONTH)
    # January's double share of customers needs its spend in December: Q4 carries it.
    assert quarter_allocations(seasonal) == pytest.approx((120_000 * 3 / 13, 120_000 * 3 / 13, 120_000 * 3 / 13,
                                                           120_000 * 4 / 13))  # fmt: skip
    # The customers still arrive in the year's own months.
    assert phasing.loc[phasing["month"] < 0, "customers"].sum() == 0
