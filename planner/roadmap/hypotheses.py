"""Hypotheses: what moving one funnel rate does to every stage below it and to revenue."""

from __future__ import annotations

import math

import pandas as pd
from pydantic import BaseModel, ConfigDict

from planner.funnel import Funnel, forward
from planner.roadmap.model import Hypothesis, Quarter


class HypothesisImpact(BaseModel):
    """What moving one rate does to every stage below it, per month, and to revenue."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    stages: tuple[str, ...]
    before: tuple[float, ...]
    after: tuple[float, ...]
    top_per_month: float
    deal_size: float

    @property
    def extra_customers(self) -> float:
        return self.after[-1] - self.before[-1]

    @property
    def extra_revenue(self) -> float:
        return self.extra_customers * self.deal_size

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame(
            {
                "stage": self.stages,
                "before": self.before,
                "after": self.after,
                "change": [a - b for a, b in zip(self.after, self.before, strict=True)],
            }
        )


def hypothesis_impact(
    funnel: Funnel, hypothesis: Hypothesis, top_per_month: float, deal_size: float
) -> HypothesisImpact:
    """Read the funnel forward from `top_per_month` with the hypothesis's rate at its `from` and at
    its `to` value (every other rate as planned); a ValueError says what the hypothesis lacks."""
    transitions = funnel.transitions()
    if hypothesis.transition not in transitions:
        raise ValueError(
            f"the rate '{hypothesis.transition or '(none)'}' is not in the funnel; choose one of: "
            f"{', '.join(transitions)}."
        )
    if hypothesis.from_rate is None or hypothesis.to_rate is None:
        raise ValueError("give both the rate today and the rate expected, in percent.")
    index = transitions.index(hypothesis.transition)
    before, after = list(funnel.rates), list(funnel.rates)
    before[index], after[index] = hypothesis.from_rate, hypothesis.to_rate
    return HypothesisImpact(
        stages=funnel.stages,
        before=forward(top_per_month, before, funnel.stages).volumes,
        after=forward(top_per_month, after, funnel.stages).volumes,
        top_per_month=top_per_month,
        deal_size=deal_size,
    )


def hypothesis_table(
    quarter: Quarter, funnel: Funnel, top_per_month: float, deal_size: float
) -> pd.DataFrame:
    """Each hypothesis's yield a month: `hypothesis`, `transition`, `from_rate`, `to_rate`,
    `extra_customers`, `extra_revenue`, `problem` (why it cannot be computed, else "")."""
    rows = []
    for item in quarter.hypotheses:
        label = item.initiative or item.transition or "(unnamed)"
        row = {
            "hypothesis": label,
            "transition": item.transition,
            "from_rate": item.from_rate,
            "to_rate": item.to_rate,
            "extra_customers": math.nan,
            "extra_revenue": math.nan,
            "problem": "",
        }
        try:
            impact = hypothesis_impact(funnel, item, top_per_month, deal_size)
            row.update(extra_customers=impact.extra_customers, extra_revenue=impact.extra_revenue)
        except ValueError as exc:
            row["problem"] = str(exc)
        rows.append(row)
    columns = [
        "hypothesis",
        "transition",
        "from_rate",
        "to_rate",
        "extra_customers",
        "extra_revenue",
        "problem",
    ]
    return pd.DataFrame(rows, columns=columns)


def hypothesis_stages(
    quarter: Quarter, funnel: Funnel, top_per_month: float, deal_size: float
) -> pd.DataFrame:
    """What each usable hypothesis changes at every stage a month: one row per stage, one column per
    hypothesis (its initiative, or its rate), for the table under the hypothesis chart."""
    frame = pd.DataFrame({"stage": funnel.stages})
    for item in quarter.hypotheses:
        try:
            impact = hypothesis_impact(funnel, item, top_per_month, deal_size)
        except ValueError:
            continue
        label = item.initiative or item.transition
        while label in frame.columns:
            label += " (again)"
        frame[label] = impact.to_frame()["change"].to_numpy()
    return frame
