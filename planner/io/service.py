"""The plan store as one person may use it: every read, save, share and snapshot checked first.

The pages hide what a person may not do, but the rules hold here, below them: a session that
asks for someone else's plan, or saves a plan it may only view, is refused by this service
whatever the page showed.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from planner.access import (
    Person,
    PlanAccess,
    Role,
    Share,
    TeamRules,
    check,
    role_of,
)
from planner.io import sharing, snapshots
from planner.io.snapshots import Snapshot
from planner.io.store import PlanStore, PlanSummary, PlanVersion, SavedPlan
from planner.plan import Plan

Action = Literal["see", "change", "manage"]


class ListedPlan(PlanSummary):
    """A line of the plan list as one person sees it: the plan, its owner and what they may do."""

    role: Role
    # Who else the plan is shared with: listed for its owner only.
    shares: tuple[Share, ...] = ()


class PlanService:
    """What `person` may do with the plans in `store`, under the server's `rules`."""

    def __init__(self, store: PlanStore, person: Person, rules: TeamRules | None = None) -> None:
        self.store, self.person, self.rules = store, person, rules or TeamRules()

    @property
    def url(self) -> str:
        return self.store.url

    def _access(self, plan_id: str, include_deleted: bool = False) -> PlanAccess:
        return sharing.access(self.store.engine, plan_id, include_deleted=include_deleted)

    def _require(self, plan_id: str, action: Action, include_deleted: bool = False) -> PlanAccess:
        access = self._access(plan_id, include_deleted)
        check(role_of(self.person, access, self.rules), plan_id, self.rules.owner_of(access), action)
        return access

    def role(self, plan_id: str) -> Role | None:
        """What this person may do with the plan; None if they may not see it."""
        return role_of(self.person, self._access(plan_id), self.rules)

    def owner(self, plan_id: str) -> str | None:
        """Who owns the plan (the admin address for a plan made before sign-in); anyone may ask."""
        return self.rules.owner_of(self._access(plan_id))

    def create(self, plan: Plan, note: str = "created") -> SavedPlan:
        """A new plan owned by this person."""
        return self.store.create(plan, note=note, owner=self.person.email, author=self.person)

    def get(self, plan_id: str) -> SavedPlan:
        self._require(plan_id, "see")
        return self.store.get(plan_id)

    def save(self, plan_id: str, plan: Plan, based_on: int, note: str | None = None) -> SavedPlan:
        self._require(plan_id, "change")
        return self.store.save(plan_id, plan, based_on=based_on, note=note, author=self.person)

    def list_plans(self) -> list[ListedPlan]:
        """The plans this person may see, the most recently saved first, each with their role."""
        accesses = sharing.accesses(self.store.engine)
        listed = []
        for summary in self.store.list_plans():
            access = accesses.get(summary.id, PlanAccess(owner=summary.owner))
            role = role_of(self.person, access, self.rules)
            if role is not None:
                fields = summary.model_dump() | {"owner": self.rules.owner_of(access), "role": role}
                listed.append(ListedPlan(**fields, shares=access.shares if role == "owner" else ()))
        return listed

    def rename(self, plan_id: str, name: str) -> SavedPlan:
        self._require(plan_id, "change")
        return self.store.rename(plan_id, name, author=self.person)

    def duplicate(self, plan_id: str, name: str | None = None) -> SavedPlan:
        """A copy of a plan this person may see, as a new plan of their own."""
        self._require(plan_id, "see")
        return self.store.duplicate(
            plan_id,
            name=name,
            owner=self.person.email,
            author=self.person,
            taken={p.name for p in self.list_plans()},
        )

    def delete(self, plan_id: str) -> None:
        self._require(plan_id, "manage")
        self.store.delete(plan_id)

    def undelete(self, plan_id: str) -> SavedPlan:
        self._require(plan_id, "manage", include_deleted=True)
        return self.store.undelete(plan_id)

    def versions(self, plan_id: str, limit: int = 20) -> list[PlanVersion]:
        self._require(plan_id, "see")
        return self.store.versions(plan_id, limit=limit)

    def plan_at(self, plan_id: str, version: int) -> Plan:
        self._require(plan_id, "see")
        return self.store.plan_at(plan_id, version)

    def restore(self, plan_id: str, version: int, based_on: int) -> SavedPlan:
        self._require(plan_id, "change")
        return self.store.restore(plan_id, version, based_on=based_on, author=self.person)

    def access(self, plan_id: str) -> PlanAccess:
        """Who the plan is shared with; the owner's to read and change."""
        return self._require(plan_id, "manage")

    def share(self, plan_id: str, grant: Share) -> PlanAccess:
        """Share the plan with a person or with everyone at the team's domain."""
        access = self._require(plan_id, "manage")
        if grant.email is not None and grant.email == self.rules.owner_of(access):
            raise ValueError(f"{grant.email} owns this plan already.")
        if grant.domain is not None and grant.domain != self.rules.team_domain:
            team = f"@{self.rules.team_domain}" if self.rules.team_domain else "a team domain set by the server"
            raise ValueError(f"A plan can be shared with everyone at {team} only.")
        return sharing.share(self.store.engine, plan_id, grant)

    def unshare(self, plan_id: str, grantee: str) -> PlanAccess:
        self._require(plan_id, "manage")
        return sharing.unshare(self.store.engine, plan_id, grantee)

    def freeze(self, plan_id: str, version: int, name: str, meeting_on: date) -> Snapshot:
        """Pin a version for a meeting; those who may change the plan may freeze it."""
        self._require(plan_id, "change")
        return snapshots.freeze(self.store.engine, plan_id, version, name, meeting_on, by=self.person.email)

    def snapshot(self, snapshot_id: str) -> tuple[Snapshot, Plan]:
        """A meeting snapshot and the plan exactly as it was in its version, for whoever may see the plan."""
        found = snapshots.find(self.store.engine, snapshot_id)
        self._require(found.plan_id, "see")
        return found, self.store.plan_at(found.plan_id, found.version)

    def snapshots(self, plan_id: str) -> list[Snapshot]:
        self._require(plan_id, "see")
        return snapshots.of_plan(self.store.engine, plan_id)
