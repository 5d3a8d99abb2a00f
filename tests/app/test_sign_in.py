"""Sign-in: off without `[auth]` (one local user), and with it every page asks first and names who is in."""

from __future__ import annotations

import pytest

from planner.plan import example_plan, replace
from tests.app.conftest import shown
from tests.app.team import ALICE, BOB, service, session, texts

PAGES = [
    None,
    "pages/plans.py",
    "pages/goals.py",
    "pages/funnel.py",
    "pages/roadmap.py",
    "pages/review.py",
    "pages/abm.py",
]


def test_without_auth_there_is_no_sign_in_and_no_names(app):
    at = app("pages/goals.py")

    assert not [b for b in at.button if b.label in ("Sign in", "Sign out")]
    assert "Signed in as" not in texts(at)
    assert at.text_input(key="goals_deal_size").value == "1,100,000"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p or "overview")
def test_a_signed_out_visitor_sees_only_the_sign_in_screen(page):
    at = session(None, page)

    assert [b.label for b in at.button] == ["Sign in"]
    assert "Sign in with your work account" in texts(at)
    assert not at.metric and not at.number_input and not at.sidebar.text_input


def test_a_signed_out_visitor_following_a_link_sees_nothing_of_the_plan():
    bob = service(BOB).create(replace(example_plan(), name="Bob's secret launch"))

    at = session(None, plan=bob.id)

    assert "secret launch" not in texts(at)
    assert [b.label for b in at.button] == ["Sign in"]


def test_the_signed_in_person_is_named_and_can_sign_out():
    at = session(ALICE, "pages/goals.py")

    caption = " ".join(c.value for c in at.sidebar.caption)
    assert "Signed in as **Alice Adams**" in caption and "alice@example.com" in shown(caption)
    assert at.text_input(key="goals_deal_size").value == "1,100,000"

    at.sidebar.button(key="sign_out").click().run()

    assert [b.label for b in at.button] == ["Sign in"], "signed out, the next run asks for sign-in again"


def test_a_plan_made_after_sign_in_is_owned_and_authored_by_the_person():
    at = session(ALICE, "pages/goals.py")

    at.text_input(key="goals_deal_size").set_value("2,000,000").run()

    plan_id = at.query_params["plan"]
    assert service(ALICE).role(plan_id) == "owner"
    assert service(ALICE).versions(plan_id)[0].author_name == "Alice Adams"
    assert service(BOB).role(plan_id) is None
