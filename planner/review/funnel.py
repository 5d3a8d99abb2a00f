"""Last year's funnel for the whole portfolio: volumes, rates, what keeps a rate from driving the plan, and a chartable view."""

from __future__ import annotations

import itertools
import math
from typing import Literal

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field

from planner.columns import STAGE_COLUMNS
from planner.funnel import DEFAULT_STAGES, FunnelVolumes, transition_label
from planner.review.channels import summary_total

# Why a rate of last year cannot drive the plan: a stage the data lacks, nothing above to divide by,
# a rate of 0%, or more below than above (usually a column mapped to the wrong stage).
ProblemKind = Literal["no column", "nothing to divide by", "zero", "above 100%"]


class FunnelProblem(BaseModel):
    """Why one of last year's rates cannot drive the plan's funnel, as a sentence the page shows."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    transition: int = Field(ge=0, description="Which rate: 0 is from the first stage to the second.")
    kind: ProblemKind
    sentence: str


class LastYearFunnel(BaseModel):
    """Last year's funnel, whole portfolio: volume per stage, rates, and the monthly averages."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    stages: tuple[str, ...]
    volumes: tuple[float, ...]
    rates: tuple[float | None, ...] = Field(description="Rate from the stage above; None where unknown.")
    months: int = Field(ge=1, description="Months the data covers; monthly averages divide by it.")

    def monthly(self) -> tuple[float, ...]:
        return tuple(v / self.months for v in self.volumes)

    def problems(self) -> list[FunnelProblem]:
        """Why these rates cannot drive the plan's funnel, one per rate that cannot (empty when all can)."""
        problems = []
        for i, rate in enumerate(self.rates):
            label = transition_label(self.stages[i], self.stages[i + 1])
            kind: ProblemKind
            if rate is None and math.isnan(self.volumes[i + 1]):
                kind, sentence = "no column", f"{label}: last year's data has no {self.stages[i + 1]} column."
            elif rate is None:
                kind, sentence = "nothing to divide by", f"{label}: last year's data has no {self.stages[i].lower()} to divide by."
            elif rate <= 0:
                kind, sentence = "zero", f"{label} was 0% last year; the plan needs a rate above 0%."
            elif rate > 1:
                kind, sentence = "above 100%", (f"{label} was {rate:.0%} last year (more {self.stages[i + 1]} than "
                                                f"{self.stages[i]}); check the column mapping.")  # fmt: skip
            else:
                continue
            problems.append(FunnelProblem(transition=i, kind=kind, sentence=sentence))
        return problems


def last_year_funnel(summary: pd.DataFrame, months: int = 12) -> LastYearFunnel:
    """The portfolio's funnel from the Total row, in the planner's default stage names."""
    total = summary_total(summary)
    volumes = [float(total[c]) for c in STAGE_COLUMNS]
    rates = [
        None if not (above > 0) or math.isnan(below) else below / above
        for above, below in itertools.pairwise(volumes)
    ]
    return LastYearFunnel(stages=DEFAULT_STAGES, volumes=tuple(volumes), rates=tuple(rates), months=months)


def last_year_volumes(last: LastYearFunnel) -> FunnelVolumes | None:
    """Last year's funnel as chartable volumes, from the first stage the data has; None if it cannot be drawn."""
    known = [i for i, v in enumerate(last.volumes) if not math.isnan(v)]
    if len(known) < 2 or known != list(range(known[0], len(last.volumes))):
        return None
    first = known[0]
    rates = last.rates[first:]
    if any(r is None or not 0 < r <= 1 for r in rates):
        return None
    return FunnelVolumes(
        direction="forward", stages=last.stages[first:], rates=tuple(rates), volumes=last.volumes[first:]
    )
