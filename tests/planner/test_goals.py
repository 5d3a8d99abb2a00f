"""Goals: revenue goal → new customers, rounding, growth goals, expansion, referrals, seasonality."""

import math

import pytest
from pydantic import ValidationError

from planner.goals import GoalInputs, customers_needed, monthly_split, plan_goals


def test_worked_example_needs_9_09_customers_exactly():
    assert customers_needed(10_000_000, 1_100_000) == pytest.approx(9.0909090909)


def test_worked_example_rounds_up_to_10_and_states_the_shortfall_of_9():
    plan = plan_goals(GoalInputs(revenue_target=10_000_000, avg_deal_size=1_100_000))

    assert plan.customers_whole == 10
    assert plan.customers_rounded_down == 9
    assert plan.rounded_down_revenue == pytest.approx(9_900_000)
    assert plan.rounding_shortfall == pytest.approx(100_000)
    statement = plan.rounding_statement("USD")
    assert "9.09" in statement
    assert "$9,900,000" in statement
    assert "$100,000 short" in statement
    assert "10 whole customers (rounded up)" in statement


@pytest.mark.parametrize(
    ("rounding", "planned", "words"),
    [
        pytest.param("up", 10, "rounded up", id="up-meets-goal"),
        pytest.param("down", 9, "rounded down", id="down-as-article"),
        pytest.param("exact", 10_000_000 / 1_100_000, "exact figure", id="exact"),
    ],
)
def test_the_plan_says_which_rounding_it_uses(rounding, planned, words):
    plan = plan_goals(GoalInputs(rounding=rounding))

    assert plan.planned_customers == pytest.approx(planned)
    assert words in plan.rounding_statement()


def test_article_rounding_gives_0_75_customers_a_month():
    plan = plan_goals(GoalInputs(rounding="down"))

    assert plan.monthly_marketing_customers() == pytest.approx([0.75] * 12)


def test_whole_number_goal_needs_no_rounding():
    plan = plan_goals(GoalInputs(revenue_target=11_000_000, avg_deal_size=1_100_000))

    assert plan.customers_whole == plan.customers_rounded_down == 10
    assert plan.rounding_shortfall == 0
    assert "no rounding is needed" in plan.rounding_statement()


def test_growth_goal_is_last_years_new_revenue_grown_by_the_rate():
    inputs = GoalInputs(
        target_mode="growth", baseline_revenue=7_450_000, growth_rate=0.10, avg_deal_size=68_000
    )

    assert inputs.revenue_goal() == pytest.approx(7_450_000 * 1.10)
    assert plan_goals(inputs).customers_exact == pytest.approx(8_195_000 / 68_000)


def test_a_growth_goal_without_last_years_revenue_is_refused_not_invented():
    assert GoalInputs().baseline_revenue is None
    with pytest.raises(ValidationError, match="needs last year's new revenue"):
        GoalInputs(target_mode="growth")


def test_expansion_amount_lowers_what_new_customers_must_bring():
    plan = plan_goals(GoalInputs(expansion_revenue=1_200_000))

    assert plan.new_customer_revenue == pytest.approx(8_800_000)
    assert plan.customers_exact == pytest.approx(8.0)
    assert plan.customers_whole == 8


def test_expansion_share_is_a_fraction_of_the_goal():
    plan = plan_goals(GoalInputs(expansion_mode="share", expansion_share=0.12))

    assert plan.expansion_revenue == pytest.approx(1_200_000)
    assert plan.customers_whole == 8


def test_referrals_skip_the_funnel_so_marketing_sources_the_rest():
    plan = plan_goals(GoalInputs(expansion_revenue=1_200_000, referral_share=0.25))

    assert plan.planned_customers == 8
    assert plan.planned_marketing_customers == 6
    assert plan.planned_referral_customers == pytest.approx(2)
    assert plan.referral_revenue + plan.marketing_revenue == pytest.approx(8_800_000)


def test_marketing_share_of_whole_customers_rounds_up_not_on_float_noise():
    # 10 × 0.8 is 8.000000000000002 in floating point; it must not become 9.
    plan = plan_goals(GoalInputs(referral_share=0.2))

    assert plan.planned_marketing_customers == 8
    assert plan.planned_referral_customers == pytest.approx(10 / 1.1 * 0.2)


def test_marketing_customers_are_rounded_once_from_the_exact_figure():
    # 9.09 × 75% = 6.82 marketing-sourced customers: 7 whole ones are enough, not ceil(10 × 75%) = 8.
    plan = plan_goals(GoalInputs(referral_share=0.25))

    assert plan.planned_marketing_customers == 7
    assert plan.planned_referral_customers == pytest.approx(9.0909 * 0.25, rel=1e-4)
    assert "marketing must source 7 (rounded up from 6.82)" in plan.rounding_statement()
    # The referrals' figure names what it counts.
    assert "Referrals are expected to bring 2.27 customers, so" in plan.rounding_statement()


def test_statement_shows_the_exact_deal_size_and_singular_customers():
    plan = plan_goals(GoalInputs(revenue_target=1_000_000, avg_deal_size=1_150_000))

    statement = plan.rounding_statement()
    assert "$1,000,000 ÷ $1,150,000 = 0.87 new customers" in statement
    assert "1 whole customer (rounded up)" in statement


def test_seasonality_months_add_up_to_the_year():
    weights = (1, 1, 2, 2, 2, 1, 0.5, 0.5, 2, 2, 3, 1)
    plan = plan_goals(GoalInputs(seasonal=True, seasonality=weights))

    months = plan.per_month(2027, start_month=4)
    assert months["marketing_customers"].sum() == pytest.approx(10)
    assert months["month"].iloc[0] == "Apr 2027"
    assert months["month"].iloc[-1] == "Mar 2028"
    assert months["marketing_customers"].iloc[10] == pytest.approx(10 * 3 / 18)
    assert plan.per_quarter(2027, 4)["customers"].sum() == pytest.approx(10)


def test_even_split_without_seasonality():
    assert monthly_split(12) == [1.0] * 12


def test_seasonality_switched_off_keeps_the_weights_but_splits_evenly():
    inputs = GoalInputs(seasonal=False, seasonality=(2,) + (1,) * 11)

    assert inputs.seasonality[0] == 2
    assert plan_goals(inputs).monthly_marketing_customers() == pytest.approx([10 / 12] * 12)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        pytest.param({"revenue_target": -1}, "revenue_target", id="negative-target"),
        pytest.param({"revenue_target": 0}, "revenue_target", id="zero-target"),
        pytest.param({"revenue_target": math.inf}, "revenue_target", id="infinite-target"),
        pytest.param({"avg_deal_size": 0}, "avg_deal_size", id="zero-deal"),
        pytest.param({"avg_deal_size": math.nan}, "avg_deal_size", id="nan-deal"),
        pytest.param({"growth_rate": -0.1}, "growth_rate", id="negative-growth"),
        pytest.param({"referral_share": 1.0}, "below 100%, not 100%", id="all-referrals"),
        pytest.param({"expansion_share": 1.5}, "expansion_share", id="expansion-over-100pct"),
        pytest.param({"expansion_revenue": 10_000_000}, "expansion_revenue", id="expansion-covers-goal"),
        pytest.param({"seasonality": (1,) * 13}, "12 monthly weights", id="13-weights"),
        pytest.param({"seasonality": (0,) * 12}, "seasonality", id="all-zero-weights"),
        pytest.param({"seasonality": (1,) * 11 + (-1,)}, "month 12", id="negative-weight"),
        pytest.param({"unknown": 1}, "unknown", id="extra-field"),
    ],
)
def test_bad_goal_inputs_name_the_field(changes, field):
    with pytest.raises(ValidationError) as caught:
        GoalInputs(**changes)

    assert field in str(caught.value)


@pytest.mark.parametrize(
    ("target", "deal", "field"),
    [
        pytest.param(-5, 1, "revenue_target", id="negative-target"),
        pytest.param(math.inf, 1, "revenue_target", id="inf-target"),
        pytest.param(1, 0, "avg_deal_size", id="zero-deal"),
        pytest.param(1, -2, "avg_deal_size", id="negative-deal"),
        pytest.param(1, math.nan, "avg_deal_size", id="nan-deal"),
    ],
)
def test_customers_needed_refuses_bad_numbers_with_the_argument_name(target, deal, field):
    with pytest.raises(ValueError, match=field):
        customers_needed(target, deal)


def test_goal_inputs_are_frozen():
    with pytest.raises(ValidationError):
        GoalInputs().revenue_target = 5  # type: ignore[misc]


def test_seasonality_from_the_table_names_the_empty_month():
    from planner.goals import seasonality_from_table

    months = ["Jan 2027", "Feb 2027"]
    assert seasonality_from_table(months, [1.0, 2]) == (1.0, 2.0)
    with pytest.raises(ValueError, match="the weight for Feb 2027 is empty"):
        seasonality_from_table(months, [1.0, None])


@pytest.mark.parametrize(
    ("field", "value"),
    [("avg_deal_size", 1e-300), ("avg_deal_size", 0.5), ("revenue_target", 1e13 + 1), ("baseline_revenue", 1e300)],
    ids=["tiny-deal", "deal-below-1", "goal-past-ten-trillion", "huge-baseline"],
)
def test_goals_and_deal_sizes_outside_1_to_ten_trillion_are_refused_stating_the_range(field, value):
    with pytest.raises(ValidationError, match=r"enter a number from 1 to 10,000,000,000,000 \(ten trillion\)"):
        GoalInputs(**{field: value})


def test_the_ends_of_the_range_are_goals_a_plan_can_hold():
    goal = plan_goals(GoalInputs(revenue_target=1e13, avg_deal_size=1e13))

    assert goal.customers_whole == 1
    assert GoalInputs(avg_deal_size=1).avg_deal_size == 1
