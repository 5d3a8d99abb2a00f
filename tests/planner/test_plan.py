"""The working plan: the example, validated edits, stage editing, and the targets it implies."""

import math

import pytest
from pydantic import ValidationError

from planner.plan import (
    FunnelInputs,
    Plan,
    StageRow,
    edit_stages,
    example_plan,
    plan_targets,
    replace,
    stage_rows,
)
from planner.validation import explain


def test_example_plan_is_the_worked_example():
    targets = plan_targets(example_plan())

    assert targets.goal.customers_whole == 10
    assert targets.yearly.bottom == 10
    assert targets.monthly.top == pytest.approx(10 / 12 / (0.015 * 0.2 * 0.2 * 0.4 * 0.5))
    assert example_plan().funnel.today[:3] == pytest.approx((6000, 90, 18))


def test_article_rounding_reproduces_the_brief_table():
    plan = example_plan()
    plan = replace(plan, goals=replace(plan.goals, rounding="down"))

    targets = plan_targets(plan)

    assert targets.monthly.volumes == pytest.approx((6250, 93.75, 18.75, 3.75, 1.5, 0.75))


@pytest.mark.parametrize("rate", [0.0, 1.5, math.nan], ids=repr)
def test_a_rate_out_of_range_asks_for_one_with_the_stages_own_example(rate):
    funnel = example_plan().funnel

    with pytest.raises(ValueError) as refused:
        funnel.with_rate(2, rate)

    assert str(refused.value) == "enter a conversion rate above 0% and at most 100%, for example 20%."
    renamed = replace(funnel, stages=("Sessions", *funnel.stages[1:]))
    with pytest.raises(ValueError, match="for example 20%"):
        renamed.with_rate(0, rate)
    with pytest.raises(ValueError, match=r"for example 1\.5%"):
        funnel.with_rate(0, rate)


def test_replace_validates_what_model_copy_would_not():
    plan = example_plan()
    with pytest.raises(ValidationError, match="conversion rate 1"):
        replace(plan, funnel=replace(plan.funnel, rates=(0.0, *plan.funnel.rates[1:])))
    with pytest.raises(ValidationError, match="name"):
        replace(plan, name="  ")
    with pytest.raises(ValidationError, match="fiscal_year_start_month"):
        replace(plan, fiscal_year_start_month=13)
    with pytest.raises(ValidationError, match="currency"):
        replace(plan, currency="XYZ")


def test_removing_a_stage_keeps_the_overall_conversion():
    inputs = example_plan().funnel
    rows = stage_rows(inputs)

    edited = edit_stages(inputs, [r for r in rows if r.name != "SQLs"])

    assert edited.stages == ("Website visits", "Leads", "MQLs", "Opportunities", "Customers")
    assert edited.rates == pytest.approx((0.015, 0.2, 0.08, 0.5))
    assert edited.today == pytest.approx((6000, 90, 18, 1.44, 0.72))


def test_renaming_keeps_the_rate_and_adding_a_stage_starts_at_100_percent():
    inputs = example_plan().funnel
    rows = stage_rows(inputs)
    rows[-1] = rows[-1].model_copy(update={"name": "Closed-won"})
    rows.insert(5, StageRow(name="Proposal", lag_days=10))

    edited = edit_stages(inputs, rows)

    assert edited.stages[-3:] == ("Opportunities", "Proposal", "Closed-won")
    assert edited.rates == pytest.approx((0.015, 0.2, 0.2, 0.4, 1.0, 0.5))
    assert edited.lags_days[-2:] == (10, 90)
    assert back_solve_top(edited) == pytest.approx(back_solve_top(inputs))


def back_solve_top(inputs: FunnelInputs) -> float:
    from planner.funnel import back_solve

    return back_solve(1, inputs.rates, inputs.stages).top


def test_editing_stages_refuses_an_empty_name_and_keeps_the_cost_stage_in_range():
    inputs = example_plan().funnel
    rows = stage_rows(inputs)
    with pytest.raises(ValidationError, match="stage 2 has no name"):
        edit_stages(inputs, [rows[0], rows[1].model_copy(update={"name": ""}), *rows[2:]])

    two = edit_stages(replace(inputs, cost_stage_index=4), rows[:2])
    assert two.cost_stage_index == 1


def test_funnel_inputs_check_today_lengths_and_values():
    with pytest.raises(ValidationError, match="6 stages need 6 volumes"):
        FunnelInputs(today=(1, 2))
    with pytest.raises(ValidationError, match="0 or more"):
        FunnelInputs(today=(1, -2, 1, 1, 1, 1))
    with pytest.raises(ValidationError, match="cost_per_unit"):
        FunnelInputs(cost_per_unit=0)


def test_plan_round_trips_through_json():
    plan = example_plan()

    assert Plan.model_validate_json(plan.model_dump_json()) == plan


def test_the_cost_stays_on_its_stage_when_stages_move():
    inputs = replace(example_plan().funnel, cost_per_unit=200, cost_stage_index=1)
    rows = stage_rows(inputs)

    edited = edit_stages(inputs, rows[1:])  # remove Website visits: Leads is now first

    assert edited.stages[edited.cost_stage_index] == "Leads"


def test_planned_traffic_is_what_the_team_set_else_today_else_the_requirement():
    from planner.plan import FunnelInputs

    assert FunnelInputs(planned_top=7000).planned_top_or(6250) == 7000
    assert FunnelInputs(today=(6000, 90, 18, 3.6, 1.44, 0.72)).planned_top_or(6250) == 6000
    assert FunnelInputs().planned_top_or(6250) == 6250


def test_stage_editor_rows_read_blank_cells_as_none():
    from planner.plan import stage_rows_from_table

    rows = stage_rows_from_table(
        [
            {"name": "Visits", "source": 0.0, "today": 6000.0, "lag_days": None},
            {"name": None, "source": float("nan"), "today": float("nan"), "lag_days": 7},
        ]
    )

    assert [(r.name, r.source, r.today, r.lag_days) for r in rows] == [
        ("Visits", 0, 6000.0, None),
        ("", None, None, 7.0),
    ]


def test_rates_that_multiply_to_nothing_are_refused_where_the_plan_is_validated():
    plan = example_plan()

    with pytest.raises(ValueError, match=r"the plan needs inf website visits a year, more than 10,000,000,000,000"):
        replace(plan, funnel=replace(plan.funnel, rates=(1e-300, 1e-300, 0.2, 0.4, 0.5)))
    with pytest.raises(ValidationError) as refused:
        replace(plan, funnel=replace(plan.funnel, forward_top=1e300))
    assert explain(refused.value) == "forward_top: enter a number from 0 to 10,000,000,000,000 (ten trillion), not 1e+300."
