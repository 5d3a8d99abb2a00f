"""Who each plan belongs to and is shared with, as the plan database records it."""

from __future__ import annotations

from sqlalchemy import Engine, delete, insert, select

from planner.access import PlanAccess, Share
from planner.io.schema import plans_table, shares_table
from planner.io.store import PlanNotFoundError


def access(engine: Engine, plan_id: str, include_deleted: bool = False) -> PlanAccess:
    """A plan's owner and shares; `PlanNotFoundError` if there is no such plan (or it is deleted)."""
    found = select(plans_table.c.owner).where(plans_table.c.id == plan_id)
    if not include_deleted:
        found = found.where(plans_table.c.deleted_at.is_(None))
    with engine.connect() as conn:
        row = conn.execute(found).one_or_none()
        if row is None:
            raise PlanNotFoundError(plan_id)
        shares = conn.execute(
            select(shares_table.c.grantee, shares_table.c.role)
            .where(shares_table.c.plan_id == plan_id)
            .order_by(shares_table.c.grantee)
        ).all()
    return PlanAccess(owner=row.owner, shares=tuple(Share.from_grantee(g, r) for g, r in shares))


def accesses(engine: Engine) -> dict[str, PlanAccess]:
    """Owner and shares of every plan not deleted, by plan id, for the plan list."""
    with engine.connect() as conn:
        owners = conn.execute(
            select(plans_table.c.id, plans_table.c.owner).where(plans_table.c.deleted_at.is_(None))
        ).all()
        shares = conn.execute(
            select(shares_table.c.plan_id, shares_table.c.grantee, shares_table.c.role).order_by(
                shares_table.c.grantee
            )
        ).all()
    by_plan: dict[str, list[Share]] = {}
    for plan_id, grantee, role in shares:
        by_plan.setdefault(plan_id, []).append(Share.from_grantee(grantee, role))
    return {i: PlanAccess(owner=owner, shares=tuple(by_plan.get(i, ()))) for i, owner in owners}


def share(engine: Engine, plan_id: str, grant: Share) -> PlanAccess:
    """Share a plan with a person or a domain, or change the role they already have."""
    access(engine, plan_id)
    with engine.begin() as conn:
        conn.execute(
            delete(shares_table).where(
                shares_table.c.plan_id == plan_id, shares_table.c.grantee == grant.grantee
            )
        )
        conn.execute(insert(shares_table).values(plan_id=plan_id, grantee=grant.grantee, role=grant.role))
    return access(engine, plan_id)


def unshare(engine: Engine, plan_id: str, grantee: str) -> PlanAccess:
    """Stop sharing a plan with a person (their address) or a domain (`@domain`)."""
    with engine.begin() as conn:
        conn.execute(
            delete(shares_table).where(shares_table.c.plan_id == plan_id, shares_table.c.grantee == grantee)
        )
    return access(engine, plan_id)
