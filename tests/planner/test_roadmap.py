"""The quarterly roadmap: fiscal quarters, reviews, budget and focus flags, SMART checks, hypotheses, carry-over."""

from datetime import date

import pytest
from pydantic import ValidationError

from planner import forward
from planner.fiscal import quarter_dates
from planner.funnel import DEFAULT_RATES, Funnel
from planner.plan import Plan, example_plan, set_carry, set_fiscal_year
from planner.roadmap import (
    FocusArea,
    Hypothesis,
    Initiative,
    Quarter,
    Roadmap,
    SmartGoal,
    both_readings,
    budget_flags,
    changed_value,
    choose_focus,
    focus_flags,
    follow_actuals,
    goal_progress,
    hypotheses_from_rows,
    hypothesis_impact,
    initiatives_from_rows,
    mark_carry_over,
    review_dates,
    rows_to,
    set_carry_over,
    smart_problems,
    suggest_focus,
)

FUNNEL = Funnel()
Q1_2027 = (date(2027, 1, 1), date(2027, 3, 31))


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


# ---- Budget ----------------------------------------------------------------------------------


def roadmap_with(*budgets_per_quarter, annual=100_000.0, allocations=None, share=0.25) -> Roadmap:
    quarters = [
        Quarter(initiatives=tuple(Initiative(name=f"Q{q} item {i}", budget=b) for i, b in enumerate(budgets)))
        for q, budgets in enumerate(budgets_per_quarter, start=1)
    ]
    quarters += [Quarter()] * (4 - len(quarters))
    return Roadmap(
        quarters=tuple(quarters), annual_budget=annual, allocations=allocations, max_initiative_share=share
    )


def kinds(flags) -> list[tuple[int, str]]:
    return [(f.quarter, f.kind) for f in flags]


def test_a_50000_initiative_in_a_100000_budget_is_flagged_for_its_share():
    flags = budget_flags(roadmap_with([50_000]))

    assert (1, "initiative over share") in kinds(flags)
    share = next(f for f in flags if f.kind == "initiative over share")
    assert "$50,000, 50% of the $100,000 annual budget (limit 25%)" in share.message


def test_an_initiative_at_exactly_the_share_limit_is_not_flagged():
    assert budget_flags(roadmap_with([25_000])) == []


def test_the_share_limit_is_the_users():
    assert kinds(budget_flags(roadmap_with([20_000], share=0.1))) == [(1, "initiative over share")]


def test_an_initiative_above_the_quarters_allocation_and_the_quarter_over_it_are_flagged():
    flags = budget_flags(roadmap_with([10_000], [30_000], allocations=(25_000, 25_000, 25_000, 25_000)))

    assert (2, "initiative over allocation") in kinds(flags)
    over = next(f for f in flags if f.kind == "quarter over allocation")
    assert over.quarter == 2 and "$30,000, $5,000 over its allocation of $25,000" in over.message


def test_a_quarter_of_small_initiatives_over_its_even_split_is_flagged():
    flags = budget_flags(roadmap_with([10_000, 10_000, 10_000]))

    assert kinds(flags) == [(1, "quarter over allocation")]


def test_the_year_over_the_annual_budget_is_flagged():
    flags = budget_flags(roadmap_with([20_000, 10_000], [20_000, 10_000], [20_000, 10_000], [20_000, 10_000]))

    assert (0, "year over budget") in kinds(flags)
    assert "$120,000, $20,000 over the annual budget of $100,000" in flags[-1].message


def test_allocations_above_the_annual_budget_are_flagged():
    flags = budget_flags(roadmap_with([1_000], allocations=(40_000, 30_000, 30_000, 10_000)))

    assert kinds(flags) == [(0, "allocations over budget")]


def test_without_an_annual_budget_nothing_is_flagged():
    assert budget_flags(roadmap_with([500_000], annual=None)) == []


def test_a_negative_allocation_is_refused_with_its_quarter():
    with pytest.raises(ValidationError, match="Q3's allocation must be 0 or more"):
        Roadmap(annual_budget=100, allocations=(25, 25, -5, 25))


# ---- Focus -----------------------------------------------------------------------------------


def test_more_than_two_focus_areas_is_over_committing():
    three = Quarter(focus_areas=tuple(FocusArea(name=n) for n in ("SEO", "CRO", "Events")))
    two = Quarter(focus_areas=(FocusArea(name="SEO"), FocusArea(name="CRO")))

    flags = focus_flags(Roadmap(quarters=(two, three, Quarter(), Quarter())))

    assert kinds(flags) == [(2, "too many focus areas")]
    assert "Q2 has 3 focus areas (SEO, CRO, Events)" in flags[0].message


def test_focus_suggestions_follow_the_funnels_sensitivity():
    ideas = suggest_focus(FUNNEL, 0.75, top_today=6000)

    assert ideas["focus_area"].iloc[0] == "Website attraction", "6,000 visits fall short of 6,250"
    assert ideas["focus_area"].iloc[1] == "Conversion-rate optimisation", "+1 pp on 1.5% moves the plan most"
    assert "250 short of the 6,250 needed" in ideas["reason"].iloc[0]
    assert list(ideas["rank"]) == list(range(1, 7))


def test_focus_areas_follow_the_stage_a_rate_leads_to_not_its_position():
    renamed = Funnel.build(
        [0.3, 0.015, 0.2, 0.2, 0.4, 0.5], ["Sessions", "Engaged", "Leads", "MQLs", "SQLs", "Opps", "Won"]
    )

    ideas = suggest_focus(renamed, 0.75).set_index("transition")["focus_area"]

    assert ideas["Engaged → Leads"] == "Conversion-rate optimisation"
    assert ideas["Leads → MQLs"] == "Lead nurturing"
    assert ideas["MQLs → SQLs"] == "Lead qualification"
    assert ideas["SQLs → Opps"].startswith("Sales follow-up")


def test_no_website_attraction_suggestion_when_traffic_is_enough():
    assert "Website attraction" not in suggest_focus(FUNNEL, 0.75, top_today=7000)["focus_area"].tolist()


# ---- SMART goals -----------------------------------------------------------------------------


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


def test_a_goal_target_follows_its_unit():
    points = SmartGoal(metric="Website visits → Leads", baseline=0.75, change=0.75, unit="pp")
    relative = SmartGoal(metric="MQLs", baseline=18, change=25, unit="%")

    assert points.target == pytest.approx(1.5)
    assert relative.target == pytest.approx(22.5)
    assert SmartGoal(metric="MQLs", baseline=18).target is None


def good_goal(**changes) -> SmartGoal:
    fields = {"metric": "MQLs", "baseline": 18, "change": 25, "unit": "%", "deadline": date(2027, 3, 31)}
    return SmartGoal(**{**fields, **changes})


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


# ---- Reviews and progress --------------------------------------------------------------------


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


# ---- Hypotheses ------------------------------------------------------------------------------


def test_a_hypothesis_yields_what_the_funnel_math_says():
    hypothesis = Hypothesis(transition="Website visits → Leads", from_rate=0.015, to_rate=0.0175)

    impact = hypothesis_impact(FUNNEL, hypothesis, 6000, 1_100_000)

    with_to = forward(6000, [0.0175, *DEFAULT_RATES[1:]]).volumes
    with_from = forward(6000, DEFAULT_RATES).volumes
    assert impact.after == pytest.approx(with_to) and impact.before == pytest.approx(with_from)
    # 6,000 × 0.25 pp = 15 more leads, × 20% × 20% × 40% × 50% = 0.12 more customers a month.
    assert impact.extra_customers == pytest.approx(0.12)
    assert impact.extra_revenue == pytest.approx(132_000)
    frame = impact.to_frame()
    assert frame["change"].iloc[0] == 0 and frame["change"].iloc[1] == pytest.approx(15)


def test_a_hypothesis_below_the_top_leaves_the_stages_above_it_alone():
    hypothesis = Hypothesis(transition="MQLs → SQLs", from_rate=0.2, to_rate=0.3)

    changes = hypothesis_impact(FUNNEL, hypothesis, 6000, 1_100_000).to_frame()["change"].tolist()

    assert changes[:3] == [0, 0, 0]
    assert changes[3] == pytest.approx(1.8)


def test_a_hypothesis_without_its_numbers_or_on_an_unknown_rate_says_what_is_missing():
    with pytest.raises(ValueError, match="give both the rate today and the rate expected"):
        hypothesis_impact(FUNNEL, Hypothesis(transition="Leads → MQLs", from_rate=0.2), 6000, 1)
    with pytest.raises(ValueError, match="'Visits → Demos' is not in the funnel"):
        hypothesis_impact(
            FUNNEL, Hypothesis(transition="Visits → Demos", from_rate=0.2, to_rate=0.3), 6000, 1
        )


def test_hypothesis_rates_are_typed_in_percent():
    (hypothesis,) = hypotheses_from_rows(
        [{"initiative": "CTA", "transition": "Leads → MQLs", "from_rate": 20, "to_rate": 23}]
    )

    assert (hypothesis.from_rate, hypothesis.to_rate) == (pytest.approx(0.2), pytest.approx(0.23))
    with pytest.raises(ValueError, match=r"row 1 \('CTA'\): to_rate"):
        hypotheses_from_rows([{"initiative": "CTA", "from_rate": 20, "to_rate": 230}])


# ---- Table rows ------------------------------------------------------------------------------


def test_a_row_without_dates_runs_the_whole_quarter_and_empty_cells_take_defaults():
    (item,) = initiatives_from_rows([{"name": "New idea", "budget": None, "status": None}], *Q1_2027)

    assert (item.start, item.due, item.budget, item.status) == (*Q1_2027, 0.0, "planned")


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            {"name": "Trade show", "budget": -5000},
            "row 2 ('Trade show'): budget: must be 0 or more; got -5,000.",
        ),
        (
            {"name": "Webinar", "start": "2027-02-01", "due": "2027-01-15"},
            "row 2 ('Webinar'): the due date 2027-01-15 is before the start 2027-02-01; move one of them.",
        ),
    ],
    ids=["negative-budget", "due-before-start"],
)
def test_a_bad_row_is_refused_in_one_sentence_naming_it(row, message):
    with pytest.raises(ValueError) as refused:
        initiatives_from_rows([{"name": "Fine"}, row], *Q1_2027)

    assert str(refused.value) == message


def test_computed_columns_in_a_table_are_ignored():
    (goal,) = rows_to(
        SmartGoal, [{"metric": "MQLs", "baseline": 18, "change": 25, "target": 99, "goal": "x"}]
    )

    assert goal.target == pytest.approx(22.5)


# ---- The example -----------------------------------------------------------------------------


def test_the_example_roadmap_is_full_clean_and_survives_a_round_trip():
    plan = example_plan()
    q1 = plan.roadmap.quarter(1)
    first, last = quarter_dates(plan.fiscal_year, 1, plan.fiscal_year_start_month)

    assert len(q1.focus_areas) == 2 and len(q1.initiatives) == 3 and len(q1.hypotheses) == 2
    assert all(smart_problems(g, FUNNEL, first, last) == [] for g in q1.goals)
    assert budget_flags(plan.roadmap) == [] and focus_flags(plan.roadmap) == []
    assert Plan.model_validate_json(plan.model_dump_json()) == plan


def test_picking_focus_areas_keeps_carry_over_marks_and_trims_typed_names():
    areas = (FocusArea(name="Lead nurturing", carry_over=True), FocusArea(name="Events"))

    picked = choose_focus(areas, ["Lead nurturing", "  Partner webinars ", "Partner webinars", ""])

    assert picked == (FocusArea(name="Lead nurturing", carry_over=True), FocusArea(name="Partner webinars"))
    assert [a.carry_over for a in mark_carry_over(picked, ["Partner webinars"])] == [False, True]


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
