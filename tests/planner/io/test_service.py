"""The plan service enforces who may see and change each plan, whatever a page shows or a session asks."""

from __future__ import annotations

from datetime import date

import pytest

from planner.access import LOCAL_USER, AccessDeniedError, Person, Share, TeamRules
from planner.io.service import PlanService
from planner.io.snapshots import SnapshotNotFoundError
from planner.io.store import PlanStore
from planner.plan import example_plan, replace

RULES = TeamRules(admin_email="admin@example.com", team_domain="example.com")
ALICE = Person(email="alice@example.com", name="Alice Adams")
BOB = Person(email="bob@example.com", name="Bob Brown")
CAROL = Person(email="carol@example.com", name="Carol Chen")
OUTSIDER = Person(email="olga@partner.org", name="Olga Ortiz")


def as_(person: Person, store: PlanStore) -> PlanService:
    return PlanService(store, person, RULES)


def bobs_plan(store: PlanStore):
    return as_(BOB, store).create(replace(example_plan(), name="Bob's FY2027 plan"))


def test_alice_cannot_list_open_or_change_bobs_plan(store):
    bob = bobs_plan(store)
    alice = as_(ALICE, store)
    mine = alice.create(replace(example_plan(), name="Alice's plan"))

    assert [p.name for p in alice.list_plans()] == ["Alice's plan"]
    with pytest.raises(AccessDeniedError, match=r"not shared with you; ask bob@example\.com"):
        alice.get(bob.id)
    for attempt in (
        lambda: alice.save(bob.id, replace(bob.plan, name="Mine now"), based_on=1),
        lambda: alice.versions(bob.id),
        lambda: alice.plan_at(bob.id, 1),
        lambda: alice.duplicate(bob.id),
        lambda: alice.rename(bob.id, "Mine now"),
        lambda: alice.delete(bob.id),
        lambda: alice.share(bob.id, Share(email="alice@example.com", role="editor")),
        lambda: alice.freeze(bob.id, 1, "Board", date(2027, 1, 15)),
    ):
        with pytest.raises(AccessDeniedError):
            attempt()
    assert store.get(bob.id).plan.name == "Bob's FY2027 plan" and store.get(bob.id).version == 1
    assert alice.get(mine.id).plan.name == "Alice's plan"


def test_a_viewer_reads_but_cannot_save_restore_or_freeze(store):
    bob = bobs_plan(store)
    as_(BOB, store).share(bob.id, Share(email="alice@example.com", role="viewer"))
    alice = as_(ALICE, store)

    [listed] = alice.list_plans()
    assert (listed.role, listed.owner) == ("viewer", "bob@example.com")
    assert alice.get(bob.id).plan == bob.plan
    with pytest.raises(
        AccessDeniedError, match=r"You can view this plan but not change it; ask bob@example\.com"
    ):
        alice.save(bob.id, replace(bob.plan, name="Changed"), based_on=1)
    with pytest.raises(AccessDeniedError):
        alice.restore(bob.id, 1, based_on=1)
    with pytest.raises(AccessDeniedError):
        alice.freeze(bob.id, 1, "Board", date(2027, 1, 15))
    assert store.get(bob.id).version == 1

    copy = alice.duplicate(bob.id)
    assert alice.role(copy.id) == "owner", "a viewer's copy is her own plan"


def test_an_editors_change_records_their_name(store):
    bob = bobs_plan(store)
    as_(BOB, store).share(bob.id, Share(email="alice@example.com", role="editor"))

    as_(ALICE, store).save(bob.id, replace(bob.plan, currency="EUR"), based_on=1)

    latest, first = as_(BOB, store).versions(bob.id)
    assert (latest.author, latest.author_name, latest.note) == (
        "alice@example.com",
        "Alice Adams",
        "Currency USD → EUR",
    )
    assert first.author_name == "Bob Brown"
    with pytest.raises(AccessDeniedError, match="Only the plan's owner"):
        as_(ALICE, store).delete(bob.id)
    with pytest.raises(AccessDeniedError):
        as_(ALICE, store).share(bob.id, Share(email="carol@example.com", role="editor"))


def test_sharing_with_the_team_domain_reaches_colleagues_only(store):
    bob = bobs_plan(store)
    as_(BOB, store).share(bob.id, Share(domain="example.com", role="viewer"))

    assert as_(CAROL, store).role(bob.id) == "viewer"
    assert as_(OUTSIDER, store).list_plans() == []
    with pytest.raises(ValueError, match=r"everyone at @example\.com only"):
        as_(BOB, store).share(bob.id, Share(domain="partner.org", role="viewer"))

    access = as_(BOB, store).unshare(bob.id, "@example.com")
    assert access.shares == ()
    assert as_(CAROL, store).role(bob.id) is None


def test_only_the_owner_deletes_and_brings_back(store):
    bob = bobs_plan(store)
    as_(BOB, store).share(bob.id, Share(email="alice@example.com", role="editor"))
    as_(BOB, store).delete(bob.id)

    with pytest.raises(AccessDeniedError):
        as_(ALICE, store).undelete(bob.id)
    assert as_(BOB, store).undelete(bob.id).plan.name == "Bob's FY2027 plan"


def test_plans_made_before_sign_in_belong_to_the_admin(store):
    old = PlanService(store, LOCAL_USER).create(replace(example_plan(), name="Made locally"))
    admin = as_(Person(email="admin@example.com", name="Admin"), store)

    assert store.get(old.id).plan.name == "Made locally"
    assert [(p.name, p.role) for p in admin.list_plans()] == [("Made locally", "owner")]
    assert as_(ALICE, store).list_plans() == []
    with pytest.raises(AccessDeniedError, match=r"ask admin@example\.com"):
        as_(ALICE, store).get(old.id)
    assert store.versions(old.id)[0].author is None, "the local user is no one by name"


def test_a_snapshot_keeps_its_version_after_the_plan_changes(store):
    bob = bobs_plan(store)
    owner = as_(BOB, store)
    frozen = owner.freeze(bob.id, 1, "  Board review ", date(2027, 1, 15))
    owner.save(bob.id, replace(bob.plan, fiscal_year=2030), based_on=1)
    owner.share(bob.id, Share(email="alice@example.com", role="viewer"))

    snapshot, plan = as_(ALICE, store).snapshot(frozen.id)

    assert (snapshot.name, snapshot.version, snapshot.meeting_on) == ("Board review", 1, date(2027, 1, 15))
    assert plan == bob.plan and plan.fiscal_year != 2030
    assert [s.id for s in owner.snapshots(bob.id)] == [frozen.id]
    with pytest.raises(AccessDeniedError):
        as_(CAROL, store).snapshot(frozen.id)
    owner.delete(bob.id)
    with pytest.raises(SnapshotNotFoundError):
        owner.snapshot(frozen.id)


def test_a_snapshot_needs_a_name_and_a_saved_version(store):
    bob = bobs_plan(store)

    with pytest.raises(ValueError, match="at least 1 character"):
        as_(BOB, store).freeze(bob.id, 1, "   ", date(2027, 1, 15))
    with pytest.raises(LookupError, match="has no version 7"):
        as_(BOB, store).freeze(bob.id, 7, "Board", date(2027, 1, 15))


def test_a_stale_save_is_refused_between_two_stores_on_one_database(store, tmp_path):
    """Two app processes on one database: each has its own store, the version check holds across them."""
    bob = bobs_plan(store)
    as_(BOB, store).share(bob.id, Share(email="alice@example.com", role="editor"))
    other = (
        PlanStore(engine=store.engine) if store.engine.dialect.name == "postgresql" else PlanStore(store.url)
    )

    as_(ALICE, other).save(bob.id, replace(bob.plan, currency="EUR"), based_on=1)

    with pytest.raises(Exception, match="saved elsewhere \\(version 2\\) after you opened version 1"):
        as_(BOB, store).save(bob.id, replace(bob.plan, currency="GBP"), based_on=1)
