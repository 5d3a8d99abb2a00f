"""What last year says, from whichever sources the plan holds: revenue, customers, deal size, spend, and its funnel."""

from __future__ import annotations

import itertools
import math

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field

from planner.columns import STAGE_COLUMNS
from planner.funnel import DEFAULT_STAGES, transition_label
from planner.review.channels import channel_summary, summary_total
from planner.review.crm import funnel_lags
from planner.review.funnel import LastYearFunnel
from planner.review.last_year import LastYear, LastYearData
from planner.validation import number_or_none


class ChannelDeal(BaseModel):
    """One channel's new customers last year, the revenue they brought, and the average deal."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    channel: str
    customers: float
    revenue: float
    deal_size: float | None = Field(description="Revenue per new customer; None without customers.")


class LastYearFacts(BaseModel):
    """Last year's headline figures and the file each one comes from."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    source: str = Field(description="The file the revenue, customers and volumes come from.")
    year: int | None
    months: int
    revenue: float | None
    customers: float | None
    deal_size: float | None = Field(description="Average first-year deal: revenue / new customers.")
    spend: float | None = Field(description="Marketing spend; only a channel table has it.")
    spend_source: str | None
    monthly_volumes: tuple[float | None, ...] = Field(description="Each default stage's monthly average.")
    channels: tuple[ChannelDeal, ...]


# What each source brings to the review, in the words the review page uses.
SOURCE_GIVES = {
    "channels": "spend, sessions, volumes and revenue per channel, so CAC, ROI and the verdicts",
    "crm": "each contact's stage dates, so cohort conversion rates, time in stage and lags",
}
RATE_COLUMNS = ("lead_rate", "mql_rate", "sql_rate", "opportunity_rate", "customer_rate", "lead_to_customer_rate")


def review_source(data: LastYearData) -> LastYear | None:
    """The source the channel review reads: the channel table (spend, CAC, ROI), else the CRM export."""
    return data.channels or data.crm


def review_table(source: LastYear, cohort: bool = True) -> pd.DataFrame:
    """A source's channels for `channel_summary`; a CRM export's cohort unless `cohort` is False."""
    if source.kind == "crm" and cohort and source.cohort is not None:
        return source.cohort_table()
    return source.channel_table()


def _deal(revenue: float | None, customers: float | None) -> float | None:
    return revenue / customers if revenue is not None and customers else None


def last_year_facts(data: LastYearData) -> LastYearFacts | None:
    """Revenue, new customers and the average deal, overall and per channel, from the best source held.

    Revenue, customers and volumes come from the channel table when the plan holds one, else from
    the CRM export's stages reached in the year (the customers won that year); spend only from a
    channel table. None when the plan holds no last-year data.
    """
    source = review_source(data)
    if source is None:
        return None
    table = source.channel_table()
    total = summary_total(channel_summary(table))
    revenue, customers = number_or_none(total["revenue"]), number_or_none(total["customers"])
    per_channel = table.groupby("channel", sort=False)[["customers", "revenue"]].sum(min_count=1)
    channels = tuple(
        ChannelDeal(
            channel=str(name),
            customers=float(row["customers"]) if not math.isnan(row["customers"]) else 0.0,
            revenue=float(row["revenue"]) if not math.isnan(row["revenue"]) else 0.0,
            deal_size=_deal(number_or_none(row["revenue"]), number_or_none(row["customers"])),
        )
        for name, row in per_channel.iterrows()
    )
    spend = number_or_none(total["spend"]) if data.channels is not None else None
    return LastYearFacts(
        source=source.source,
        year=source.year,
        months=source.months,
        revenue=revenue,
        customers=customers,
        deal_size=_deal(revenue, customers),
        spend=spend,
        spend_source=data.channels.source if spend is not None else None,
        monthly_volumes=tuple(
            None if (v := number_or_none(total[c])) is None else v / source.months for c in STAGE_COLUMNS
        ),
        channels=channels,
    )


class PlanFunnelFromLastYear(BaseModel):
    """Last year's funnel as the plan takes it: rates, monthly volumes as "today", lags, and each rate's source."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    funnel: LastYearFunnel
    rate_sources: tuple[str, ...] = Field(description="Which file each rate comes from, in words.")
    lags_days: tuple[float | None, ...] | None

    def rate_lines(self) -> list[str]:
        """'Leads → MQLs: from crm.csv (…)' for each rate, so the page says where each one comes from."""
        stages = self.funnel.stages
        return [
            f"{transition_label(above, below)}: from {where}"
            for (above, below), where in zip(itertools.pairwise(stages), self.rate_sources, strict=True)
        ]


def funnel_for_plan(data: LastYearData) -> PlanFunnelFromLastYear | None:
    """The funnel the plan takes from last year, combining both sources when it holds both.

    Volumes (what "today" starts from) come from the channel table, else the CRM's stages
    reached in the year. The visit → lead rate needs sessions, so only a channel table gives it;
    every later rate comes from the CRM cohort when the plan holds a CRM export (contacts followed
    through their stages, never above 100%), else from the channel table. Lags come from the CRM.
    """
    source = review_source(data)
    if source is None:
        return None
    volumes_table = source.channel_table()
    volumes = [float(summary_total(channel_summary(volumes_table))[c]) for c in STAGE_COLUMNS]
    rates = [None if not (a > 0) or math.isnan(b) else b / a for a, b in itertools.pairwise(volumes)]
    sources = [f"{source.source} ({'in-year stages' if source.kind == 'crm' else 'channel table'})"] * len(rates)
    crm = data.crm
    if crm is not None and crm.cohort is not None:
        cohort = summary_total(channel_summary(crm.cohort_table()))
        counts = [float(cohort[c]) for c in STAGE_COLUMNS]
        for i in range(1, len(rates)):
            above, below = counts[i], counts[i + 1]
            rates[i] = below / above if above > 0 and not math.isnan(below) else None
            sources[i] = f"{crm.source} (leads of {crm.year}, followed through)"
    stage_times = crm.stage_time_table() if crm is not None else None
    return PlanFunnelFromLastYear(
        funnel=LastYearFunnel(
            stages=DEFAULT_STAGES, volumes=tuple(volumes), rates=tuple(rates), months=source.months
        ),
        rate_sources=tuple(sources),
        lags_days=funnel_lags(stage_times) if stage_times is not None else None,
    )
