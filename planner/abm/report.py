"""Every ABM figure for one selection of accounts, as the ABM page and the deck show it."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from planner.abm.accounts import (
    account_funnel,
    engagement_matrix,
    filter_accounts,
    health_scores,
    journey_stages,
    movers,
)
from planner.abm.formulas import nps, nps_breakdown
from planner.abm.kpis import Kpi, abm_kpis, cta_conversion, ignored_kpis
from planner.abm.settings import AbmSettings
from planner.abm.windows import Window, answers_in, in_window, periods


@dataclass(frozen=True)
class AbmReport:
    """Every ABM figure for one selection (tiers, owners, period): what the page and the deck show."""

    current: Window
    previous: Window
    accounts: int
    kpis: list[Kpi]
    health: pd.DataFrame
    engagement: pd.DataFrame
    directions: pd.Series
    funnel: pd.DataFrame
    cta: pd.DataFrame | None
    nps_breakdown: pd.DataFrame | None
    nps: float
    ignored: pd.DataFrame
    has_previous: bool


def abm_report(
    activity: pd.DataFrame,
    cta: pd.DataFrame | None,
    answers: pd.DataFrame | None,
    settings: AbmSettings,
) -> AbmReport | None:
    """The KPIs, health ranking, heatmap data, funnel, CTA and NPS figures for the chosen accounts.

    None when no account matches the tiers and owners chosen.
    """
    chosen = filter_accounts(activity, settings.tiers, settings.owners)
    if chosen.empty:
        return None
    names = chosen["account"].unique()
    cta = cta[cta["account"].isin(names)] if cta is not None else None
    answers = answers[answers["account"].isin(names)] if answers is not None else None
    current, previous = periods(chosen, settings.period_months, settings.period_end)
    health = health_scores(chosen, answers, settings.weights, current)
    shown_months = sorted(m for m in chosen["month"].unique() if m <= current.end)
    matrix = engagement_matrix(chosen[chosen["month"] <= current.end])
    order = [a for a in health["account"] if a in matrix.index]
    matrix = matrix.loc[order, shown_months]
    period_answers = answers_in(answers, current) if answers is not None else None
    return AbmReport(
        current=current,
        previous=previous,
        accounts=len(health),
        kpis=abm_kpis(chosen, answers, current, previous),
        health=health,
        engagement=matrix,
        directions=movers(chosen, current)["direction"],
        funnel=account_funnel(journey_stages(chosen, current)),
        cta=cta_conversion(cta, current) if cta is not None else None,
        nps_breakdown=nps_breakdown(period_answers["score"]) if period_answers is not None else None,
        nps=nps(period_answers["score"]) if period_answers is not None else math.nan,
        ignored=ignored_kpis(chosen, cta, current),
        has_previous=bool(in_window(chosen, previous).shape[0]),
    )
