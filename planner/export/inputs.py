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
from planner.review.facts import review_source, review_table


@dataclass(frozen=True)
class ReviewData:
    """Last year's data for the review slides: the channel summary, as `channel_summary` returns it."""

    summary: pd.DataFrame
    months: int = 12
    source: str = "last year's channel table"

    @classmethod
    def from_plan(cls, plan: Plan) -> ReviewData | None:
        """The last year the plan holds, if any, as the review slides read it (a CRM export's cohort)."""
        source = review_source(plan.last_year)
        if source is None:
            return None
        return cls(channel_summary(review_table(source)), source.months, source.source)


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

    @classmethod
    def from_plan(cls, plan: Plan) -> AbmData | None:
        """The ABM files the plan keeps, if any, as the ABM slides read them."""
        kept = plan.abm_files
        if kept is None or kept.accounts is None:
            return None
        return cls(kept.accounts_table(), kept.cta_table(), kept.nps_table(), kept.accounts.file_name)


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
