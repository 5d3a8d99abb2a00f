"""Whether the plan's inputs agree with last year: the deal size, the customers and the volumes it asks for."""

from __future__ import annotations

import math
from typing import Literal

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field

from planner.funnel import gap_to_today, stages_off_track
from planner.money import format_count, format_money
from planner.plan import Plan, PlanTargets, plan_targets
from planner.review.facts import LastYearFacts, last_year_facts
from planner.words import counted

# The plan's deal size may differ from last year's actual by this share either way before it is
# questioned: a new segment or price list moves deals, but rarely by half.
DEAL_TOLERANCE = 0.5
# A plan that asks for under a fifth of what last year produced, or over three times, is not a
# stretch or a slack year: one of its inputs is off.
TOO_LITTLE, TOO_MUCH = 1 / 5, 3.0

CheckKind = Literal["deal size", "customers", "volumes"]


class Disagreement(BaseModel):
    """Two inputs that contradict each other: what they say, and what to do about it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: CheckKind
    message: str
    fix: str
    offer: float | None = Field(None, description="Last year's figure, to take with one click.")


class PlanCheck(BaseModel):
    """The plan's inputs checked against last year; `agrees` when nothing contradicts."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    facts: LastYearFacts | None
    disagreements: tuple[Disagreement, ...] = ()

    @property
    def agrees(self) -> bool:
        return not self.disagreements

    def of(self, kind: CheckKind) -> Disagreement | None:
        return next((d for d in self.disagreements if d.kind == kind), None)

    def summary(self) -> str:
        """One sentence for the places that would otherwise show a verdict."""
        kinds = [d.kind for d in self.disagreements]
        return (
            f"The plan's inputs disagree with last year ({', '.join(kinds)}), so it shows no on-track verdict, "
            "chance or lift until they agree: see the notes below."
        )


def deal_size_check(deal_size: float, facts: LastYearFacts, currency: str) -> Disagreement | None:
    """The plan's average deal against last year's actual: more than 50% apart either way is questioned."""
    actual = facts.deal_size
    if actual is None or actual <= 0 or abs(deal_size / actual - 1) <= DEAL_TOLERANCE:
        return None
    times = deal_size / actual
    how = f"{times:,.0f} times" if times >= 2 else f"{times:.0%} of" if times < 1 else f"{times:.1f} times"
    return Disagreement(
        kind="deal size",
        message=(
            f"The plan's average first-year deal ({format_money(deal_size, currency)}) is {how} last year's "
            f"actual ({format_money(actual, currency)} from {counted(facts.customers or 0, 'new customer')} "
            f"in {facts.source})."
        ),
        fix="Use last year's figure, or agree the new deal size with sales and say why it changes.",
        offer=actual,
    )


def _ratio_words(ratio: float) -> str | None:
    if ratio < TOO_LITTLE:
        return "under a fifth of"
    if ratio > TOO_MUCH:
        return f"{ratio:,.0f} times" if ratio >= 10 else f"{ratio:.1f} times"
    return None


def customers_check(targets: PlanTargets, facts: LastYearFacts) -> Disagreement | None:
    """The new customers the plan needs against those last year brought."""
    had = facts.customers
    need = targets.goal.planned_customers
    if not had or had <= 0:
        return None
    words = _ratio_words(need / had)
    if words is None:
        return None
    return Disagreement(
        kind="customers",
        message=(
            f"The plan needs {counted(need, 'new customer')}, {words} the {format_count(had)} last year brought "
            f"({facts.source})."
        ),
        fix="Check the revenue goal and the deal size against last year's revenue and customers.",
    )


def volumes_check(targets: PlanTargets, facts: LastYearFacts, stages: tuple[str, ...]) -> Disagreement | None:
    """Every stage's monthly volume the plan needs against what last year produced a month."""
    if len(stages) != len(facts.monthly_volumes):
        return None
    off = []
    for stage, need, had in zip(stages, targets.monthly.volumes, facts.monthly_volumes, strict=True):
        if had is None or had <= 0 or not math.isfinite(need):
            continue
        words = _ratio_words(need / had)
        if words is not None:
            off.append(f"{stage.lower()} ({format_count(need)} a month, {words} last year's {format_count(had)})")
    if not off:
        return None
    return Disagreement(
        kind="volumes",
        message="The plan asks for " + "; ".join(off) + ".",
        fix="Check the conversion rates on the Funnel page (use last year's on the review page) and the goal.",
    )


def check_plan(plan: Plan, targets: PlanTargets | None = None) -> PlanCheck:
    """The plan's inputs against last year's data; with none loaded there is nothing to contradict."""
    facts = last_year_facts(plan.last_year)
    if facts is None:
        return PlanCheck(facts=None)
    targets = targets or plan_targets(plan)
    found = (
        deal_size_check(plan.goals.avg_deal_size, facts, plan.currency),
        customers_check(targets, facts),
        volumes_check(targets, facts, plan.funnel.stages),
    )
    return PlanCheck(facts=facts, disagreements=tuple(d for d in found if d is not None))


TrackState = Literal["no data", "inputs disagree", "verdict"]


class FunnelStatus(BaseModel):
    """What the pages may say about today against the plan: a verdict per stage only when the inputs agree."""

    model_config = ConfigDict(arbitrary_types_allowed=True, frozen=True, extra="forbid")

    state: TrackState
    check: PlanCheck
    gap: pd.DataFrame | None = Field(None, description="`gap_to_today`, when today's volumes are known.")

    @property
    def off_track(self) -> int | None:
        """Stages below what the plan requires; None unless a verdict may be shown."""
        return stages_off_track(self.gap) if self.state == "verdict" else None


def funnel_status(plan: Plan, targets: PlanTargets | None = None) -> FunnelStatus:
    """Today against the plan: "no data" without today's volumes, "inputs disagree" when a check
    against last year fails (no verdict, chance or lift may then be shown), else a verdict."""
    targets = targets or plan_targets(plan)
    check = check_plan(plan, targets)
    gap = gap_to_today(targets.monthly, plan.funnel.today) if plan.funnel.today else None
    if not check.agrees:
        return FunnelStatus(state="inputs disagree", check=check, gap=gap)
    return FunnelStatus(state="no data" if gap is None else "verdict", check=check, gap=gap)
