"""The one budget against last year's spend, the funnel's cost and the roadmap, each gap in words."""

from datetime import UTC, datetime
from pathlib import Path

import pytest

from planner.io import read_channel_file
from planner.plan import example_plan, replace, set_last_year, set_roadmap
from planner.review import last_year_from_channels
from planner.spend import budget_picture

SAMPLE = Path(__file__).resolve().parents[2] / "sample_data" / "channels_2025.csv"


def test_the_budget_is_set_against_last_years_spend_the_funnel_and_the_roadmap():
    read = read_channel_file(SAMPLE)
    plan = set_last_year(example_plan(), last_year_from_channels(read.table, read.file_name, datetime(2026, 12, 1, tzinfo=UTC)))
    plan = replace(plan, funnel=replace(plan.funnel, cost_per_unit=200.0))  # $200 a lead
    roadmap = replace(plan.roadmap, annual_budget=1_500_000, allocations=(23_000, 23_000, 23_000, 23_000))
    plan = set_roadmap(plan, roadmap)

    picture = budget_picture(plan)

    assert picture.budget == 1_500_000 and picture.last_year_spend == pytest.approx(1_399_906.87)
    assert picture.allocated == 92_000
    said = " ".join(picture.statements)
    assert "Last year's channels spent $1.4M (channels_2025.csv); this year's budget is $1.5M, +7% on last year." in said
    assert "The roadmap allocates $92.0K of the $1.5M budget; $1.4M is not yet in a quarter." in said
    # 10 customers at the example's rates need 1,250 leads a year; at $200 a lead, $250K.
    assert picture.demand_gen_cost == pytest.approx(250_000)
    assert "The funnel's demand-gen cost is $250K of the $1.5M budget; $1.2M is left for everything else." in said


def test_without_a_budget_the_plan_says_where_to_set_it():
    plan = set_roadmap(example_plan(), replace(example_plan().roadmap, annual_budget=None))

    assert budget_picture(plan).statements == (
        "The plan has no annual marketing budget yet: set it on the Quarterly roadmap's Budget tab.",
    )
