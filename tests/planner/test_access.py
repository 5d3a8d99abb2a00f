"""Who may see and change a plan: owner, people and team domain shares, the admin's old plans."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from planner.access import (
    LOCAL_USER,
    AccessDeniedError,
    Person,
    PlanAccess,
    Share,
    TeamRules,
    check,
    may_change,
    may_manage,
    may_see,
    normalise_email,
    role_of,
)

ALICE = Person(email="alice@example.com", name="Alice Adams")
BOB = Person(email="Bob@Example.com", name="Bob Brown")
RULES = TeamRules(admin_email="admin@example.com", team_domain="example.com")


@pytest.mark.parametrize(
    ("access", "expected"),
    [
        pytest.param(PlanAccess(owner="alice@example.com"), "owner", id="her own plan"),
        pytest.param(PlanAccess(owner="bob@example.com"), None, id="bob's plan, not shared"),
        pytest.param(
            PlanAccess(owner="bob@example.com", shares=(Share(email="ALICE@example.com", role="viewer"),)),
            "viewer",
            id="shared with her to view",
        ),
        pytest.param(
            PlanAccess(
                owner="bob@example.com",
                shares=(
                    Share(email="alice@example.com", role="viewer"),
                    Share(domain="example.com", role="editor"),
                ),
            ),
            "editor",
            id="the better of her own share and her domain's",
        ),
        pytest.param(
            PlanAccess(owner="bob@example.com", shares=(Share(domain="other.com", role="editor"),)),
            None,
            id="shared with another domain",
        ),
        pytest.param(PlanAccess(owner=None), None, id="made before sign-in: the admin's"),
    ],
)
def test_role_of_alice(access, expected):
    assert role_of(ALICE, access, RULES) == expected


def test_plans_made_before_sign_in_belong_to_the_admin():
    admin = Person(email="Admin@Example.com", name="Admin")

    assert role_of(admin, PlanAccess(owner=None), RULES) == "owner"
    assert RULES.owner_of(PlanAccess(owner=None)) == "admin@example.com"
    assert role_of(admin, PlanAccess(owner=None), TeamRules()) is None, "no admin set: nobody owns them"


def test_a_domain_share_needs_the_exact_domain():
    evil = Person(email="mallory@evil-example.com", name="Mallory")
    sub = Person(email="carol@eu.example.com", name="Carol")
    access = PlanAccess(owner="bob@example.com", shares=(Share(domain="@Example.com", role="viewer"),))

    assert role_of(evil, access, RULES) is None
    assert role_of(sub, access, RULES) is None
    assert access.shares[0].grantee == "@example.com"


def test_the_local_user_owns_everything_without_sign_in():
    assert LOCAL_USER.local
    assert role_of(LOCAL_USER, PlanAccess(owner="bob@example.com"), TeamRules()) == "owner"


def test_what_each_role_may_do():
    assert [may_see(r) for r in ("owner", "editor", "viewer", None)] == [True, True, True, False]
    assert [may_change(r) for r in ("owner", "editor", "viewer", None)] == [True, True, False, False]
    assert [may_manage(r) for r in ("owner", "editor", "viewer", None)] == [True, False, False, False]


def test_a_refusal_names_the_owner_to_ask():
    with pytest.raises(AccessDeniedError) as refused:
        check(None, "p1", "bob@example.com", "see")

    assert str(refused.value) == "This plan is not shared with you; ask bob@example.com to share it."
    with pytest.raises(AccessDeniedError, match="You can view this plan but not change it; ask bob"):
        check("viewer", "p1", "bob@example.com", "change")
    with pytest.raises(AccessDeniedError, match="Only the plan's owner"):
        check("editor", "p1", "bob@example.com", "manage")
    with pytest.raises(AccessDeniedError, match="not shared with you"):
        check(None, "p1", "bob@example.com", "change")
    check("editor", "p1", "bob@example.com", "change")


@pytest.mark.parametrize("text", ["alice", "alice@", "@example.com", "alice@example", "a b@example.com"])
def test_a_mistyped_address_is_refused_in_one_sentence(text):
    with pytest.raises(ValueError, match=r"is not an email address; type it as name@company\.com"):
        normalise_email(text)


def test_a_share_names_one_person_or_one_domain():
    with pytest.raises(ValidationError, match="either one person's email or one team domain"):
        Share(email="alice@example.com", domain="example.com", role="viewer")
    with pytest.raises(ValidationError):
        Share(email="alice@example.com", role="owner")
    assert Share.from_grantee("@example.com", "viewer").domain == "example.com"
    assert Share.from_grantee("alice@example.com", "editor").email == "alice@example.com"
