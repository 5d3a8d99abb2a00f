"""Budget and focus flags: each problem flagged once, in plain words, with the scope the page shows it at."""

import pytest
from pydantic import ValidationError

from planner.roadmap import (
    Flag,
    FocusArea,
    Initiative,
    Quarter,
    Roadmap,
    budget_flags,
    focus_flags,
    quarter_budget,
)


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


def test_more_than_two_focus_areas_is_over_committing():
    three = Quarter(focus_areas=tuple(FocusArea(name=n) for n in ("SEO", "CRO", "Events")))
    two = Quarter(focus_areas=(FocusArea(name="SEO"), FocusArea(name="CRO")))

    flags = focus_flags(Roadmap(quarters=(two, three, Quarter(), Quarter())))

    assert kinds(flags) == [(2, "too many focus areas")]
    assert "Q2 has 3 focus areas (SEO, CRO, Events)" in flags[0].message


def test_each_flag_names_the_scope_it_belongs_to():
    # Q1's one initiative is over its allocation and its share, so Q1 is too, and the allocations exceed the budget.
    roadmap = roadmap_with([30_000], allocations=(25_000, 25_000, 25_000, 30_000))
    crowded = roadmap.with_quarter(2, focus_areas=[{"name": n} for n in ("SEO", "CRO", "Events")])

    flags = [*budget_flags(crowded), *focus_flags(crowded)]

    assert {(f.kind, f.scope) for f in flags} == {
        ("allocations over budget", "year"),
        ("initiative over allocation", "initiative"),
        ("initiative over share", "initiative"),
        ("quarter over allocation", "quarter"),
        ("too many focus areas", "focus"),
    }


def test_a_flag_of_an_unknown_kind_is_refused():
    with pytest.raises(ValidationError, match="kind"):
        Flag(quarter=1, kind="initiative is expensive", message="")


@pytest.mark.parametrize(
    ("budgets", "annual", "delta"),
    [([10_000], 100_000.0, "$15.0K left"), ([25_000], 100_000.0, "$0 left"), ([30_000], 100_000.0, "−$5,000 over"),
     ([30_000], None, None)],
    ids=["under", "exactly", "over", "no-budget"],
)  # fmt: skip
def test_the_quarters_budget_says_what_is_left_or_how_far_over_it_is(budgets, annual, delta):
    budget = quarter_budget(roadmap_with(budgets, annual=annual), 1)

    assert budget.spend == sum(budgets)
    assert budget.delta() == delta
    assert budget.left == (None if annual is None else annual / 4 - sum(budgets))
