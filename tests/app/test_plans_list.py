"""A long plan list: a page of plans at a time, and a search by name."""

from __future__ import annotations

from planner.io.store import PlanStore
from planner.plan import example_plan, replace
from tests.app.conftest import shown


def saved_plans(count: int) -> None:
    store, plan = PlanStore(), example_plan()
    for number in range(1, count + 1):
        store.create(replace(plan, name=f"Region {number:02d} plan"))


def names_listed(at) -> list[str]:
    return [shown(m.value).strip("*") for m in at.markdown if shown(m.value).startswith("**Region")]


def test_a_long_list_shows_twenty_plans_a_page_and_says_how_many(app):
    saved_plans(45)

    at = app("pages/plans.py")

    assert len(names_listed(at)) == 20
    assert "45 plans; showing 1–20." in [shown(c.value) for c in at.caption]
    at.number_input(key="plans_list_page_").set_value(3).run()
    assert len(names_listed(at)) == 5
    assert "45 plans; showing 41–45." in [shown(c.value) for c in at.caption]


def test_searching_by_name_lists_only_the_plans_whose_name_holds_it(app):
    saved_plans(45)
    at = app("pages/plans.py")

    at.text_input(key="plans_list_search").set_value("region 4").run()

    assert sorted(names_listed(at)) == [f"Region {n} plan" for n in range(40, 46)]
    assert "6 of 45 plans match “region 4”." in [shown(c.value) for c in at.caption]


def test_a_short_list_has_no_search_box(app):
    saved_plans(3)

    at = app("pages/plans.py")

    assert len(names_listed(at)) == 3
    assert not [t for t in at.text_input if t.key == "plans_list_search"]


def test_a_database_that_is_down_gives_one_sentence_and_no_address(app, monkeypatch):
    # Nothing listens on port 1 of the loopback: a PostgreSQL server that is stopped.
    monkeypatch.setenv("PLANNER_DATABASE_URL", "postgresql+psycopg://planner:secret@127.0.0.1:1/plans")
    at = app()

    at.switch_page("pages/plans.py").run()

    assert not at.exception
    [error] = at.error
    assert error.value.startswith("Saved plans cannot be listed now because the plan database cannot be reached")
    assert ". " not in error.value, "one sentence"
    said = " ".join(e.value for kind in ("error", "warning", "info", "caption", "markdown") for e in getattr(at, kind))
    assert "127.0.0.1" not in said and "secret" not in said and "psycopg" not in said
