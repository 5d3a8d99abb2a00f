"""SMART goals: percentage points against relative percent, the KPIs a goal ties to, and what keeps a goal from being SMART."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from planner.funnel import Funnel
from planner.money import format_rate
from planner.roadmap.model import SmartGoal, changed_value

# Goal metrics outside the funnel that teams commonly set; they need an annual KPI to tie to.
OTHER_METRICS: dict[str, str] = {
    "Blog subscribers": "volume",
    "Email subscribers": "volume",
    "Demo requests": "volume",
    "Event registrations": "volume",
    "Social followers": "volume",
    "Email open rate": "rate",
    "Email click rate": "rate",
}


def both_readings(baseline_pct: float, change: float) -> str:
    """Both readings of a change to a rate, so pp and relative % are never confused."""
    points = changed_value(baseline_pct, change, "pp")
    relative = changed_value(baseline_pct, change, "%")
    signed = f"{'+' if change >= 0 else '−'}{_num(abs(change))}"
    return f"{_pct(baseline_pct)} → {signed} pp is {_pct(points)}; {signed}% relative is {_pct(relative)}."


def _num(value: float) -> str:
    return f"{value:,.3f}".rstrip("0").rstrip(".")


def _pct(value: float) -> str:
    return f"{_num(value)}%"


def kpis(funnel: Funnel) -> dict[str, str]:
    """The annual KPIs a goal can be tied to: every funnel stage (a volume) and rate."""
    return {**dict.fromkeys(funnel.stages, "volume"), **dict.fromkeys(funnel.transitions(), "rate")}


def goal_metrics(funnel: Funnel) -> dict[str, str]:
    """Every metric a goal can move, with its kind: the funnel's KPIs, then common other metrics."""
    return {**kpis(funnel), **OTHER_METRICS}


def metric_kind(metric: str, funnel: Funnel) -> str:
    """'rate' or 'volume'; a metric we do not know is a rate if its name says so."""
    known = goal_metrics(funnel)
    if metric in known:
        return known[metric]
    return "rate" if "rate" in metric.lower() or "→" in metric else "volume"


def goal_label(goal: SmartGoal) -> str:
    """A goal in a few words: 'MQLs +25%' or 'Website visits → Leads +0.25 pp'."""
    metric = goal.metric or "(no metric)"
    if goal.change is None:
        return metric
    sign = "+" if goal.change >= 0 else "−"
    unit = " pp" if goal.unit == "pp" else "%"
    return f"{metric} {sign}{_num(abs(goal.change))}{unit}"


def goal_sentence(goal: SmartGoal, funnel: Funnel) -> str:
    """The goal as a SMART sentence, with the target it implies."""
    if goal.target is None or goal.baseline is None:
        return f"{goal_label(goal)}: no number yet."
    rate = metric_kind(goal.metric, funnel) == "rate"
    show = (lambda pct: format_rate(pct / 100)) if rate else _num
    verb = "Raise" if goal.target >= goal.baseline else "Lower"
    by = f"by {goal.deadline:%d %b %Y}" if goal.deadline else "(no deadline)"
    owner = f", owned by {goal.owner}" if goal.owner else ""
    return f"{verb} {goal.metric} from {show(goal.baseline)} to {show(goal.target)} ({goal_label(goal)}) {by}{owner}."


def smart_problems(
    goal: SmartGoal, funnel: Funnel, first: date, last: date, max_lift: float = 1.0
) -> list[str]:
    """What keeps a goal from being SMART, in plain words; empty when it is."""
    problems = []
    kind = metric_kind(goal.metric, funnel)
    if not goal.metric:
        problems.append("Specific: say which metric the goal moves.")
    if goal.baseline is None or goal.change is None:
        problems.append("Measurable: give it a number, both the baseline and the change.")
    elif goal.change == 0:
        problems.append("Measurable: a change of 0 is no goal; say how far the metric should move.")
    if goal.unit == "pp" and kind == "volume" and goal.metric:
        problems.append(
            f"Measurable: percentage points only apply to rates, and {goal.metric} is a volume; use relative %."
        )
    if goal.target is not None and goal.baseline is not None:
        if kind == "rate" and not 0 <= goal.target <= 100:
            problems.append(f"Achievable: a rate cannot reach {_pct(goal.target)}; keep it within 0–100%.")
        elif goal.target < 0:
            problems.append(
                f"Achievable: {goal.metric} cannot fall below 0; the target is {_num(goal.target)}."
            )
        elif goal.baseline > 0 and abs(goal.target / goal.baseline - 1) > max_lift:
            lift = goal.target / goal.baseline - 1
            problems.append(
                f"Achievable: a {lift:+.0%} change in one quarter is beyond the {max_lift:.0%} set as plausible "
                "(SMART goals tab); check it against last year's best quarter or split it over two quarters."
            )
    tied = goal.metric in kpis(funnel) or goal.kpi in kpis(funnel)
    if not tied:
        problems.append("Relevant: tie it to an annual KPI (a funnel stage or rate) in the KPI column.")
    if goal.deadline is None:
        problems.append("Time-bound: set a deadline.")
    elif not first <= goal.deadline <= last:
        problems.append(
            f"Time-bound: the deadline {goal.deadline:%d %b %Y} is outside the quarter "
            f"({first:%d %b} – {last:%d %b %Y}); move it inside or plan the goal for another quarter."
        )
    return problems


class GoalReview(NamedTuple):
    """What the roadmap says of one goal, sentence by sentence, and whether it is SMART."""

    sentences: list[str]
    smart: bool


def goal_review(goal: SmartGoal, funnel: Funnel, first: date, last: date, max_lift: float = 1.0) -> GoalReview:
    """The goal's SMART sentence, both readings of a rate's change when it has one, and what keeps
    it from being SMART (nothing when it is)."""
    said = [goal_sentence(goal, funnel)]
    if metric_kind(goal.metric, funnel) == "rate" and goal.baseline is not None and goal.change:
        said.append(f"Both readings: {both_readings(goal.baseline, abs(goal.change))}")
    problems = smart_problems(goal, funnel, first, last, max_lift)
    return GoalReview(said + (["Not SMART yet: " + " ".join(problems)] if problems else []), not problems)
