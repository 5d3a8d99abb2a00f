"""Roadmap models: a goal's target follows its unit, and a bad allocation is refused with its quarter."""

import pytest
from pydantic import ValidationError

from planner.roadmap import (
    Roadmap,
    SmartGoal,
)


def test_a_goal_target_follows_its_unit():
    points = SmartGoal(metric="Website visits → Leads", baseline=0.75, change=0.75, unit="pp")
    relative = SmartGoal(metric="MQLs", baseline=18, change=25, unit="%")

    assert points.target == pytest.approx(1.5)
    assert relative.target == pytest.approx(22.5)
    assert SmartGoal(metric="MQLs", baseline=18).target is None


def test_a_negative_allocation_is_refused_with_its_quarter():
    with pytest.raises(ValidationError, match="Q3's allocation must be 0 or more"):
        Roadmap(annual_budget=100, allocations=(25, 25, -5, 25))
