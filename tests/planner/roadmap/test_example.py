"""The worked example's roadmap is full, clean and survives a round trip."""

from planner.fiscal import quarter_dates
from planner.plan import Plan, example_plan
from planner.roadmap import (
    budget_flags,
    focus_flags,
    smart_problems,
)
from tests.planner.roadmap.goals import FUNNEL


def test_the_example_roadmap_is_full_clean_and_survives_a_round_trip():
    plan = example_plan()
    q1 = plan.roadmap.quarter(1)
    first, last = quarter_dates(plan.fiscal_year, 1, plan.fiscal_year_start_month)

    assert len(q1.focus_areas) == 2 and len(q1.initiatives) == 3 and len(q1.hypotheses) == 2
    assert all(smart_problems(g, FUNNEL, first, last) == [] for g in q1.goals)
    assert budget_flags(plan.roadmap) == [] and focus_flags(plan.roadmap) == []
    assert Plan.model_validate_json(plan.model_dump_json()) == plan
