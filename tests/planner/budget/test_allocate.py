"""The best split of a budget and the least budget for a goal, checked against closed forms and a brute-force grid."""

import math

import numpy as np
import pytest

from planner.budget import BudgetInputError, ChannelCurve, OrganicChannel, ResponseCurve, allocate, budget_for
from tests.planner.budget.test_curves import one_sentence


def channel(name, scale, exponent, per_unit=1.0, **bounds):
    return ChannelCurve(
        name=name, curve=ResponseCurve(scale=scale, exponent=exponent), customers_per_unit=per_unit,
        last_year_spend=500.0, **bounds,
    )  # fmt: skip


# Two square-root channels, customers = k·√spend with k = 2 and 1. The best split of B satisfies
# k1/(2√s1) = k2/(2√s2), so s1/s2 = (k1/k2)² = 4: 80% to the first; customers = √(B·(k1² + k2²)).
SEARCH, SOCIAL = channel("Paid search", 2.0, 0.5), channel("Paid social", 1.0, 0.5)


def test_two_square_root_channels_split_as_the_closed_form_says():
    split = allocate([SEARCH, SOCIAL], 1_000)

    assert split.spend["Paid search"] == pytest.approx(800)
    assert split.spend["Paid social"] == pytest.approx(200)
    assert split.customers == pytest.approx(math.sqrt(1_000 * 5))
    assert split.budget == pytest.approx(1_000)
    # At the optimum the next customer costs the same in both: spend / (b · customers).
    frame = split.frame.set_index("channel")
    assert frame.loc["Paid search", "marginal_cac"] == pytest.approx(frame.loc["Paid social", "marginal_cac"])
    assert split.marginal_cac == pytest.approx(frame.loc["Paid search", "marginal_cac"])
    assert frame.loc["Paid search", "cac"] == pytest.approx(800 / (2 * math.sqrt(800)))


@pytest.mark.parametrize(
    "channels",
    [
        pytest.param([SEARCH, SOCIAL], id="same-exponent"),
        pytest.param([channel("Search", 3.0, 0.7, 0.05), channel("Events", 40.0, 0.3, 0.02)], id="different-exponents"),
        pytest.param([channel("Search", 3.0, 0.7), channel("Email", 1.0, 1.0)], id="one-linear"),
    ],
)
def test_no_split_on_a_fine_grid_buys_more_customers(channels):
    budget = 10_000
    split = allocate(channels, budget)
    first = np.linspace(0, budget, 100_001)
    a, b = (c.curve.scale * c.customers_per_unit for c in channels)
    grid = a * first ** channels[0].curve.exponent + b * (budget - first) ** channels[1].curve.exponent

    assert split.customers >= grid.max() - 1e-9 * grid.max()
    assert split.spend[channels[0].name] == pytest.approx(first[grid.argmax()], abs=budget / 100_000 * 2)


def test_budget_for_reaches_the_goal_and_one_percent_less_does_not():
    # √(B·5) = 100 customers at B = 10,000 / 5 = 2,000.
    needed = budget_for([SEARCH, SOCIAL], 100)

    assert needed.budget == pytest.approx(2_000)
    assert needed.customers == pytest.approx(100)
    assert needed.feasible and needed.target == 100
    assert allocate([SEARCH, SOCIAL], needed.budget).customers >= 100 - 1e-9
    assert allocate([SEARCH, SOCIAL], needed.budget * 0.99).customers < 100


def test_bounds_are_respected_and_the_rest_goes_where_the_next_customer_is_cheapest():
    capped = channel("Paid search", 2.0, 0.5, max_spend=500.0)
    floored = channel("Paid social", 1.0, 0.5, min_spend=300.0)

    split = allocate([capped, floored], 1_000)

    assert split.spend == pytest.approx({"Paid search": 500, "Paid social": 500})
    frame = split.frame.set_index("channel")
    assert frame.loc["Paid search", "bound"] == "at its maximum"
    # The free optimum of 600 is 480 : 120 (4 : 1), below social's 300 floor: the floor binds.
    small = allocate([channel("Paid search", 2.0, 0.5), floored], 600)
    assert small.spend["Paid social"] == pytest.approx(300)
    assert small.frame.set_index("channel").loc["Paid social", "bound"] == "at its minimum"
    for name, spent in small.spend.items():
        c = {"Paid search": SEARCH, "Paid social": floored}[name]
        assert c.min_spend - 1e-6 <= spent <= c.max_spend + 1e-6


def test_a_budget_below_the_minimums_is_refused_naming_the_largest_minimum():
    floored = channel("Paid social", 1.0, 0.5, min_spend=300.0)

    with pytest.raises(BudgetInputError) as refused:
        allocate([SEARCH, floored], 200)

    assert str(refused.value) == (
        "The $200 budget is below the $300 the channels' minimum spends add up to; lower a minimum "
        "(Paid social's $300 is the largest) or raise the budget."
    )


def test_a_goal_no_budget_can_reach_says_how_far_short_and_which_bounds_bind():
    capped = [channel("Paid search", 2.0, 0.5, max_spend=400.0), channel("Paid social", 1.0, 0.5, max_spend=100.0),
              channel("Trade shows", 5.0, 0.5, max_spend=0.0)]  # fmt: skip
    most = 2 * math.sqrt(400) + math.sqrt(100)  # 50 customers at every maximum

    needed = budget_for(capped, 80)

    assert not needed.feasible
    assert needed.short_by == pytest.approx(80 - most)
    assert needed.budget == pytest.approx(500)
    assert needed.binding == ("Paid search at $400", "Paid social at $100")
    assert needed.message == (
        "Even with every channel at its maximum ($500 in all) the channels bring 50 customers, 30 short of the 80 "
        "the goal needs: the maximums of Paid search at $400, Paid social at $100 bind and Trade shows is cut; "
        "raise those maximums or lower the goal."
    )


def test_a_budget_above_every_maximum_is_placed_up_to_them_and_the_rest_reported():
    split = allocate([channel("Paid search", 2.0, 0.5, max_spend=400.0)], 1_000)

    assert split.spend == {"Paid search": 400.0} and split.unplaced == pytest.approx(600)
    assert "$600 of the $1,000 buys nothing more" in split.message


def test_a_channel_without_spend_adds_its_grown_volume_at_no_cost():
    referrals = OrganicChannel(name="Referrals", last_year_volume=200, growth=0.1, customers_per_unit=0.05)

    split = allocate([SEARCH, SOCIAL, referrals], 1_000)
    needed = budget_for([SEARCH, SOCIAL, referrals], 100)

    assert split.spend["Referrals"] == 0
    assert split.customers == pytest.approx(math.sqrt(5_000) + 200 * 1.1 * 0.05)  # 11 referral customers
    # The paid channels need to bring 89, so B = 89² / 5.
    assert needed.budget == pytest.approx(89**2 / 5)
    row = split.frame.set_index("channel").loc["Referrals"]
    assert row["kind"] == "organic" and row["leads"] == pytest.approx(220) and math.isnan(row["cac"])


def test_every_channel_cut_is_refused_in_one_sentence():
    cut = [channel("Paid search", 2.0, 0.5, max_spend=0.0), channel("Paid social", 1.0, 0.5, max_spend=0.0)]

    for call in (lambda: allocate(cut, 1_000), lambda: budget_for(cut, 10)):
        with pytest.raises(BudgetInputError) as refused:
            call()
        assert str(refused.value).startswith("Every channel is cut")
        assert one_sentence(str(refused.value))


@pytest.mark.parametrize(
    ("call", "said"),
    [
        pytest.param(lambda: allocate([SEARCH], -5), "The budget must be an amount of 0 or more", id="negative-budget"),
        pytest.param(lambda: budget_for([SEARCH], math.inf), "The customers to reach must be", id="infinite-goal"),
        pytest.param(lambda: allocate([SEARCH, SEARCH], 10), "Each channel must have its own name", id="same-name"),
    ],
)
def test_other_bad_inputs_are_refused_in_one_sentence(call, said):
    with pytest.raises(BudgetInputError) as refused:
        call()
    assert str(refused.value).startswith(said) and one_sentence(str(refused.value))


def test_a_frame_per_channel_has_last_years_and_the_planned_spend_the_change_and_each_stage():
    search = ChannelCurve(
        name="Paid search", curve=ResponseCurve(scale=2.0, exponent=0.5), customers_per_unit=0.1,
        last_year_spend=400.0, per_unit={"mqls": 0.5, "sqls": 0.25},
    )  # fmt: skip

    row = allocate([search], 900).frame.iloc[0]

    assert row["last_year_spend"] == 400 and row["spend"] == pytest.approx(900)
    assert row["change"] == pytest.approx(500) and row["change_share"] == pytest.approx(1.25)
    assert row["leads"] == pytest.approx(60) and row["mqls"] == pytest.approx(30) and row["sqls"] == pytest.approx(15)
    assert row["customers"] == pytest.approx(6) and row["cac"] == pytest.approx(150)
    assert row["marginal_cac"] == pytest.approx(300)  # spend / (b · customers) = 900 / 3
