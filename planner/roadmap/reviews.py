"""A quarter's reviews: their dates, the pace a straight line expects, each goal's progress, carry-over and date moves."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import NamedTuple

import pandas as pd

from planner.fiscal import quarter_dates
from planner.roadmap.focus import mark_carry_over
from planner.roadmap.model import FocusArea, Quarter, Roadmap, SmartGoal
from planner.roadmap.smart import goal_label

# A goal is "at risk" when it has made at least this share of the progress the straight line expects.
AT_RISK_SHARE = 0.8


class ReviewDates(NamedTuple):
    """The two review dates of a quarter."""

    mid_quarter: date
    final: date


def review_dates(year: int, quarter: int, fiscal_year_start_month: int = 1) -> ReviewDates:
    """Mid-quarter check-in (first day + half the days to the last, rounded down) and final review
    (last day − 14 days) of quarter 1–4 of fiscal year `year`."""
    first, last = quarter_dates(year, quarter, fiscal_year_start_month)
    return ReviewDates(first + timedelta(days=(last - first).days // 2), last - timedelta(days=14))


def quarter_of(day: date, year: int, start_month: int = 1) -> int | None:
    """Which quarter (1–4) of fiscal year `year` holds `day`; None outside the year."""
    for number in (1, 2, 3, 4):
        first, last = quarter_dates(year, number, start_month)
        if first <= day <= last:
            return number
    return None


def pace_share(first: date, deadline: date, on: date) -> float:
    """Share of the way to the target a straight line from the quarter's start expects by `on`."""
    if deadline <= first:
        return 1.0
    return min(max((on - first).days / (deadline - first).days, 0.0), 1.0)


def progress_status(progress: float, expected: float) -> str:
    """'on track' at or ahead of the straight line, 'at risk' within reach of it, else 'off track'."""
    if progress >= 1 or progress >= expected - 1e-9:
        return "on track"
    return "at risk" if progress >= AT_RISK_SHARE * expected else "off track"


def goal_progress(quarter: Quarter, year: int, number: int, start_month: int = 1) -> pd.DataFrame:
    """Each goal's latest review: actual, the pace a straight line to the target expects, and status.

    Columns: `goal`, `baseline`, `target`, `review` (which review the actual is from), `actual`,
    `expected` (where the line is on that review date), `progress` and `pace` (shares of the way
    from baseline to target), `status`.
    """
    first, last = quarter_dates(year, number, start_month)
    dates = review_dates(year, number, start_month)
    rows = []
    for goal in quarter.goals:
        row = {"goal": goal_label(goal), "baseline": goal.baseline, "target": goal.target}
        review, actual = (
            ("final", goal.final_actual)
            if goal.final_actual is not None
            else ("mid-quarter", goal.mid_actual)
        )
        on = dates.final if review == "final" else dates.mid_quarter
        deadline = goal.deadline or last
        pace = pace_share(first, deadline, on)
        if goal.target is None or goal.baseline is None:
            status, progress, expected = "no number", math.nan, math.nan
        elif goal.target == goal.baseline:
            status, progress, expected = "no change planned", math.nan, math.nan
        elif actual is None:
            status, progress = "not reviewed yet", math.nan
            expected = goal.baseline + (goal.target - goal.baseline) * pace
        else:
            progress = (actual - goal.baseline) / (goal.target - goal.baseline)
            expected = goal.baseline + (goal.target - goal.baseline) * pace
            status = progress_status(progress, pace)
        rows.append(
            {
                **row,
                "review": review if actual is not None else "",
                "actual": actual,
                "expected": expected,
                "progress": progress,
                "pace": pace,
                "status": status,
            }
        )
    columns = ["goal", "baseline", "target", "review", "actual", "expected", "progress", "pace", "status"]
    return pd.DataFrame(rows, columns=columns)


def current_review(today: date, year: int, number: int, start_month: int = 1) -> str:
    """Where `today` falls in the quarter: before it, before/after the mid-quarter check-in, after the final review."""
    first, last = quarter_dates(year, number, start_month)
    dates = review_dates(year, number, start_month)
    if today < first:
        return f"The quarter starts on {first:%d %b %Y}; record actuals at the check-in on {dates.mid_quarter:%d %b}."
    if today > last:
        return f"The quarter ended on {last:%d %b %Y}; its final review was on {dates.final:%d %b}."
    if today < dates.mid_quarter:
        return f"In the quarter; the mid-quarter check-in is on {dates.mid_quarter:%d %b %Y}."
    if today < dates.final:
        return f"Past the mid-quarter check-in; the final review is on {dates.final:%d %b %Y}."
    return f"Final review time ({dates.final:%d %b %Y}): decide what carries into the next quarter."


def _same_goal(first: SmartGoal, second: SmartGoal) -> bool:
    return (first.metric, first.focus_area) == (second.metric, second.focus_area)


def _with_quarters(roadmap: Roadmap, quarters: Sequence[Quarter]) -> Roadmap:
    return roadmap.model_copy(update={"quarters": tuple(quarters)})


def _carried_goal(goal: SmartGoal, deadline: date) -> SmartGoal:
    baseline = goal.latest_actual if goal.latest_actual is not None else goal.baseline
    return goal.model_copy(
        update={
            "baseline": baseline,
            "deadline": deadline,
            "mid_actual": None,
            "final_actual": None,
            "carried": True,
        }
    )


def set_carry_over(
    roadmap: Roadmap, quarter: int, names: Iterable[str], year: int, start_month: int = 1
) -> Roadmap:
    """Mark exactly `names` of quarter 1–3's focus areas to carry over. A newly marked area appears in
    the next quarter with its goals, baselined on their latest actuals; an unmarked one leaves it
    again, with the carried goals nobody has reviewed yet. Anything the user deleted from or
    edited in the next quarter stays as they left it until the area is marked again."""
    names = set(names)
    source, target = roadmap.quarter(quarter), roadmap.quarter(quarter + 1)
    _, deadline = quarter_dates(year, quarter + 1, start_month)
    areas, goals = list(target.focus_areas), list(target.goals)
    for area in source.focus_areas:
        marked = area.name in names
        if marked and not area.carry_over:
            if area.name not in [a.name for a in areas]:
                areas.append(FocusArea(name=area.name, carried=True))
            for goal in (g for g in source.goals if g.focus_area == area.name):
                if not any(_same_goal(goal, g) for g in goals):
                    goals.append(_carried_goal(goal, deadline))
        elif area.carry_over and not marked:
            goals = [
                g for g in goals if not (g.carried and g.focus_area == area.name and g.latest_actual is None)
            ]
            still_used = {g.focus_area for g in goals} | {i.focus_area for i in target.initiatives}
            areas = [a for a in areas if not (a.name == area.name and a.carried and a.name not in still_used)]
    quarters = list(roadmap.quarters)
    quarters[quarter - 1] = source.model_copy(
        update={"focus_areas": mark_carry_over(source.focus_areas, names)}
    )
    quarters[quarter] = target.model_copy(update={"focus_areas": tuple(areas), "goals": tuple(goals)})
    return _with_quarters(roadmap, quarters)


def follow_actuals(roadmap: Roadmap) -> Roadmap:
    """Carried goals nobody has reviewed yet take their source goal's latest actual as baseline,
    so actuals recorded after the carry-over still reach the next quarter."""
    quarters = list(roadmap.quarters)
    for index in range(3):
        carried_areas = {a.name for a in quarters[index].focus_areas if a.carry_over}
        sources = [g for g in quarters[index].goals if g.focus_area in carried_areas]
        goals = []
        for goal in quarters[index + 1].goals:
            source = next((s for s in sources if _same_goal(s, goal)), None)
            if goal.carried and goal.latest_actual is None and source is not None:
                baseline = source.latest_actual if source.latest_actual is not None else source.baseline
                goal = goal.model_copy(update={"baseline": baseline})
            goals.append(goal)
        quarters[index + 1] = quarters[index + 1].model_copy(update={"goals": tuple(goals)})
    return _with_quarters(roadmap, quarters)


def move_dates(
    roadmap: Roadmap, before: Sequence[tuple[date, date]], after: Sequence[tuple[date, date]]
) -> Roadmap:
    """The roadmap with every date kept at its place in its quarter (`before` and `after` are the
    four quarters' first and last days): the same days after the start, and a quarter's last day
    stays its last day, so a new fiscal year keeps the plan's shape."""
    quarters = []
    for quarter, (old_first, old_last), (new_first, new_last) in zip(
        roadmap.quarters, before, after, strict=True
    ):

        def moved(
            day: date | None, old_first=old_first, old_last=old_last, new_first=new_first, new_last=new_last
        ):
            if day is None:
                return None
            if day == old_last:
                return new_last
            shifted = new_first + (day - old_first)
            # Inside the quarter, a day never spills into the next one (quarters differ in length).
            return min(shifted, new_last) if old_first <= day <= old_last else shifted

        initiatives = [
            i.model_copy(update={"start": moved(i.start), "due": moved(i.due)}) for i in quarter.initiatives
        ]
        goals = [g.model_copy(update={"deadline": moved(g.deadline)}) for g in quarter.goals]
        quarters.append(quarter.model_copy(update={"initiatives": tuple(initiatives), "goals": tuple(goals)}))
    return roadmap.model_copy(update={"quarters": tuple(quarters)})
