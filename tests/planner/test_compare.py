"""Comparing two plans: the same measures read from each, and the differences a reader should see."""

import pytest

from planner.compare import compare_plans, comparison_table
from planner.funnel import back_solve
from planner.plan import example_plan, replace
from planner.plan import plan_targets as targets_of


def row(frame, measure):
    return frame.set_index("measure").loc[measure]


def test_a_bigger_deal_halves_the_customers_and_every_stage():
    first = example_plan()
    second = replace(first, goals=replace(first.goals, avg_deal_size=2_000_000))

    compared = compare_plans(first, second)

    assert row(compared, "New customers needed")[["first", "second"]].tolist() == [10, 5]
    assert row(compared, "Website visits")["second"] == pytest.approx(
        back_solve(5 / 12, first.funnel.rates).top
    )
    assert not row(compared, "Revenue goal")["differs"]
    assert compared[compared["differs"]]["measure"].tolist() == [
        "Average first-year deal size",
        "New customers needed",
        "Customers marketing must source",
        *first.funnel.stages,
    ]


def test_the_same_plan_shows_no_difference():
    compared = compare_plans(example_plan(), example_plan())

    assert not compared["differs"].any()
    assert set(comparison_table(compared, example_plan(), example_plan())["difference"]) == {"same"}


def test_stages_are_matched_by_name_and_a_missing_one_shows_a_dash():
    first = example_plan()
    funnel = replace(
        first.funnel,
        stages=(*first.funnel.stages[:3], *first.funnel.stages[4:]),
        rates=(0.015, 0.2, 0.08, 0.5),
        lags_days=None,
        today=None,
    )
    second = replace(first, funnel=funnel)

    table = comparison_table(compare_plans(first, second), first, second)

    sqls = row(table, "SQLs")
    assert (sqls["second"], sqls["difference"], sqls["differs"]) == ("—", "—", True)
    visits = row(compare_plans(first, second), "Website visits")
    assert visits["second"] == pytest.approx(targets_of(second).monthly.top)
    assert not visits["differs"], "the same overall conversion needs the same visits"
    assert row(table, "MQLs → Opportunities")["first"] == "—"


def test_rates_differ_in_points_and_money_only_in_one_currency():
    first = example_plan()
    second = replace(first, currency="EUR", funnel=replace(first.funnel.with_rate(0, 0.02), cost_per_unit=50))

    table = comparison_table(compare_plans(first, second), first, second)

    assert row(table, "Website visits → Leads")["difference"] == "+0.5 points"
    goal = row(table, "Revenue goal")
    assert (goal["first"], goal["second"], goal["difference"]) == ("$10.0M", "€10.0M", "—")
    assert row(table, "Demand-gen budget (funnel cost)")["first"] == "—"


def test_the_comparison_caption_counts_the_measures_that_differ():
    import pandas as pd

    from planner.compare import differences_said

    table = pd.DataFrame({"differs": [True, False, True]})

    assert differences_said(table).startswith("2 of 3 measures differ (highlighted).")
    assert differences_said(table.iloc[:1]).startswith("1 of 1 measure differs (highlighted).")
