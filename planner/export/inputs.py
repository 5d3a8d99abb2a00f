"""What every deck section reads: the plan, its targets, the day the deck is made, and last year's and the ABM data if given."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import pandas as pd

from planner.abm import AbmReport, abm_report
from planner.export.layout import Deck
from planner.plan import Plan, PlanTargets
from planner.review import channel_summary


@dataclass(frozen=True)
class ReviewData:
    """Last year's data for the review slides: the channel summary, as `channel_summary` returns it."""

    summary: pd.DataFrame
    months: int = 12
    source: str = "last year's channel table"

    @classmethod
    def from_plan(cls, plan: Plan) -> ReviewData | None:
        """The last year the plan holds, if any, as the review slides read it."""
        last = plan.last_year
        if last is None:
            return None
        return cls(channel_summary(last.channel_table()), last.months, last.source)


@dataclass(frozen=True)
class AbmData:
    """The ABM files for the ABM slides, as `planner.io`'s readers return them; CTA events and NPS are optional."""

    accounts: pd.DataFrame
    cta: pd.DataFrame | None = None
    nps: pd.DataFrame | None = None
    source: str = "the account activity file"

    def report(self, plan: Plan) -> AbmReport | None:
        """The report for the plan's own ABM selection (tiers, owners, period), as the ABM page shows it."""
        return abm_report(self.accounts, self.cta, self.nps, plan.abm)


@dataclass(frozen=True)
class DeckInputs:
    """What every section builder reads: the plan, its targets, the day the deck is made (the caller's
    today, for the title slide), and last year's and ABM data if loaded."""

    plan: Plan
    targets: PlanTargets
    today: date
    review: ReviewData | None = None
    abm: AbmData | None = None


Section = Callable[[Deck, DeckInputs], None]
