"""A plan in another currency: every amount converted at a rate the user types, or relabelled only, and which is recorded."""

from __future__ import annotations

from datetime import datetime

from planner.money import CurrencyChange, CurrencyCode
from planner.plan import Plan
from planner.review import ChannelYear, LastYear
from planner.roadmap import Quarter
from planner.validation import replace

# Money fields of the goal inputs, the funnel, last year's channels and the kept ABM accounts.
GOAL_AMOUNTS = ("revenue_target", "baseline_revenue", "expansion_revenue", "avg_deal_size")
CHANNEL_AMOUNTS = ("spend", "revenue")


def _times(value: float | None, rate: float) -> float | None:
    return None if value is None else value * rate


def _last_year(source: LastYear | None, rate: float) -> LastYear | None:
    if source is None:
        return None

    def channels(rows: tuple[ChannelYear, ...] | None) -> tuple[ChannelYear, ...] | None:
        if rows is None:
            return None
        return tuple(replace(row, **{f: _times(getattr(row, f), rate) for f in CHANNEL_AMOUNTS}) for row in rows)

    return replace(source, channels=channels(source.channels), cohort=channels(source.cohort))


def _quarter(quarter: Quarter, rate: float) -> Quarter:
    initiatives = tuple(replace(i, budget=i.budget * rate) for i in quarter.initiatives)
    return replace(quarter, initiatives=initiatives)


def convert_currency(plan: Plan, to: CurrencyCode, rate: float, when: datetime) -> Plan:
    """The plan in `to`, every amount multiplied by `rate` (units of `to` per unit of the plan's currency).

    Converted: the goal's amounts, the cost per unit, the annual budget, its quarterly allocations
    and every initiative's budget, last year's spend and revenue, and the kept ABM won revenue.
    """
    change = CurrencyChange(from_currency=plan.currency, to_currency=to, rate=rate, changed_at=when)
    goals = replace(plan.goals, **{f: _times(getattr(plan.goals, f), rate) for f in GOAL_AMOUNTS})
    funnel = replace(plan.funnel, cost_per_unit=_times(plan.funnel.cost_per_unit, rate))
    roadmap = plan.roadmap
    roadmap = replace(
        roadmap,
        annual_budget=_times(roadmap.annual_budget, rate),
        allocations=None if roadmap.allocations is None else tuple(a * rate for a in roadmap.allocations),
        quarters=tuple(_quarter(q, rate) for q in roadmap.quarters),
    )
    last_year = replace(
        plan.last_year, channels=_last_year(plan.last_year.channels, rate), crm=_last_year(plan.last_year.crm, rate)
    )
    abm_files = plan.abm_files
    if abm_files is not None and "won_revenue" in abm_files.accounts.columns:
        columns = dict(abm_files.accounts.columns)
        columns["won_revenue"] = [_times(v, rate) for v in columns["won_revenue"]]
        abm_files = replace(abm_files, accounts=replace(abm_files.accounts, columns=columns))
    return replace(
        plan, currency=to, goals=goals, funnel=funnel, roadmap=roadmap, last_year=last_year,
        abm_files=abm_files, currency_change=change,
    )  # fmt: skip


def relabel_currency(plan: Plan, to: CurrencyCode, when: datetime) -> Plan:
    """The plan labelled `to` with every number unchanged, recording that nothing was converted."""
    change = CurrencyChange(from_currency=plan.currency, to_currency=to, rate=None, changed_at=when)
    return replace(plan, currency=to, currency_change=change)
