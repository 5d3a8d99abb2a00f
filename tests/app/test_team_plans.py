"""A team server in the app: each person's plan list, links they may not follow, viewers, editors, snapshots."""

from __future__ import annotations

from datetime import date

from planner.access import LOCAL_USER, Person, Share
from planner.io.service import PlanService
from planner.io.store import PlanStore
from planner.plan import example_plan, replace
from tests.app.conftest import shown as unescaped
from tests.app.team import ALICE, BOB, RULES, inputs, service, session, texts

CAROL = Person(email="carol@example.com", name="Carol Chen")


def bobs_plan(name: str = "Bob's FY2027 launch plan"):
    return service(BOB).create(replace(example_plan(), name=name))


def metric(at, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def test_the_plans_page_lists_only_the_plans_alice_may_see_with_her_role():
    bob = bobs_plan()
    shared = bobs_plan("Bob's plan for the team")
    service(BOB).share(shared.id, Share(email="alice@example.com", role="editor"))
    mine = service(ALICE).create(replace(example_plan(), name="Alice's ABM pilot"))

    at = session(ALICE, "pages/plans.py")

    shown = texts(at)
    assert "Alice's ABM pilot" in shown and "Bob's plan for the team" in shown
    assert "launch plan" not in shown, "a plan not shared with her is not listed"
    assert "Bob's plan for the team** :violet-badge[can edit]" in shown and "owner bob@example.com" in shown
    assert f"plans_delete_{mine.id}" in {b.key for b in at.button}
    assert not {f"plans_delete_{shared.id}", f"plans_share_{shared.id}"} & {b.key for b in at.button}
    assert bob.id not in {b.key.removeprefix("plans_open_") for b in at.button if b.key}


def test_a_link_to_bobs_plan_says_so_names_bob_and_never_shows_it():
    bob = bobs_plan()

    at = session(ALICE, plan=bob.id)

    assert "This plan is not shared with you; ask bob@example.com to share it." in unescaped(at.warning[0].value)
    assert "launch plan" not in texts(at)
    assert at.sidebar.text_input(key="sidebar_name").value == example_plan().name
    assert not at.query_params.get("plan"), "the address no longer names a plan she cannot open"
    at.switch_page("pages/goals.py").run()
    assert "launch plan" not in texts(at) and not at.warning, "said once"


def test_alice_cannot_change_bobs_plan_even_with_a_crafted_session():
    bob = bobs_plan()
    at = session(ALICE, "pages/goals.py")
    # A session edited by hand to claim Bob's plan as the one it edits.
    crafted = at.session_state["plan_saved"]
    crafted.id, crafted.version, crafted.role = bob.id, 1, "owner"

    at.text_input(key="goals_deal_size").set_value("3,000,000").run()

    assert PlanStore().get(bob.id).version == 1
    assert PlanStore().get(bob.id).plan.goals.avg_deal_size == example_plan().goals.avg_deal_size
    assert "ask bob@example.com" in unescaped(" ".join(e.value for e in at.error))


def test_a_viewer_sees_no_inputs_but_can_present_and_download_the_deck():
    bob = bobs_plan()
    service(BOB).share(bob.id, Share(email="alice@example.com", role="viewer"))

    at = session(ALICE, plan=bob.id)

    assert at.title[0].value == "Bob's FY2027 launch plan"
    assert not inputs(at), "no input on the overview"
    assert "You can view this plan and download its deck and files; ask bob@example.com" in texts(at)
    assert ":material/account_circle: Alice Adams" in texts(at), "without a sidebar, the bar says who is in"
    assert at.get("download_button"), "the deck is hers to download"
    for page in ("pages/goals.py", "pages/funnel.py", "pages/roadmap.py", "pages/review.py", "pages/abm.py"):
        at.switch_page(page).run()
        assert not at.exception, at.exception
        assert not inputs(at) and not at.get("file_uploader"), f"no input on {page}"


def test_a_viewer_cannot_save_even_when_the_session_claims_edit_rights():
    bob = bobs_plan()
    service(BOB).share(bob.id, Share(email="alice@example.com", role="viewer"))
    at = session(ALICE, "pages/goals.py", plan=bob.id)
    at.session_state["plan_saved"].role = "editor"
    at.run()
    assert at.text_input(key="goals_deal_size"), "the crafted session shows the inputs"

    at.text_input(key="goals_deal_size").set_value("3,000,000").run()

    assert PlanStore().get(bob.id).version == 1, "the store refused the save"
    assert "You can view this plan but not change it; ask bob@example.com" in unescaped(at.error[0].value)


def test_an_editors_change_shows_their_name_in_the_history():
    bob = bobs_plan()
    service(BOB).share(bob.id, Share(email="alice@example.com", role="editor"))
    alice = session(ALICE, "pages/goals.py", plan=bob.id)

    alice.text_input(key="goals_deal_size").set_value("2,000,000").run()

    at = session(BOB, "pages/plans.py", plan=bob.id)
    history = " ".join(c.value for c in at.caption)
    assert "Alice Adams" in history and "Bob Brown" in history
    assert "Average first-year deal size $1.1M → $2.0M" in texts(at)


def test_the_owner_shares_by_email_and_with_the_team_on_the_plans_page():
    bob = bobs_plan()
    at = session(BOB, "pages/plans.py", plan=bob.id)

    at.text_input(key=f"plans_share_email_{bob.id}").set_value("Alice@Example.com ")
    at.radio(key=f"plans_share_role_{bob.id}").set_value("Can edit")
    at.button(key=f"plans_share_{bob.id}").click().run()

    assert "Shared with alice@example.com: they can edit it." in unescaped(at.info[0].value)
    assert service(ALICE).role(bob.id) == "editor"

    at.selectbox(key=f"plans_share_team_{bob.id}").set_value("Can view").run()
    assert service(CAROL).role(bob.id) == "viewer"

    at.text_input(key=f"plans_share_email_{bob.id}").set_value("not an address")
    at.button(key=f"plans_share_{bob.id}").click().run()
    assert "Not shared: “not an address” is not an email address" in at.info[0].value


def test_a_snapshot_link_keeps_showing_the_frozen_version_after_the_plan_changes():
    bob = bobs_plan()
    owner = session(BOB, "pages/plans.py", plan=bob.id)
    owner.text_input(key="plans_freeze_name").set_value("Q1 board review")
    owner.date_input(key="plans_freeze_date").set_value(date(2027, 1, 15))
    next(b for b in owner.button if b.label == "Freeze for a meeting").click().run()
    [frozen] = service(BOB).snapshots(bob.id)
    assert "Version 1 is frozen as “Q1 board review”" in owner.info[0].value
    service(BOB).save(
        bob.id, replace(bob.plan, goals=replace(bob.plan.goals, avg_deal_size=2_000_000)), based_on=1
    )
    service(BOB).share(bob.id, Share(email="alice@example.com", role="viewer"))

    at = session(ALICE, snapshot=frozen.id)

    assert metric(at, "New customers needed") == "10", "the frozen version's $1.1M deals, not the new $2M"
    assert "Meeting snapshot **Q1 board review** for 15 Jan 2027: version 1" in texts(at)
    assert not inputs(at) and at.get("download_button")
    at.switch_page("pages/goals.py").run()
    assert at.query_params["snapshot"] == frozen.id, "moving between pages keeps the snapshot"
    assert not inputs(at)
    assert PlanStore().get(bob.id).version == 2, "showing a snapshot saves nothing"

    live = session(BOB, plan=bob.id)
    assert metric(live, "New customers needed") == "5", "the live plan has moved on"


def test_a_snapshot_can_be_compared_with_the_live_plan():
    bob = bobs_plan()
    service(BOB).freeze(bob.id, 1, "Board review", date(2027, 1, 15))
    service(BOB).save(
        bob.id, replace(bob.plan, goals=replace(bob.plan.goals, avg_deal_size=2_000_000)), based_on=1
    )

    at = session(BOB, "pages/plans.py", plan=bob.id)
    [frozen] = service(BOB).snapshots(bob.id)
    at.selectbox(key="plans_compare_second").set_value(f"snapshot:{frozen.id}").run()

    assert any("measures differ" in c.value and not c.value.startswith("0 of") for c in at.caption)


def test_plans_made_before_sign_in_belong_to_the_admin():
    old = PlanService(PlanStore(), LOCAL_USER, RULES).create(replace(example_plan(), name="Made on a laptop"))

    admin = session(Person(email="admin@example.com", name="Admin"), "pages/plans.py")
    alice = session(ALICE, "pages/plans.py")

    assert "Made on a laptop" in texts(admin) and f"plans_delete_{old.id}" in {b.key for b in admin.button}
    assert "Made on a laptop" not in texts(alice)


def test_a_plan_unshared_while_open_stops_saving_and_hides_its_history():
    bob = bobs_plan()
    service(BOB).share(bob.id, Share(email="alice@example.com", role="editor"))
    at = session(ALICE, "pages/goals.py", plan=bob.id)
    service(BOB).unshare(bob.id, "alice@example.com")

    at.text_input(key="goals_deal_size").set_value("2,000,000").run()

    assert "Your changes are not saved. This plan is not shared with you; ask bob@example.com" in unescaped(at.error[0].value)
    assert PlanStore().get(bob.id).version == 1
    at.switch_page("pages/plans.py").run()
    assert not at.exception and "This plan is not shared with you" in at.warning[0].value
