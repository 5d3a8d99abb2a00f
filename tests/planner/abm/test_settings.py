"""ABM settings kept in the plan, and the selection they describe."""

import pytest
from pydantic import ValidationError

from planner.abm import (
    AbmSettings,
    selection_label,
)
from planner.plan import Plan


def test_the_plan_keeps_abm_settings_and_refuses_a_bad_period():
    plan = Plan(abm=AbmSettings(tiers=("Tier 1",), period_months=6))

    assert Plan.model_validate_json(plan.model_dump_json()).abm.tiers == ("Tier 1",)
    with pytest.raises(ValidationError):
        AbmSettings(period_months=5)
    with pytest.raises(ValidationError):
        AbmSettings(period_end="2025-13")


@pytest.mark.parametrize(
    ("settings", "label"),
    [
        pytest.param(AbmSettings(), "all tiers · all owners", id="everyone"),
        pytest.param(AbmSettings(tiers=("Tier 1",)), "Tier 1 · all owners", id="one-tier"),
        pytest.param(
            AbmSettings(tiers=("Tier 1", "Tier 2"), owners=("Ana", "Bo")), "Tier 1, Tier 2 · Ana, Bo", id="both"
        ),
    ],
)
def test_the_selection_reads_as_the_page_and_the_deck_show_it(settings, label):
    assert selection_label(settings) == label
