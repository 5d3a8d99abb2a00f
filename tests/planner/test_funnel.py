"""Funnel: the worked example both ways, whole units, gaps, sensitivity, goal-seek, lags, budget."""

import itertools
import math
import re

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from planner.funnel import (
    DEFAULT_RATES,
    DEFAULT_STAGES,
    Funnel,
    back_solve,
    day_one_pipeline,
    forward,
    funnel_budget,
    gap_to_today,
    goal_seek,
    goal_seek_sentence,
    sensitivity,
    stage_schedule,
)

EXAMPLE_RATES = [0.015, 0.20, 0.20, 0.40, 0.50]


def test_worked_example_forward_from_6000_visits():
    frame = forward(6000, EXAMPLE_RATES).to_frame()

    assert list(frame.columns) == ["stage", "rate", "volume"]
    assert list(frame["stage"]) == list(DEFAULT_STAGES)
    assert frame["volume"].tolist() == pytest.approx([6000, 90, 18, 3.6, 1.44, 0.72])
    assert math.isnan(frame["rate"].iloc[0])
    assert frame["rate"].iloc[1:].tolist() == EXAMPLE_RATES


def test_worked_example_back_solved_from_0_75_customers_needs_6250_visits():
    volumes = back_solve(0.75, EXAMPLE_RATES)

    assert volumes.top == pytest.approx(6250)
    assert volumes.to_frame()["volume"].tolist() == pytest.approx([6250, 93.75, 18.75, 3.75, 1.5, 0.75])


def test_whole_units_round_up_stage_by_stage_from_the_bottom():
    # 10 customers a year: 20 opportunities, 50 SQLs, 250 MQLs, 1,250 leads, 83,334 visits.
    assert back_solve(10, EXAMPLE_RATES).whole_units() == [83334, 1250, 250, 50, 20, 10]
    # 0.75 a month: 1 customer → 2 opportunities → 5 SQLs → 25 MQLs → 125 leads → 8,334 visits.
    assert back_solve(0.75, EXAMPLE_RATES).to_whole_frame()["whole"].tolist() == [8334, 125, 25, 5, 2, 1]


def test_default_names_only_for_five_rates():
    assert back_solve(1, [0.5, 0.5]).stages == ("Stage 1", "Stage 2", "Stage 3")


def test_custom_stages_are_kept():
    stages = ["Opportunity", "Proposal", "Closed-won"]
    frame = back_solve(3, [0.5, 0.3], stages).to_frame()

    assert frame["stage"].tolist() == stages
    assert frame["volume"].tolist() == pytest.approx([20, 10, 3])


rates_strategy = st.lists(st.floats(min_value=0.001, max_value=1.0), min_size=1, max_size=9)


@given(target=st.floats(min_value=0, max_value=1e7), rates=rates_strategy)
def test_forward_of_back_solved_top_gives_back_the_target(target, rates):
    top = back_solve(target, rates).top

    assert forward(top, rates).bottom == pytest.approx(target, rel=1e-9, abs=1e-9)


@given(top=st.floats(min_value=0, max_value=1e9), rates=rates_strategy)
def test_forward_never_grows_down_the_funnel(top, rates):
    volumes = forward(top, rates).volumes

    assert all(below <= above for above, below in itertools.pairwise(volumes))


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        pytest.param({"rates": [0.015, 0]}, "conversion rate 2", id="zero-rate"),
        pytest.param({"rates": [1.2]}, "above 0% and at most 100%, not 120%.", id="rate-above-1"),
        pytest.param({"rates": [-0.1]}, "above 0% and at most 100%, not -10%.", id="negative-rate"),
        pytest.param({"rates": [math.nan]}, "conversion rate 1 must be above 0% and at most 100%.", id="nan-rate"),
        pytest.param({"rates": []}, "2 to 10 stages", id="one-stage"),
        pytest.param({"rates": [0.5] * 10}, "2 to 10 stages", id="eleven-stages"),
        pytest.param({"rates": [0.5], "stages": ["a", "b", "c"]}, "need 2 conversion rates", id="lengths"),
        pytest.param({"rates": [0.5], "stages": ["a", " "]}, "stage 2 has no name", id="empty-name"),
        pytest.param({"rates": [0.5], "stages": ["a", "a"]}, "appears twice", id="duplicate-name"),
    ],
)
def test_bad_funnels_are_refused_with_field_and_range(kwargs, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        back_solve(1, **kwargs)


@pytest.mark.parametrize(
    ("call", "field"),
    [
        pytest.param(lambda: back_solve(-1, EXAMPLE_RATES), "target", id="negative-target"),
        pytest.param(lambda: back_solve(math.inf, EXAMPLE_RATES), "target", id="inf-target"),
        pytest.param(lambda: forward(math.nan, EXAMPLE_RATES), "top", id="nan-top"),
        pytest.param(lambda: forward(-10, EXAMPLE_RATES), "top", id="negative-top"),
    ],
)
def test_bad_volumes_are_refused(call, field):
    with pytest.raises(ValueError, match=field):
        call()


def test_lags_must_match_rates_and_be_days():
    with pytest.raises(ValidationError, match="lags_days"):
        Funnel(lags_days=(1, 2))
    with pytest.raises(ValidationError, match="0 to 365 days"):
        Funnel(lags_days=(0, 0, -1, 0, 0))


def test_gap_to_today_flags_each_stage():
    required = back_solve(0.75, EXAMPLE_RATES)
    today = forward(6000, EXAMPLE_RATES).volumes

    gap = gap_to_today(required, today)

    assert gap["gap"].tolist() == pytest.approx([250, 3.75, 0.75, 0.15, 0.06, 0.03])
    assert gap["lift_needed"].tolist() == pytest.approx([250 / 6000] * 6)
    assert set(gap["status"]) == {"off track"}
    assert gap["today_rate"].iloc[1:].tolist() == pytest.approx(EXAMPLE_RATES)


def test_gap_to_today_with_unknown_and_zero_stages():
    required = back_solve(0.75, EXAMPLE_RATES)

    gap = gap_to_today(required, [7000, None, 0, 4, 2, 1])

    assert gap["status"].tolist() == ["on track", "no data", "off track", "on track", "on track", "on track"]
    assert math.isnan(gap["lift_needed"].iloc[2])  # nothing produced today: no finite lift
    assert not gap.drop(columns="status").isin([math.inf, -math.inf]).any().any()


def test_gap_to_today_refuses_a_wrong_length_or_negative_volume():
    required = back_solve(0.75, EXAMPLE_RATES)
    with pytest.raises(ValueError, match="one volume per stage"):
        gap_to_today(required, [1, 2])
    with pytest.raises(ValueError, match="'Leads'"):
        gap_to_today(required, [1, -2, 1, 1, 1, 1])


def test_sensitivity_in_points_ranks_the_smallest_rate_first():
    ranked = sensitivity(0.75, EXAMPLE_RATES, top_today=6000, mode="points")

    assert ranked["transition"].iloc[0] == "Website visits → Leads"
    assert ranked["rank"].tolist() == [1, 2, 3, 4, 5]
    # 1.5% → 2.5% of visits: 0.75 customers need 3,750 visits instead of 6,250.
    assert ranked["required_top_up"].iloc[0] == pytest.approx(3750)
    assert ranked["customers_up"].iloc[0] == pytest.approx(6000 * 0.025 * 0.2 * 0.2 * 0.4 * 0.5)
    assert ranked["required_top_change_up"].is_monotonic_increasing


def test_sensitivity_relative_moves_every_uncapped_rate_equally():
    ranked = sensitivity(0.75, EXAMPLE_RATES, mode="relative")

    assert ranked["required_top_up"].tolist() == pytest.approx([6250 / 1.1] * 5)
    assert ranked["required_top_down"].tolist() == pytest.approx([6250 / 0.9] * 5)


def test_sensitivity_caps_rates_at_100_percent():
    ranked = sensitivity(1, [1.0, 0.5], ["a", "b", "c"], mode="points")

    capped = ranked.set_index("transition").loc["a → b"]
    assert capped["rate_up"] == 1.0
    assert capped["required_top_change_up"] == 0
    assert ranked["transition"].iloc[0] == "b → c"


def test_goal_seek_finds_the_rate_that_closes_the_gap():
    seek = goal_seek(0.75, EXAMPLE_RATES, top_today=6000)

    visits_to_leads = seek.iloc[0]
    assert visits_to_leads["needed_rate"] == pytest.approx(0.015 * 0.75 / 0.72)
    assert forward(6000, [visits_to_leads["needed_rate"], *EXAMPLE_RATES[1:]]).bottom == pytest.approx(0.75)
    sentence = goal_seek_sentence(seek, 6000, "Website visits")
    assert "Website visits → Leads from 1.5% to 1.56%" in sentence


def test_goal_seek_says_when_no_single_rate_can_do_it():
    seek = goal_seek(100, EXAMPLE_RATES, top_today=6000)

    assert not seek["feasible"].any()
    assert "no single rate" in goal_seek_sentence(seek, 6000, "Website visits")


def test_goal_seek_says_when_the_target_is_already_met():
    seek = goal_seek(0.5, EXAMPLE_RATES, top_today=6000)

    assert "already meets" in goal_seek_sentence(seek, 6000, "Website visits")


def test_goal_seek_refuses_zero_traffic():
    with pytest.raises(ValueError, match="top_today must be greater than 0"):
        goal_seek(1, EXAMPLE_RATES, top_today=0)


def test_schedule_without_lags_keeps_every_volume_in_its_month():
    schedule = stage_schedule(Funnel(), [1.0] * 12)

    assert schedule["month"].min() == 0
    visits = schedule[schedule["stage"] == "Website visits"]["volume"]
    assert visits.tolist() == pytest.approx([back_solve(1, DEFAULT_RATES).top] * 12)
    assert day_one_pipeline(schedule)["volume"].sum() == 0


def test_schedule_moves_volume_back_by_the_cumulative_lag():
    # 0 + 0 + 0 + 0 + 91.3125 days = exactly 3 average months from opportunity to customer.
    funnel = Funnel(lags_days=(0, 0, 0, 0, 3 * 365.25 / 12))
    schedule = stage_schedule(funnel, [1.0] * 12)
    pivot = schedule.pivot(index="month", columns="stage", values="volume")

    assert pivot["Customers"].loc[0:11].tolist() == pytest.approx([1.0] * 12)
    assert pivot["Opportunities"].loc[-3:8].tolist() == pytest.approx([2.0] * 12)
    assert pivot["Opportunities"].loc[9:11].tolist() == pytest.approx([0.0] * 3)
    pipeline = day_one_pipeline(schedule).set_index("stage")["volume"]
    assert pipeline["Opportunities"] == pytest.approx(6.0)
    assert pipeline["Website visits"] == pytest.approx(3 * back_solve(1, DEFAULT_RATES).top)
    assert pipeline["Customers"] == 0


def test_schedule_splits_a_fractional_month_lag_and_keeps_totals():
    funnel = Funnel(lags_days=(0, 7, 14, 14, 90))
    monthly = [0.5 + i / 10 for i in range(12)]
    schedule = stage_schedule(funnel, monthly)

    totals = schedule.groupby("stage")["volume"].sum()
    for stage, volume in zip(DEFAULT_STAGES, back_solve(sum(monthly), DEFAULT_RATES).volumes, strict=True):
        assert totals[stage] == pytest.approx(volume)
    assert (schedule["volume"] >= 0).all()


def test_budget_and_cac_from_cost_per_lead():
    budget = funnel_budget(back_solve(0.75, EXAMPLE_RATES), cost_per_unit=200, cost_stage="Leads")

    assert budget.budget == pytest.approx(93.75 * 200)
    assert budget.cac == pytest.approx(93.75 * 200 / 0.75)


def test_budget_per_visit_and_refusals():
    volumes = back_solve(0.75, EXAMPLE_RATES)
    assert funnel_budget(volumes, 2, "Website visits").budget == pytest.approx(12_500)
    assert funnel_budget(back_solve(0, EXAMPLE_RATES), 2).cac is None
    with pytest.raises(ValueError, match="not a stage"):
        funnel_budget(volumes, 2, "Impressions")
    with pytest.raises(ValueError, match="cost_per_unit must be greater than 0"):
        funnel_budget(volumes, 0)


def test_outputs_never_hold_inf():
    frames = [
        sensitivity(0.75, EXAMPLE_RATES, top_today=1, mode="points"),
        goal_seek(0.75, [0.001] * 5, top_today=1),
        back_solve(1e6, [0.001] * 9).to_whole_frame(),
    ]
    for frame in frames:
        numbers = frame.select_dtypes("number")
        assert not numbers.isin([math.inf, -math.inf]).any().any()
        assert isinstance(frame, pd.DataFrame)


def test_worsening_a_rate_below_the_floor_never_improves_the_plan():
    ranked = sensitivity(1, [0.0005, 0.5], ["a", "b", "c"], mode="points")

    tiny = ranked.set_index("transition").loc["a → b"]
    assert tiny["rate_down"] == 0.0005
    assert tiny["required_top_change_down"] >= 0


def test_off_track_stages_and_the_top_shortfall_read_from_the_gap():
    from planner.funnel import stages_off_track, top_gap

    needed = back_solve(0.75, DEFAULT_RATES)  # 6,250 visits a month
    today = forward(6000, DEFAULT_RATES).volumes

    gap = gap_to_today(needed, today)

    assert stages_off_track(gap) == 6
    assert top_gap(gap) == pytest.approx(250)
    assert top_gap(gap_to_today(needed, (None, *today[1:]))) is None
