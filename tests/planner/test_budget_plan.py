"""The plan's channel budget: what the goal costs, a chosen total split by channel and month, and that split put into the plan."""

from pathlib import Path

import pytest

from planner.budget_plan import (
    budget_view,
    chosen_budget,
    has_channel_budget,
    needed_statement,
    set_channel_settings,
    set_total,
    today_from_budget,
    use_budget,
    why_no_budget,
)
from planner.io.plan_file import read_plan_file
from planner.money import format_money
from planner.plan import example_plan, plan_targets
from planner.spend import budget_picture

SAMPLE = Path(__file__).resolve().parents[2] / "sample_data" / "sample_company_plan.json"


@pytest.fixture(scope="module")
def plan():
    return read_plan_file(SAMPLE)


def test_the_sample_company_needs_a_budget_the_slider_opens_on_and_that_reaches_the_goal(plan):
    view = budget_view(plan)

    assert view.customers == plan_targets(plan).goal.planned_customers
    assert view.least <= view.needed.needed.budget <= view.total <= view.most
    assert view.total % view.step == 0
    chosen = chosen_budget(view, view.total)
    assert chosen.customers >= view.customers and chosen.gap >= 0
    said = needed_statement(view)
    assert said.startswith(f"Reaching the goal's {round(view.customers)} new customers takes at least $")
    assert "(between $" in said
    # Last year's spend as the page's card writes it ($1.40M), and a fall with a minus sign.
    assert said.endswith("−29% on last year's $1.40M."), said


def test_more_budget_buys_more_customers_and_the_next_one_costs_more(plan):
    view = budget_view(plan)
    low, high = chosen_budget(view, view.least + view.step), chosen_budget(view, view.most - view.step)

    assert high.customers > low.customers
    assert high.allocation.marginal_cac > low.allocation.marginal_cac, "each extra dollar buys less"


def test_using_a_budget_makes_it_the_plans_one_budget_its_quarters_and_the_funnels_today(plan):
    view = budget_view(plan)
    chosen = chosen_budget(view, view.total)

    used = use_budget(plan, chosen)

    budget = round(chosen.allocation.budget)
    assert used.roadmap.annual_budget == budget
    assert sum(used.roadmap.allocations) == budget
    # The sample's seasonality is flat: a program that carries on spends the same each quarter.
    assert used.roadmap.allocations == pytest.approx((budget / 4,) * 4, abs=1)
    # What the channels bring a month is the funnel's today, so its gaps compare with the budget's volumes.
    assert used.funnel.today[-1] == pytest.approx(chosen.customers / 12)
    assert used.funnel.today[1] == pytest.approx(chosen.allocation.frame["leads"].sum() / 12)
    assert today_from_budget(used) == (
        f"Today's volumes are what the {format_money(budget)} channel budget buys a month (set on the Budget page)."
    )
    assert today_from_budget(plan) is None
    applied = used.budget.applied
    assert [c.channel for c in applied.channels] == list(chosen.allocation.frame["channel"])
    assert sum(sum(c.spend) for c in applied.channels) == pytest.approx(chosen.allocation.budget)
    said = " ".join(budget_picture(used).statements)
    assert f"The roadmap allocates {format_money(budget)}: all of the {format_money(budget)} budget." in said


def test_a_bound_left_at_its_default_stays_a_default_and_a_changed_one_is_kept(plan):
    rows = budget_view(plan).setup.table().to_dict("records")
    search = next(r for r in rows if r["channel"] == "Paid search")
    search["max_spend"] = 900_000.0

    changed = set_channel_settings(plan, rows)

    assert [(s.channel, s.max_spend, s.min_spend) for s in changed.budget.channels] == [("Paid search", 900_000, None)]
    assert budget_view(changed).most > budget_view(plan).most


def test_without_a_channel_table_the_page_says_where_to_load_one():
    assert budget_view(example_plan()) is None
    assert not has_channel_budget(example_plan())
    assert why_no_budget(example_plan()).startswith("The budget splits last year's spend by channel")


def test_a_chosen_total_is_kept_and_reopens_the_slider_there(plan):
    view = budget_view(plan)
    kept = set_total(plan, view.least + 7 * view.step)

    assert budget_view(kept).total == view.least + 7 * view.step
    assert has_channel_budget(kept) and not has_channel_budget(plan)


def test_bounds_no_budget_can_reach_the_goal_with_say_so_and_the_headline_reads_over(plan):
    rows = budget_view(plan).setup.table().to_dict("records")
    for row in rows:
        row["max_spend"] = row["last_year_spend"] * 0.5
    capped = budget_view(set_channel_settings(plan, rows))

    assert not capped.needed.needed.feasible
    said = needed_statement(capped)
    assert said.startswith("Even with every channel at its maximum") and "short of the 124" in said
    assert "raise those maximums or lower the goal" in said
    assert capped.needed.amount(capped.needed.needed).startswith("over $")
