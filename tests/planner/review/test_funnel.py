"""Last year's funnel: its rates drive the plan's funnel, and a rate that cannot keeps the plan's own and says why."""

import math

import pytest

from planner.funnel import DEFAULT_RATES
from planner.plan import apply_last_year, example_plan
from planner.review import (
    FunnelProblem,
    channel_summary,
    last_year_funnel,
    last_year_volumes,
)
from tests.planner.review.channel_rows import A, B, table


def test_last_year_rates_go_to_the_funnel_with_monthly_volumes():
    summary = channel_summary(table([A, B]))
    last = last_year_funnel(summary, months=12)

    funnel, notes = apply_last_year(example_plan().funnel, last)

    assert notes == []
    assert funnel.rates == pytest.approx((150 / 15000, 30 / 150, 15 / 30, 6 / 15, 3 / 6))
    assert funnel.today[1] == pytest.approx(150 / 12)
    assert last_year_volumes(last).volumes == (15000, 150, 30, 15, 6, 3)


def test_impossible_rates_keep_the_plans_rate_and_say_why():
    summary = channel_summary(table([["X", 10, 100, 10, 5, 8, 2, 1, 100]]))  # more SQLs than MQLs

    funnel, notes = apply_last_year(example_plan().funnel, last_year_funnel(summary))

    assert funnel.rates[2] == DEFAULT_RATES[2]
    assert "MQLs → SQLs was 160% last year" in notes[0]


def test_unknown_crm_lags_keep_the_plans_own():
    last = last_year_funnel(channel_summary(table([A, B])))

    funnel, _ = apply_last_year(example_plan().funnel, last, (None, 10.0, None, 10.0, 64.5))

    assert funnel.lags_days == (0.0, 10.0, 14.0, 10.0, 64.5)


def test_each_problem_names_its_rate_by_position_and_kind():
    # No sessions (a CRM export), more SQLs than MQLs, and no opportunities became customers.
    summary = channel_summary(table([["X", 10, math.nan, 10, 5, 8, 2, 0, 100]]))

    problems = last_year_funnel(summary).problems()

    assert [(p.transition, p.kind) for p in problems] == [
        (0, "nothing to divide by"),
        (2, "above 100%"),
        (4, "zero"),
    ]
    assert problems[1].sentence == (
        "MQLs → SQLs was 160% last year (more SQLs than MQLs); check the column mapping."
    )
    assert all(isinstance(p, FunnelProblem) for p in problems)


def test_a_problem_is_matched_to_its_rate_by_position_not_by_its_wording():
    # Stage names that start alike: a match on the sentence's start could pick the wrong rate.
    summary = channel_summary(table([["X", 10, 100, 10, 5, 8, 2, 1, 100]]))
    last = last_year_funnel(summary).model_copy(update={"stages": ("A", "A", "A", "A", "A", "A")})

    funnel, notes = apply_last_year(example_plan().funnel, last)

    assert funnel.rates[:2] == pytest.approx((0.1, 0.5)), "the rates before the impossible one are last year's"
    assert funnel.rates[2] == DEFAULT_RATES[2] and len(notes) == 1
