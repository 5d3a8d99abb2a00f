"""A quarter's initiatives and SMART goals as readable frames, for presenting and downloading."""

from __future__ import annotations

import pandas as pd

from planner.funnel import Funnel
from planner.roadmap.model import Quarter
from planner.roadmap.smart import goal_sentence, kpis


def initiatives_frame(quarter: Quarter) -> pd.DataFrame:
    """The quarter's initiatives as a readable table, for presenting and downloading."""
    return pd.DataFrame(
        [
            {
                "Initiative": i.name,
                "Focus area": i.focus_area,
                "Owner": i.owner,
                "Start": i.start,
                "Due": i.due,
                "Budget": i.budget,
                "Status": i.status,
                "Decision": i.decision or "",
                "Why": i.decision_note,
            }
            for i in quarter.initiatives
        ],
        columns=["Initiative", "Focus area", "Owner", "Start", "Due", "Budget", "Status", "Decision", "Why"],
    )


def goals_frame(quarter: Quarter, funnel: Funnel) -> pd.DataFrame:
    """The quarter's SMART goals as a readable table: the sentence, the numbers and the actuals."""
    return pd.DataFrame(
        [
            {
                "Goal": goal_sentence(g, funnel),
                "Annual KPI": g.kpi or (g.metric if g.metric in kpis(funnel) else ""),
                "Baseline": g.baseline,
                "Change": g.change,
                "Unit": g.unit,
                "Target": g.target,
                "Deadline": g.deadline,
                "Owner": g.owner,
                "Mid-quarter actual": g.mid_actual,
                "Final actual": g.final_actual,
            }
            for g in quarter.goals
        ],
        columns=["Goal", "Annual KPI", "Baseline", "Change", "Unit", "Target", "Deadline", "Owner",
                 "Mid-quarter actual", "Final actual"],
    )  # fmt: skip
