"""The plan's one annual marketing budget set against last year's spend, the funnel's demand-gen cost and the roadmap's quarters."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from planner.funnel import funnel_budget
from planner.money import format_money
from planner.plan import Plan, PlanTargets, plan_targets
from planner.review.facts import last_year_facts
from planner.roadmap import quarter_spend


class BudgetPicture(BaseModel):
    """Every figure that spends or measures the plan's money, side by side, each difference in words."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    budget: float | None = Field(description="The plan's one annual marketing budget; None: not set.")
    last_year_spend: float | None
    last_year_source: str | None
    demand_gen_cost: float | None = Field(description="The funnel's cost per unit times the year's volume.")
    allocated: float = Field(description="What the roadmap's four quarters allocate.")
    initiatives: float = Field(description="What the year's initiatives cost.")
    statements: tuple[str, ...]


def _difference(amount: float, budget: float, currency: str, what: str, rest: str) -> str:
    gap = budget - amount
    if abs(gap) < 0.005:
        return f"{what} {format_money(amount, currency)}: all of the {format_money(budget, currency)} budget."
    if gap > 0:
        return (
            f"{what} {format_money(amount, currency)} of the {format_money(budget, currency)} budget; "
            f"{format_money(gap, currency)} {rest}."
        )
    return (
        f"{what} {format_money(amount, currency)}, {format_money(-gap, currency)} more than the "
        f"{format_money(budget, currency)} budget."
    )


def budget_picture(plan: Plan, targets: PlanTargets | None = None) -> BudgetPicture:
    """The one budget against last year's spend, the funnel's cost and the roadmap, with each gap stated."""
    money, roadmap = plan.currency, plan.roadmap
    budget = roadmap.annual_budget
    facts = last_year_facts(plan.last_year)
    spent = facts.spend if facts is not None else None
    targets = targets or plan_targets(plan)
    funnel = plan.funnel
    cost = (
        funnel_budget(targets.yearly, funnel.cost_per_unit, funnel.stages[funnel.cost_stage_index]).budget
        if funnel.cost_per_unit
        else None
    )
    allocations = [roadmap.allocation(n) for n in (1, 2, 3, 4)]
    allocated = sum(a for a in allocations if a is not None)
    initiatives = sum(quarter_spend(q) for q in roadmap.quarters)
    statements: list[str] = []
    if budget is None:
        statements.append(
            "The plan has no annual marketing budget yet: set it on the Quarterly roadmap's Budget tab."
        )
    else:
        if spent is not None:
            change = budget / spent - 1 if spent > 0 else None
            statements.append(
                f"Last year's channels spent {format_money(spent, money)} ({facts.spend_source}); this year's "
                f"budget is {format_money(budget, money)}"
                + (f", {change:+.0%} on last year." if change is not None else ".")
            )
        if cost is not None:
            statements.append(
                _difference(cost, budget, money, "The funnel's demand-gen cost is", "is left for everything else")
            )
        if roadmap.allocations is not None:
            statements.append(
                _difference(allocated, budget, money, "The roadmap allocates", "is not yet in a quarter")
            )
        statements.append(_difference(initiatives, budget, money, "The year's initiatives cost", "is not yet planned"))
    return BudgetPicture(
        budget=budget,
        last_year_spend=spent,
        last_year_source=facts.spend_source if facts is not None else None,
        demand_gen_cost=cost,
        allocated=allocated,
        initiatives=initiatives,
        statements=tuple(statements),
    )
