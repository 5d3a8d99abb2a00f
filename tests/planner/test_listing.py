"""A plan list a page at a time, searched by name."""

from types import SimpleNamespace

from planner.listing import list_page

PLANS = [SimpleNamespace(name=f"Plan {n}") for n in range(1, 46)]


def test_pages_hold_twenty_plans_and_the_last_holds_the_rest():
    assert [p.name for p in list_page(PLANS, page=3).shown] == [f"Plan {n}" for n in range(41, 46)]
    assert list_page(PLANS).caption(45) == "45 plans; showing 1–20."


def test_a_page_past_the_end_shows_the_last_page():
    page = list_page(PLANS, page=99)
    assert (page.page, page.pages) == (3, 3)


def test_the_search_ignores_case_and_surrounding_spaces():
    page = list_page(PLANS, "  PLAN 4 ")
    assert [p.name for p in page.shown] == ["Plan 4", *(f"Plan {n}" for n in range(40, 46))]
    assert page.caption(45, "  PLAN 4 ") == "7 of 45 plans match “PLAN 4”."


def test_nothing_matching_says_so_and_keeps_one_empty_page():
    page = list_page(PLANS, "EMEA")
    assert (page.shown, page.pages) == ([], 1)
    assert page.caption(45, "EMEA") == "0 of 45 plans match “EMEA”."
