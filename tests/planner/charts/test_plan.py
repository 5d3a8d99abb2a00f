"""Charts of the plan: titles state the point, and the data equals planner's numbers."""

import re

import pytest

from planner import back_solve, forward, gap_to_today, plan_goals, sensitivity, stage_schedule
from planner.charts import (
    customers_per_month_chart,
    funnel_chart,
    gap_chart,
    revenue_bridge_chart,
    schedule_chart,
    tornado_chart,
)
from planner.funnel import Funnel
from planner.goals import GoalInputs

RATES = [0.015, 0.20, 0.20, 0.40, 0.50]


def title(fig) -> str:
    """The title as a reader sees it: line breaks and styling removed."""
    return " ".join(re.sub(r"<[^>]+>", " ", fig.layout.title.text).split())


def test_funnel_chart_carries_exact_volumes_and_says_log_widths():
    fig = funnel_chart(back_solve(0.75, RATES))

    assert list(fig.data[0].customdata) == pytest.approx([6250, 93.75, 18.75, 3.75, 1.5, 0.75])
    assert title(fig).startswith("6,250 website visits a month to win 0.75 customers")
    assert "log scale" in title(fig)
    assert "6,000 website visits a month yield 0.72 customers" in title(funnel_chart(forward(6000, RATES)))


def test_funnel_chart_with_a_zero_stage_falls_back_to_linear_widths():
    fig = funnel_chart(back_solve(0, RATES))

    assert list(fig.data[0].x) == [0] * 6
    assert "log scale" not in title(fig)


def test_revenue_bridge_steps_add_up():
    goal = plan_goals(GoalInputs(expansion_revenue=1_200_000, referral_share=0.25))
    fig = revenue_bridge_chart(goal, "EUR")

    goal_bar, upsell, referrals, marketing = fig.data[0].y
    assert goal_bar + upsell + referrals == pytest.approx(marketing)
    assert marketing == pytest.approx(6_600_000)
    assert "€6.6M of the €10.0M goal" in title(fig)
    assert fig.layout.yaxis.ticktext[:3] == ("€0", "€2M", "€4M"), "the axis is in the plan's currency"


def test_customers_per_month_shows_referrals_only_when_there_are_some():
    plain = plan_goals(GoalInputs())
    with_referrals = plan_goals(GoalInputs(referral_share=0.2))

    assert len(customers_per_month_chart(plain.per_month(2027), plain).data) == 1
    assert len(customers_per_month_chart(with_referrals.per_month(2027), with_referrals).data) == 2


def test_customers_per_month_labels_stand_level_with_the_year_under_the_month():
    goal = plan_goals(GoalInputs())
    fig = customers_per_month_chart(goal.per_month(2027), goal)

    assert fig.data[0].x[0] == "Jan<br>2027" and fig.data[0].x[-1] == "Dec<br>2027"
    assert fig.layout.xaxis.tickangle == 0


def test_gap_chart_names_the_worst_stage():
    gap = gap_to_today(back_solve(0.75, RATES), [6000, 90, 18, 3.6, 1.44, 0.72])

    assert title(gap_chart(gap)).startswith("Off track at 6 of 6 stages: Website visits needs +4% on today")
    on_track = gap_to_today(back_solve(0.5, RATES), [6000, 90, 18, 3.6, 1.44, 0.72])
    assert title(gap_chart(on_track)).startswith("On track at all 6 stages")


def test_tornado_chart_leads_with_the_top_ranked_rate():
    ranked = sensitivity(0.75, RATES, mode="points")

    fig = tornado_chart(ranked, "Website visits", "points")

    assert title(fig).startswith("Website visits → Leads moves the plan most: 2,500 fewer")
    assert list(fig.data[0].y)[-1] == "Website visits → Leads"


def test_schedule_chart_calls_out_the_day_one_pipeline():
    funnel = Funnel(lags_days=(0, 0, 0, 0, 3 * 365.25 / 12))
    fig = schedule_chart(stage_schedule(funnel, [0.75] * 12), 2027, 4)

    assert "start 3 months before the year" in title(fig)
    assert fig.data[0].x[0] == "Jan 2027 ◂"
    no_lags = schedule_chart(stage_schedule(Funnel(), [0.75] * 12), 2027, 1)
    assert title(no_lags).startswith("Every stage's volume falls inside the plan year")


def test_gap_chart_names_a_stage_producing_nothing_as_the_worst():
    gap = gap_to_today(back_solve(0.75, RATES), [6000, 0, 18, 3.6, 1.44, 0.72])

    assert "Leads produces nothing today" in title(gap_chart(gap))


def test_tornado_says_when_every_rate_ties_or_none_can_help():
    tie = tornado_chart(sensitivity(0.75, RATES, mode="relative"), "Website visits", "relative")
    capped = tornado_chart(sensitivity(1, [1.0, 1.0]), "Stage 1", "relative")

    assert title(tie).startswith("Every rate moves the plan equally")
    assert title(capped).startswith("No single rate can lower the plan")


def test_schedule_counts_only_months_that_hold_volume():
    funnel = Funnel(lags_days=(0, 0, 0, 0, 3 * 365.25 / 12))
    late_season = [0.0] * 11 + [1.0]

    fig = schedule_chart(stage_schedule(funnel, late_season), 2027, 1)

    assert title(fig).startswith("Every stage's volume falls inside the plan year")
