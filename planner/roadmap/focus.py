"""Focus areas: the catalogue, the ones the funnel says would move the plan most, and the user's choices."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

import pandas as pd

from planner.funnel import Funnel, sensitivity
from planner.money import format_count, format_rate
from planner.roadmap.model import FocusArea, Quarter

FOCUS_AREAS: tuple[str, ...] = (
    "Website attraction",
    "Conversion-rate optimisation",
    "Lead qualification",
    "Lead nurturing",
    "Event participation",
    "Social media engagement",
)


def focus_for_transition(transition: str, index: int) -> str:
    """The focus area that works on a funnel rate: by the stage it leads to (leads come from
    conversion-rate work, MQLs from nurturing, SQLs from qualification), else by its place."""
    into = transition.split("→")[-1].strip().lower()
    by_stage = {"leads": 0, "contacts": 0, "mqls": 1, "sqls": 2}
    by_place = ("Conversion-rate optimisation", "Lead nurturing", "Lead qualification")
    place = by_stage.get(into, index)
    return by_place[place] if place < len(by_place) else "Sales follow-up (agree it with sales)"


def suggest_focus(funnel: Funnel, customers_per_month: float, top_today: float | None = None) -> pd.DataFrame:
    """Focus areas ranked by how much +1 percentage point on the rate they work on cuts the
    top-of-funnel volume the plan needs; website attraction first when today's top falls short.

    Columns: `rank`, `focus_area`, `transition`, `rate`, `reason`.
    """
    ranked = sensitivity(customers_per_month, funnel.rates, funnel.stages, mode="points")
    top = funnel.stages[0].lower()
    rows = []
    if top_today is not None and customers_per_month > 0:
        needed = float(ranked["base_required_top"].iloc[0])
        if top_today < needed:
            rows.append(
                {
                    "focus_area": "Website attraction",
                    "transition": funnel.stages[0],
                    "rate": math.nan,
                    "reason": f"today's {format_count(top_today)} {top} a month fall "
                    f"{format_count(needed - top_today)} short of the {format_count(needed)} needed.",
                }
            )
    for _, row in ranked.iterrows():
        index = funnel.transitions().index(row["transition"])
        saved = -row["required_top_change_up"]
        rows.append(
            {
                "focus_area": focus_for_transition(row["transition"], index),
                "transition": row["transition"],
                "rate": row["rate"],
                "reason": f"+1 pp on {row['transition']} ({format_rate(row['rate'])}) cuts the {top} "
                f"needed by {format_count(saved)} a month.",
            }
        )
    frame = pd.DataFrame(rows, columns=["focus_area", "transition", "rate", "reason"])
    frame.insert(0, "rank", range(1, len(frame) + 1))
    return frame


def focus_options(quarter: Quarter) -> list[str]:
    """The catalogue plus any custom focus area the quarter uses, for the tables' choices."""
    return list(dict.fromkeys([*FOCUS_AREAS, *quarter.focus_names]))


def choose_focus(areas: Sequence[FocusArea], names: Iterable[str]) -> tuple[FocusArea, ...]:
    """The focus areas after the user picked `names` (typed ones trimmed); each keeps its carry-over mark."""
    carried = {a.name: a.carry_over for a in areas}
    picked = dict.fromkeys(n.strip() for n in names if n.strip())
    return tuple(FocusArea(name=n, carry_over=carried.get(n, False)) for n in picked)


def mark_carry_over(areas: Sequence[FocusArea], names: Iterable[str]) -> tuple[FocusArea, ...]:
    """The focus areas with exactly `names` marked to carry over into the next quarter."""
    names = set(names)
    return tuple(FocusArea(name=a.name, carry_over=a.name in names) for a in areas)
