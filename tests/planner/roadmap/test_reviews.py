"""Reviews: fiscal quarters, review dates, progress against a straight line, carry-over and a new fiscal year."""

from datetime import date

import pytest

from planner.fiscal import quarter_dates
from planner.plan import example_plan, set_carry, set_fiscal_year
from planner.roadmap import (
    FocusArea,
    Quarter,
    Roadmap,
    follow_actuals,
    goal_progress,
    review_dates,
    set_carry_over,
)
from tests.planner.roadmap.goals import good_goal


@pytest.mark.parametrize(
    ("year", "quarter", "start_month", "first", "last"),
    [
        (2026, 3, 1, date(2026, 7, 1), date(2026, 9, 30)),
        (2026, 1, 4, date(2026, 4, 1), date(2026, 6, 30)),
        (2026, 4, 4, date(2027, 1, 1), date(2027, 3, 31)),
        (2026, 2, 10, date(2027, 1, 1), date(2027, 3, 31)),
        (2027, 1, 12, date(2027, 12, 1), date(2028, 2, 29)),
        (2026, 4, 7, date(2027, 4, 1), date(2027, 6, 30)),
    ],
    ids=[
        "calendar-q3",
        "april-start-q1",
        "april-start-q4",
        "october-start-q2",
        "december-start-leap",
        "july-q4",
    ],
)
def test_fiscal_quarters_follow_the_start_month(year, quarter, start_month, first, last):
    assert quarter_dates(year, quarter, start_month) == (first, last)


@pytest.mark.parametrize(
    ("year", "quarter", "start_month", "mid", "final"),
    [
        (2026, 3, 1, date(2026, 8, 15), date(2026, 9, 16)),
        (2027, 1, 1, date(2027, 2, 14), date(2027, 3, 17)),
        (2026, 1, 4, date(2026, 5, 16), date(2026, 6, 16)),
        (2026, 4, 4, date(2027, 2, 14), date(2027, 3, 17)),
    ],
    ids=["calendar-q3-2026", "calendar-q1-2027", "april-start-q1", "april-start-q4"],
)
def test_review_dates_are_mid_quarter_and_two_weeks_before_the_end(year, quarter, start_month, mid, final):
    dates = review_dates(year, quarter, start_month)

    assert dates == (mid, final)
    assert isinstance(dates.mid_quarter, date) and dates.final == final


def test_review_dates_default_to_a_calendar_year_and_refuse_a_fifth_quarter():
    assert review_dates(2026, 3) == (date(2026, 8, 15), date(2026, 9, 16))
    with pytest.raises(ValueError, match="quarter must be 1, 2, 3 or 4"):
        review_dates(2026, 5)


@pytest.mark.parametrize(
    ("mid_actual", "status"),
    [
        (20.25, "on track"),
        (19.9, "at risk"),
        (19.0, "off track"),
        (23.0, "on track"),
        (None, "not reviewed yet"),
    ],
    ids=["halfway", "slightly-behind", "far-behind", "target-met", "no-actual"],
)
def test_mid_quarter_status_against_a_straight_line_to_the_target(mid_actual, status):
    # Q1 2027: check-in on 14 Feb, 44 of the 89 days to the 31 Mar deadline, so the line expects 49.4%.
    quarter = Quarter(goals=(good_goal(mid_actual=mid_actual),))

    row = goal_progress(quarter, 2027, 1).iloc[0]

    assert row["status"] == status
    assert row["pace"] == pytest.approx(44 / 89)
    assert row["expected"] == pytest.approx(18 + 4.5 * 44 / 89)


def test_the_final_actual_is_judged_at_the_final_review():
    quarter = Quarter(goals=(good_goal(mid_actual=19.0, final_actual=22.0),))

    row = goal_progress(quarter, 2027, 1).iloc[0]

    assert row["review"] == "final"
    assert row["pace"] == pytest.approx(75 / 89)
    assert row["progress"] == pytest.approx(4 / 4.5)
    assert row["status"] == "on track"


def test_a_goal_to_lower_a_metric_counts_progress_downwards():
    quarter = Quarter(
        goals=(good_goal(metric="Cost per lead", kpi="Leads", baseline=200, change=-20, mid_actual=170),)
    )

    assert goal_progress(quarter, 2027, 1).iloc[0]["status"] == "on track"


def two_area_q1() -> Roadmap:
    q1 = Quarter(
        focus_areas=(FocusArea(name="Lead nurturing"), FocusArea(name="Events")),
        goals=(
            good_goal(focus_area="Lead nurturing", mid_actual=19.0, final_actual=21.0),
            good_goal(metric="SQLs", focus_area="Events", baseline=3.6, final_actual=4.0),
        ),
    )
    return Roadmap(quarters=(q1, Quarter(), Quarter(), Quarter()))


def test_carry_over_takes_the_latest_actuals_as_baselines():
    carried = set_carry_over(two_area_q1(), 1, ["Lead nurturing"], 2027)

    q2 = carried.quarter(2)
    assert q2.focus_names == ["Lead nurturing"]
    assert len(q2.goals) == 1
    goal = q2.goals[0]
    assert (goal.metric, goal.baseline, goal.change, goal.deadline) == ("MQLs", 21.0, 25, date(2027, 6, 30))
    assert goal.carried and goal.final_actual is None
    assert carried.quarter(1).focus_areas[0].carry_over
    assert set_carry_over(carried, 1, ["Lead nurturing"], 2027) == carried, "marking again changes nothing"


def test_what_the_user_deletes_from_the_next_quarter_stays_deleted():
    carried = set_carry_over(two_area_q1(), 1, ["Lead nurturing"], 2027)

    cleared = follow_actuals(carried.with_quarter(2, focus_areas=(), goals=()))

    assert cleared.quarter(2).focus_names == [] and cleared.quarter(2).goals == ()


def test_unmarking_takes_back_only_what_nobody_has_reviewed_or_used():
    carried = set_carry_over(two_area_q1(), 1, ["Lead nurturing", "Events"], 2027)
    reviewed = carried.quarter(2).goals[1].model_copy(update={"mid_actual": 4.2})
    carried = carried.with_quarter(2, goals=(carried.quarter(2).goals[0], reviewed))

    back = set_carry_over(carried, 1, [], 2027)

    assert back.quarter(2).focus_names == ["Events"], "its reviewed goal keeps the Events area"
    assert [g.metric for g in back.quarter(2).goals] == ["SQLs"]
    assert not any(a.carry_over for a in back.quarter(1).focus_areas)


def test_a_carried_goal_follows_a_later_actual_until_it_is_reviewed_itself():
    q1 = Quarter(focus_areas=(FocusArea(name="CRO"),), goals=(good_goal(focus_area="CRO", mid_actual=19.0),))
    roadmap = set_carry_over(Roadmap(quarters=(q1, Quarter(), Quarter(), Quarter())), 1, ["CRO"], 2027)
    assert roadmap.quarter(2).goals[0].baseline == 19.0

    later = follow_actuals(roadmap.with_quarter(1, goals=(good_goal(focus_area="CRO", final_actual=20.5),)))
    assert later.quarter(2).goals[0].baseline == 20.5

    reviewed = later.with_quarter(
        2, goals=(later.quarter(2).goals[0].model_copy(update={"mid_actual": 21.0}),)
    )
    again = follow_actuals(reviewed.with_quarter(1, goals=(good_goal(focus_area="CRO", final_actual=30.0),)))
    assert again.quarter(2).goals[0].baseline == 20.5, "a reviewed goal keeps its baseline"


def test_carrying_through_the_plan_keeps_every_other_quarter():
    plan = example_plan()
    q2_before = plan.roadmap.quarter(2)
    assert "Conversion-rate optimisation" in q2_before.focus_names, "the example carries CRO into Q2"

    plan = set_carry(plan, 1, ["Conversion-rate optimisation", "Lead nurturing"])

    assert "Lead nurturing" in plan.roadmap.quarter(2).focus_names
    assert plan.roadmap.quarter(3) == example_plan().roadmap.quarter(3)


def test_a_new_fiscal_year_moves_the_roadmap_with_its_quarters():
    plan = example_plan()
    q1 = plan.roadmap.quarter(1)

    moved = set_fiscal_year(plan, year=2028, start_month=4)

    first, last = quarter_dates(2028, 1, 4)
    q1_moved = moved.roadmap.quarter(1)
    assert q1_moved.initiatives[0].start == first
    assert (q1_moved.initiatives[0].due - first) == (q1.initiatives[0].due - date(2027, 1, 1))
    assert all(g.deadline == last for g in q1_moved.goals)
    assert moved.roadmap.quarter(4).goals[0].deadline == quarter_dates(2028, 4, 4)[1]
    assert set_fiscal_year(moved, year=2027, start_month=1) == plan, "moving back restores every date"
