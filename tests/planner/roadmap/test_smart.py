"""SMART goals: percentage points are not relative percent, and what keeps a goal from being SMART is named."""

from datetime import date

import pytest

from planner.roadmap import (
    both_readings,
    changed_value,
    goal_review,
    goal_sentence,
    smart_problems,
)
from tests.planner.roadmap.goals import FUNNEL, Q1_2027, good_goal


def test_percentage_points_and_relative_percent_give_different_targets():
    assert changed_value(0.75, 0.75, "pp") == pytest.approx(1.5)
    assert changed_value(0.75, 0.75, "%") == pytest.approx(0.755625)
    assert both_readings(0.75, 0.75) == "0.75% → +0.75 pp is 1.5%; +0.75% relative is 0.756%."


def test_a_decrease_reads_as_one_both_ways():
    assert both_readings(1.5, -0.25) == "1.5% → −0.25 pp is 1.25%; −0.25% relative is 1.496%."


def test_the_domain_briefs_example_goal_is_plausible_by_default():
    # Raise session-to-contact conversion by 0.75 percentage points (from 0.75%) by the end of the quarter.
    goal = good_goal(metric="Website visits → Leads", baseline=0.75, change=0.75, unit="pp")

    assert smart_problems(goal, FUNNEL, *Q1_2027) == []


def test_the_example_goal_is_smart():
    assert smart_problems(good_goal(), FUNNEL, *Q1_2027) == []


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"baseline": None}, "Measurable: give it a number"),
        ({"change": None}, "Measurable: give it a number"),
        ({"change": 0}, "a change of 0 is no goal"),
        ({"deadline": None}, "Time-bound: set a deadline"),
        ({"deadline": date(2027, 4, 15)}, "the deadline 15 Apr 2027 is outside the quarter"),
        ({"metric": "Blog subscribers"}, "Relevant: tie it to an annual KPI"),
        ({"metric": ""}, "Specific: say which metric"),
        ({"change": 150}, "a +150% change in one quarter is beyond the 100% set as plausible"),
        ({"unit": "pp", "change": 5}, "percentage points only apply to rates, and MQLs is a volume"),
        (
            {"metric": "Website visits → Leads", "baseline": 1.5, "change": 99, "unit": "pp"},
            "a rate cannot reach 100.5%",
        ),
    ],
    ids=["no-baseline", "no-change", "zero-change", "no-deadline", "outside-quarter", "untied", "no-metric",
         "lift-too-far", "pp-on-a-volume", "rate-above-100"],
)  # fmt: skip
def test_what_makes_a_goal_not_smart_is_named(changes, expected):
    problems = smart_problems(good_goal(**changes), FUNNEL, *Q1_2027)

    assert any(expected in p for p in problems), problems


def test_a_metric_outside_the_funnel_is_relevant_once_tied_to_a_kpi():
    assert smart_problems(good_goal(metric="Blog subscribers", kpi="Leads"), FUNNEL, *Q1_2027) == []


def test_pp_on_a_rate_is_fine_and_the_lift_limit_is_the_users():
    rate_goal = good_goal(metric="Website visits → Leads", baseline=1.5, change=0.25, unit="pp")

    assert smart_problems(rate_goal, FUNNEL, *Q1_2027) == []
    assert smart_problems(rate_goal, FUNNEL, *Q1_2027, max_lift=0.1) != []


def test_a_rate_goals_review_gives_both_readings_and_a_smart_goal_no_problems():
    goal = good_goal(metric="Website visits → Leads", baseline=0.75, change=0.75, unit="pp")

    review = goal_review(goal, FUNNEL, *Q1_2027)

    assert review.smart
    assert review.sentences == [
        goal_sentence(goal, FUNNEL),
        "Both readings: 0.75% → +0.75 pp is 1.5%; +0.75% relative is 0.756%.",
    ]


def test_a_goal_that_is_not_smart_says_what_keeps_it_from_being_so():
    goal = good_goal(change=None)

    review = goal_review(goal, FUNNEL, *Q1_2027)

    assert not review.smart
    assert review.sentences[-1] == "Not SMART yet: " + " ".join(smart_problems(goal, FUNNEL, *Q1_2027))
