"""The plan's channel budget: its channels from last year and the user's settings, the budget the goal needs, a chosen total split by channel and month, and that split put into the plan."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
from pydantic import BaseModel, ConfigDict, Field

from planner.budget import (
    Allocation,
    AppliedBudget,
    AppliedChannel,
    BudgetInputError,
    BudgetRange,
    ChannelSetting,
    ChannelSetup,
    allocate,
    before_year,
    budget_range,
    channels_from_last_year,
    lead_time_days,
    months_before,
    quarter_allocations,
    spend_by_month,
)
from planner.columns import STAGE_COLUMNS
from planner.fiscal import month_label
from planner.funnel import DEFAULT_STAGES
from planner.money import format_count, format_money, format_money_figures, format_percent
from planner.plan import Plan, plan_targets, replace, set_roadmap
from planner.review import channel_summary, verdicts
from planner.validation import is_blank, number_or_none

# The slider moves in steps of about a two-hundredth of its range, rounded to a round amount.
SLIDER_STEPS = 200


class BudgetView(BaseModel):
    """What the Budget page and the deck read: the channels, the goal's customers, the budget they need."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    setup: ChannelSetup
    customers: float = Field(description="New customers the goal needs (referrals included, as last year's table counts them).")
    needed: BudgetRange | None = Field(description="None when `problem` says why no budget can be split.")
    problem: str | None = Field(None, description="Why no budget can be split (every channel cut), in one sentence.")
    least: float = Field(description="What the channels' minimum spends add up to.")
    most: float = Field(description="What the channels' maximum spends add up to (the slider's end).")
    step: float
    total: float = Field(description="The chosen channel budget, within [least, most].")
    lag_days: float
    lag_note: str | None
    seasonality: tuple[float, ...]
    currency: str
    fiscal_year: int
    start_month: int
    last_year_spend: float
    source: str
    annual_budget: float | None


class ChosenBudget(BaseModel):
    """A total split across the channels and the months, with what it buys against the goal."""

    model_config = ConfigDict(frozen=True, extra="forbid", arbitrary_types_allowed=True)

    total: float
    allocation: Allocation
    phasing: pd.DataFrame = Field(description="`spend_by_month` of the allocation.")
    customers: float
    gap: float = Field(description="Customers bought minus the goal's; below 0 is short.")
    before_year: float
    months_before: int
    statements: tuple[str, ...]


def why_no_budget(plan: Plan) -> str:
    """Why the plan has no channel budget to show, and what to do, in one sentence."""
    channels = plan.last_year.channels
    if channels is None:
        return (
            "The budget splits last year's spend by channel, so it needs last year's channel table: load it on the "
            "Last-year review page (the CRM export has no spend)."
        )
    return f"{channels.source} has no spend for any channel; load a channel table with its spend column filled."


def _round_step(span: float) -> float:
    raw = max(span / SLIDER_STEPS, 1.0)
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= raw)


def budget_view(plan: Plan) -> BudgetView | None:
    """The channel budget the plan can show: None without last year's channel table with spend (see `why_no_budget`)."""
    last = plan.last_year.channels
    if last is None or not any(c.spend for c in last.channels):
        return None
    judged = verdicts(channel_summary(last.channel_table()), plan.review_rules, plan.currency)
    setup = channels_from_last_year(
        last, dict(zip(judged["channel"], judged["verdict"], strict=True)), plan.funnel.funnel(), plan.budget
    )
    paid = [c for c in setup.channels if c.kind == "paid"]
    goal = plan_targets(plan).goal
    spend = sum(c.last_year_spend or 0 for c in setup.channels)
    try:
        needed = budget_range(setup, goal.planned_customers, plan.currency)
    except BudgetInputError as refused:
        needed, problem = None, str(refused)
    else:
        problem = None
    # Whole amounts: the slider moves in round steps between the minimums and the maximums.
    least = sum(c.min_spend for c in paid)
    most = sum(c.max_spend for c in paid)
    if not math.isfinite(most):
        most = max(3 * spend, 2 * needed.ends[1].budget if needed else 0)
    step = _round_step(most - least)
    # Round amounts at every stop: the ends move inward to a whole step (the minimums still fit).
    least = math.ceil(least / step) * step
    most = max(math.floor(most / step) * step, least)
    # The slider opens on the budget the goal needs, rounded up to a step so it still reaches the goal;
    # once the user picks a total, on theirs.
    if plan.budget.total is not None:
        wanted = round(plan.budget.total / step) * step
    else:
        wanted = math.ceil((needed.needed.budget if needed else least) / step) * step
    total = min(max(wanted, least), most)
    lag = lead_time_days(plan.funnel.funnel(), "leads")
    return BudgetView(
        setup=setup, customers=goal.planned_customers, needed=needed, problem=problem, least=least, most=most,
        step=step, total=total, lag_days=lag or 0.0,
        lag_note=None if lag is not None else (
            "The funnel's stages are not the standard six, so spend is phased in the months of its customers, "
            "with no lead time."
        ),
        seasonality=goal.seasonality, currency=plan.currency, fiscal_year=plan.fiscal_year,
        start_month=plan.fiscal_year_start_month, last_year_spend=spend, source=last.source,
        annual_budget=plan.roadmap.annual_budget,
    )  # fmt: skip


def _month(view: BudgetView, offset: int) -> str:
    return month_label(view.fiscal_year, view.start_month, offset)


def chosen_budget(view: BudgetView, total: float) -> ChosenBudget:
    """`total` split across the channels for the most customers, phased by month, and said against the goal."""
    money = view.currency
    allocation = allocate(view.setup.curves(), total, currency=money)
    phasing = spend_by_month(allocation, view.seasonality, view.lag_days)
    gap = allocation.customers - view.customers
    statements = []
    cac = f", at a CAC of {format_money(allocation.cac, money)}" if allocation.cac else ""
    goal = format_count(view.customers)
    if gap >= 1:
        versus = f"{format_count(gap)} more than the {goal} the goal needs"
    elif gap >= -0.005:
        versus = f"enough for the {goal} the goal needs"
    elif gap > -1:
        versus = f"just short of the {goal} the goal needs ({format_count(-gap)} of a customer)"
    else:
        versus = f"{format_count(-gap)} short of the {goal} the goal needs"
    statements.append(
        f"A {format_money_figures(allocation.budget, money)} channel budget buys "
        f"{format_count(allocation.customers)} new customers, {versus}{cac}."
    )
    if allocation.marginal_cac is not None:
        statements.append(
            f"One more customer would cost {format_money(allocation.marginal_cac, money)} in every channel not at a "
            "bound: the split is the best this total allows."
        )
    if allocation.message:
        statements.append(allocation.message)
    early, months = before_year(phasing), months_before(phasing)
    if early > 0.5:
        first = int(phasing.loc[phasing["spend"] > 0, "month"].min())
        statements.append(
            f"{format_money(early, money)} of it must be spent before the year starts ({_month(view, first)} to "
            f"{_month(view, -1)}), {view.lag_days:.0f} days ahead of the customers it buys; at the same pace, "
            f"{_month(view, first + 12)} to {_month(view, 11)} buys next year's first customers, so the roadmap's "
            "quarters carry that spend there."
        )
    return ChosenBudget(
        total=total, allocation=allocation, phasing=phasing, customers=allocation.customers, gap=gap,
        before_year=early, months_before=months, statements=tuple(statements),
    )  # fmt: skip


def channel_rows(allocation: Allocation) -> pd.DataFrame:
    """The allocation's frame as the page's per-channel table shows it: whole amounts and volumes, customers
    to one decimal, the change to a whole percent."""
    frame = allocation.frame.copy()
    money = ["last_year_spend", "spend", "change", "min_spend", "max_spend", "cac", "marginal_cac"]
    frame[money] = frame[money].round(0)
    frame[list(STAGE_COLUMNS[:-1])] = frame[list(STAGE_COLUMNS[:-1])].round(0)
    frame["customers"] = frame["customers"].round(1)
    frame["change_share"] = frame["change_share"].round(2)
    return frame


def needed_statement(view: BudgetView) -> str:
    """What the goal costs, in one sentence: the least budget, its range, and against last year's spend."""
    if view.needed is None:
        return view.problem or ""
    money, needed = view.currency, view.needed.needed
    if not needed.feasible:
        return needed.message
    change = needed.budget / view.last_year_spend - 1 if view.last_year_spend else None
    # Last year's spend in the precision of the page's card for it ($1.40M), not a second rounding of it.
    versus = (
        f", {format_percent(change, signed=True)} on last year's {format_money_figures(view.last_year_spend, money)}"
        if change is not None
        else ""
    )
    return (
        f"Reaching the goal's {format_count(view.customers)} new customers takes at least "
        f"{view.needed.headline(money)}{versus}."
    )


def _stage_totals(allocation: Allocation) -> tuple[float | None, ...]:
    totals = allocation.frame[list(STAGE_COLUMNS)]
    return tuple(None if totals[s].isna().all() else float(totals[s].sum()) / 12 for s in STAGE_COLUMNS)


def use_budget(plan: Plan, chosen: ChosenBudget) -> Plan:
    """The plan with this channel budget as its one annual budget, its quarterly allocations following the
    monthly spend (see `quarter_allocations`: the lead spend recurs at the year's end), and what the channels bring a month as the
    funnel's "today" (when the funnel has the standard stages), each channel's months kept."""
    total = float(round(chosen.allocation.budget))
    quarters = [float(round(q)) for q in quarter_allocations(chosen.phasing)]
    # Whole amounts that still add up to the budget: the rounding goes to the largest quarter.
    quarters[int(np.argmax(quarters))] += total - sum(quarters)
    phasing = chosen.phasing
    first = int(phasing["month"].min())
    months = {name: rows for name, rows in phasing.groupby("channel", sort=False)}
    channels = tuple(
        AppliedChannel(
            channel=row.channel,
            stage=row.unit,
            customers=float(row.customers),
            spend=tuple(months[row.channel]["spend"].astype(float)),
            volume=tuple(months[row.channel]["volume"].astype(float)),
        )
        for row in chosen.allocation.frame.itertuples()
    )
    funnel = plan.funnel
    if funnel.stages == DEFAULT_STAGES:
        funnel = replace(funnel, today=_stage_totals(chosen.allocation))
    budget = replace(
        plan.budget, total=chosen.total, applied=AppliedBudget(total=total, first_month=first, channels=channels)
    )
    roadmap = replace(plan.roadmap, annual_budget=total, allocations=tuple(quarters))
    return set_roadmap(replace(plan, funnel=funnel, budget=budget), roadmap)


def set_total(plan: Plan, total: float) -> Plan:
    """The plan with `total` as its chosen channel budget."""
    return replace(plan, budget=replace(plan.budget, total=float(total)))


def set_organic_growth(plan: Plan, growth: float) -> Plan:
    """The plan with the growth its channels without spend are planned at."""
    return replace(plan, budget=replace(plan.budget, organic_growth=float(growth)))


def _setting(record: Mapping[str, Any], defaults: Mapping[str, Any]) -> ChannelSetting:
    def changed(field: str) -> float | None:
        # A bound left at its default stays a default, so it follows the verdict if the review changes.
        value = number_or_none(record.get(field))
        default = number_or_none(defaults.get(field))
        # The editor shows whole amounts: a value within half a unit of the default is the default.
        if value is None or (default is not None and abs(value - default) <= 0.5):
            return None
        return value

    change = record.get("conversion_change")
    return ChannelSetting(
        channel=str(record["channel"]),
        min_spend=changed("min_spend"),
        max_spend=changed("max_spend"),
        exponent=None if is_blank(record.get("exponent")) else float(record["exponent"]),
        conversion_lift=0.0 if is_blank(change) else float(change) / 100,
    )


def set_channel_settings(plan: Plan, records: Sequence[Mapping[str, Any]]) -> Plan:
    """The plan with the bounds editor's rows (`channel`, `min_spend`, `max_spend`, `exponent`,
    `conversion_change` in percent) as its channel settings; a bound equal to its verdict's default is kept as none."""
    view = budget_view(replace(plan, budget=replace(plan.budget, channels=())))
    defaults = {} if view is None else {r["channel"]: r for r in view.setup.table().to_dict("records")}
    settings = [_setting(r, defaults.get(r["channel"], {})) for r in records]
    kept = tuple(s for s in settings if not s.is_default)
    return replace(plan, budget=replace(plan.budget, channels=kept))


def has_channel_budget(plan: Plan) -> bool:
    """Whether the plan has chosen a channel budget (on the Budget page) that its last year can split."""
    return plan.budget.total is not None and budget_view(plan) is not None


def today_from_budget(plan: Plan) -> str | None:
    """A sentence when the funnel's "today" is what the applied channel budget buys a month; None otherwise."""
    applied = plan.budget.applied
    if applied is None or plan.funnel.today is None or plan.funnel.stages != DEFAULT_STAGES:
        return None
    customers = sum(c.customers for c in applied.channels) / 12
    if not math.isclose(plan.funnel.today[-1] or 0, customers, rel_tol=1e-6):
        return None
    return (
        f"Today's volumes are what the {format_money(applied.total, plan.currency)} channel budget buys a month "
        "(set on the Budget page)."
    )
