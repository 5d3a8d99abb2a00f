"""Undo and Redo in the sidebar: across pages, saved like any change, never offered to a reader."""

from __future__ import annotations

from planner.access import Share
from planner.io.store import PlanStore
from planner.plan import example_plan, replace
from tests.app.conftest import shown
from tests.app.team import ALICE, BOB, service, session


def test_undo_on_another_page_brings_the_old_goal_back_and_redo_the_new_one(app):
    at = app("pages/goals.py")
    assert at.sidebar.button(key="sidebar_undo").disabled, "nothing to undo before a change"

    at.text_input(key="goals_revenue_target").set_value("13,000,000").run()
    plan_id = at.query_params["plan"]
    at.switch_page("pages/funnel.py").run()

    undo = at.sidebar.button(key="sidebar_undo")
    assert not undo.disabled, "the change survived the page switch"
    assert "Revenue goal back to $10.0M" in shown(undo.help)
    undo.click().run()
    assert not at.exception, at.exception
    assert PlanStore().get(plan_id).plan.goals.revenue_target == 10_000_000, "the undo is saved"
    at.switch_page("pages/goals.py").run()

    assert at.text_input(key="goals_revenue_target").value == "10,000,000"
    assert at.sidebar.button(key="sidebar_undo").disabled
    at.sidebar.button(key="sidebar_redo").click().run()

    assert at.text_input(key="goals_revenue_target").value == "13,000,000"
    assert PlanStore().get(plan_id).plan.goals.revenue_target == 13_000_000
    assert at.sidebar.button(key="sidebar_redo").disabled, "nothing left to redo"
    assert not at.sidebar.button(key="sidebar_undo").disabled


def test_a_new_change_after_an_undo_leaves_nothing_to_redo(app):
    at = app("pages/goals.py")
    at.text_input(key="goals_revenue_target").set_value("13,000,000").run()
    at.sidebar.button(key="sidebar_undo").click().run()

    at.text_input(key="goals_deal_size").set_value("2,000,000").run()

    assert at.sidebar.button(key="sidebar_redo").disabled
    assert at.text_input(key="goals_revenue_target").value == "10,000,000"


def test_undo_is_not_offered_to_a_viewer_or_on_a_shared_screen(app):
    bob = service(BOB).create(replace(example_plan(), name="Bob's plan"))
    service(BOB).share(bob.id, Share(email="alice@example.com", role="viewer"))

    viewer = session(ALICE, "pages/goals.py", plan=bob.id)
    presenting = app("pages/goals.py")
    presenting.query_params["present"] = "1"
    presenting.run()

    for at in (viewer, presenting):
        assert not at.exception, at.exception
        assert not {"sidebar_undo", "sidebar_redo"} & {b.key for b in at.button}
