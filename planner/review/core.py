"""Last year's review: cost and return per channel, a verdict per channel, and last year's funnel."""

from __future__ import annotations

import itertools
import math
from datetime import datetime
from typing import Literal

import numpy as np
import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from planner.columns import BOFU_COLUMNS, COLUMN_LABELS, STAGE_COLUMNS
from planner.fiscal import as_utc
from planner.funnel import DEFAULT_STAGES, FunnelVolumes, transition_label
from planner.money import format_money
from planner.validation import number_or_none

TOTAL = "Total"
REQUIRED = ("channel", "spend", *STAGE_COLUMNS, "revenue")
# Stage rates: name, numerator, denominator.
RATES = (
    ("lead_rate", "leads", "sessions"),
    ("mql_rate", "mqls", "leads"),
    ("sql_rate", "sqls", "mqls"),
    ("opportunity_rate", "opportunities", "sqls"),
    ("customer_rate", "customers", "opportunities"),
    ("lead_to_customer_rate", "customers", "leads"),
)
# Column of `channel_summary` → (label, kind); kinds: count, money, percent, ratio.
SUMMARY_COLUMNS = {
    "spend": ("Spend", "money"),
    **{c: (COLUMN_LABELS[c], "count") for c in (*STAGE_COLUMNS, *BOFU_COLUMNS)},
    "revenue": ("Revenue", "money"),
    "cost_per_lead": ("Cost per lead", "money"),
    "cost_per_mql": ("Cost per MQL", "money"),
    "cost_per_sql": ("Cost per SQL", "money"),
    "cac": ("CAC", "money"),
    "roi": ("ROI", "percent"),
    "roas": ("ROAS", "ratio"),
    "lead_rate": ("Session → lead", "percent"),
    "mql_rate": ("Lead → MQL", "percent"),
    "sql_rate": ("MQL → SQL", "percent"),
    "opportunity_rate": ("SQL → opportunity", "percent"),
    "customer_rate": ("Opportunity → customer", "percent"),
    "lead_to_customer_rate": ("Lead → customer", "percent"),
    "spend_share": ("Share of spend", "percent"),
    "lead_share": ("Share of leads", "percent"),
    "customer_share": ("Share of customers", "percent"),
}
VERDICTS = ("scale", "keep", "fix conversion", "cut")
# CRM date columns, in funnel order, and the channel-table stage each one counts.
CRM_STAGES = (
    ("lead_date", "leads"),
    ("mql_date", "mqls"),
    ("sql_date", "sqls"),
    ("opportunity_date", "opportunities"),
    ("customer_date", "customers"),
)


class NoLeadDatesError(ValueError):
    """A CRM export in which no contact has a lead date, so it has no year to review."""


def _ratio(numerator: pd.Series, denominator: pd.Series) -> pd.Series:
    """numerator / denominator, missing (never inf) where the denominator is 0 or unknown."""
    return numerator.div(denominator.where(denominator > 0))


def channel_summary(table: pd.DataFrame) -> pd.DataFrame:
    """One row per channel plus a 'Total' row: volumes, cost per stage, CAC, ROI, ROAS, rates, shares.

    Per-month rows are summed per channel. Ratios that are undefined (no spend, no customers)
    are missing values. Columns added: `cost_per_lead`, `cost_per_mql`, `cost_per_sql`, `cac`,
    `roi` ((revenue − spend) / spend), `roas`, the stage rates (`lead_rate` … `customer_rate`,
    `lead_to_customer_rate`), `spend_share`, `lead_share`, `customer_share`, `is_total`.
    """
    missing = [c for c in REQUIRED if c not in table]
    if missing:
        raise ValueError(
            f"channel table: missing column(s) {', '.join(missing)}; read it with read_channel_table."
        )
    numeric = ["spend", *STAGE_COLUMNS, "revenue", *[c for c in BOFU_COLUMNS if c in table]]
    per_channel = table.groupby("channel", sort=False)[numeric].sum(min_count=1)
    total = per_channel.sum(min_count=1).rename(TOTAL).to_frame().T
    summary = pd.concat([per_channel, total]).astype(float)
    summary["cost_per_lead"] = _ratio(summary["spend"], summary["leads"])
    summary["cost_per_mql"] = _ratio(summary["spend"], summary["mqls"])
    summary["cost_per_sql"] = _ratio(summary["spend"], summary["sqls"])
    summary["cac"] = _ratio(summary["spend"], summary["customers"])
    summary["roi"] = _ratio(summary["revenue"] - summary["spend"], summary["spend"])
    summary["roas"] = _ratio(summary["revenue"], summary["spend"])
    for name, numerator, denominator in RATES:
        summary[name] = _ratio(summary[numerator], summary[denominator])
    for share, column in (("spend_share", "spend"), ("lead_share", "leads"), ("customer_share", "customers")):
        summary[share] = _ratio(summary[column], pd.Series(summary.loc[TOTAL, column], index=summary.index))
    summary["is_total"] = summary.index == TOTAL
    return summary.rename_axis("channel").reset_index()


class VerdictRules(BaseModel):
    """The stated, adjustable rules behind scale / keep / fix conversion / cut."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    scale_cac_ratio: float = Field(
        0.8,
        gt=0,
        le=1,
        title="Scale when CAC is at most this share of the portfolio CAC",
        description="…and ROI is at least the portfolio's.",
    )
    cut_cac_ratio: float = Field(
        1.5,
        ge=1,
        le=10,
        title="Cut when CAC is at least this multiple of the portfolio CAC",
        description="…and ROI is below the cut ROI.",
    )
    cut_max_roi: float = Field(
        0.0,
        ge=-1,
        le=10,
        title="Cut ROI: below this, revenue does not justify the spend",
        description="0 means the channel returned less than it cost.",
    )
    min_customers: int = Field(
        5,
        ge=0,
        le=1000,
        title="Judge CAC and ROI only from this many customers up",
        description="Below it a channel is kept and watched: too few deals to tell.",
    )
    fix_cpl_ratio: float = Field(
        1.0, gt=0, le=10, title="Fix conversion when cost per lead is at most this multiple of the portfolio's",
        description="…while CAC is above the portfolio's: cheap leads that do not become customers.",
    )  # fmt: skip


def verdicts(summary: pd.DataFrame, rules: VerdictRules | None = None, currency: str = "USD") -> pd.DataFrame:
    """Scale, keep, fix conversion or cut for each channel, with a one-sentence reason.

    Channels are judged against the portfolio (the Total row): CAC, ROI and cost per lead.
    Columns: `channel`, `verdict`, `reason`.
    """
    rules = rules or VerdictRules()
    total = paid_portfolio(summary)
    rows = [
        {"channel": row["channel"], **_verdict(row, total, rules, currency)}
        for _, row in summary[~summary["is_total"]].iterrows()
    ]
    return pd.DataFrame(rows, columns=["channel", "verdict", "reason"])


def _verdict(row: pd.Series, total: pd.Series, rules: VerdictRules, currency: str) -> dict[str, str]:
    def money(value: float) -> str:
        return format_money(value, currency)

    spend, customers, leads = row["spend"], row["customers"], row["leads"]
    if math.isnan(spend):
        return {
            "verdict": "no spend data",
            "reason": "No spend is known for this channel; add spend to judge it.",
        }
    if spend == 0:
        if customers > 0:
            reason = f"No recorded spend and {customers:,.0f} customers: keep it; the effort it takes is not in the numbers."
        else:
            reason = "No recorded spend and no customers yet: keep an eye on it."
        return {"verdict": "keep", "reason": reason}
    portfolio_cac, portfolio_roi, portfolio_cpl = total["cac"], total["roi"], total["cost_per_lead"]
    if not customers > 0:
        if leads > 0 and row["cost_per_lead"] <= rules.fix_cpl_ratio * portfolio_cpl:
            return {
                "verdict": "fix conversion",
                "reason": f"Leads cost {money(row['cost_per_lead'])} (paid channels {money(portfolio_cpl)}) but none "
                "became a customer: fix conversion before adding budget.",
            }
        return {
            "verdict": "cut",
            "reason": f"{money(spend)} spent for no customers: cut it or test a new approach.",
        }
    cac, roi = row["cac"], row["roi"]
    versus = f"CAC {money(cac)} vs the paid channels' {money(portfolio_cac)}"
    if roi < rules.cut_max_roi and cac >= rules.cut_cac_ratio * portfolio_cac:
        return {
            "verdict": "cut",
            "reason": f"Returned {money(row['revenue'])} on {money(spend)} (ROI {roi:+.0%}) with {versus}: "
            "cut it or rethink it.",
        }
    if roi < rules.cut_max_roi:
        return {
            "verdict": "fix conversion",
            "reason": f"Returned {money(row['revenue'])} on {money(spend)} (ROI {roi:+.0%}) though {versus}: "
            "fix conversion or deal size before adding budget.",
        }
    if customers < rules.min_customers:
        return {
            "verdict": "keep",
            "reason": f"Only {customers:,.0f} customer{'' if customers == 1 else 's'} ({versus}): too few to judge; keep it and watch.",
        }
    if cac <= rules.scale_cac_ratio * portfolio_cac and roi >= portfolio_roi:
        return {
            "verdict": "scale",
            "reason": f"{versus}, and ROI {roi:+.0%} beats their {portfolio_roi:+.0%}: give it more budget.",
        }
    if row["cost_per_lead"] <= rules.fix_cpl_ratio * portfolio_cpl and cac > portfolio_cac:
        return {
            "verdict": "fix conversion",
            "reason": f"Leads cost {money(row['cost_per_lead'])} (paid channels {money(portfolio_cpl)}) but {versus}: "
            "its leads do not convert; fix conversion.",
        }
    return {
        "verdict": "keep",
        "reason": f"{versus} and ROI {roi:+.0%} (theirs {portfolio_roi:+.0%}): keep it.",
    }


def paid_portfolio(summary: pd.DataFrame) -> pd.Series:
    """CAC, ROI and cost per lead of the channels that had spend: the benchmark paid channels are judged by.

    Free channels (referrals, organic) would make every paid channel look expensive.
    """
    paid = summary[~summary["is_total"] & (summary["spend"] > 0)]
    spend, revenue = paid["spend"].sum(), paid["revenue"].sum()
    customers, leads = paid["customers"].sum(), paid["leads"].sum()
    return pd.Series(
        {
            "cac": spend / customers if customers > 0 else math.nan,
            "roi": (revenue - spend) / spend if spend > 0 else math.nan,
            "cost_per_lead": spend / leads if leads > 0 else math.nan,
        }
    )


class LastYearFunnel(BaseModel):
    """Last year's funnel, whole portfolio: volume per stage, rates, and the monthly averages."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    stages: tuple[str, ...]
    volumes: tuple[float, ...]
    rates: tuple[float | None, ...] = Field(description="Rate from the stage above; None where unknown.")
    months: int = Field(ge=1, description="Months the data covers; monthly averages divide by it.")

    def monthly(self) -> tuple[float, ...]:
        return tuple(v / self.months for v in self.volumes)

    def problems(self) -> list[str]:
        """Why these rates cannot drive the plan's funnel, one sentence each (empty when they can)."""
        problems = []
        for i, rate in enumerate(self.rates):
            label = transition_label(self.stages[i], self.stages[i + 1])
            if rate is None and math.isnan(self.volumes[i + 1]):
                problems.append(f"{label}: last year's data has no {self.stages[i + 1]} column.")
            elif rate is None:
                problems.append(f"{label}: last year's data has no {self.stages[i].lower()} to divide by.")
            elif rate <= 0:
                problems.append(f"{label} was 0% last year; the plan needs a rate above 0%.")
            elif rate > 1:
                problems.append(f"{label} was {rate:.0%} last year (more {self.stages[i + 1]} than "
                                f"{self.stages[i]}); check the column mapping.")  # fmt: skip
        return problems


def last_year_funnel(summary: pd.DataFrame, months: int = 12) -> LastYearFunnel:
    """The portfolio's funnel from the Total row, in the planner's default stage names."""
    total = summary[summary["is_total"]].iloc[0]
    volumes = [float(total[c]) for c in STAGE_COLUMNS]
    rates = [
        None if not (above > 0) or math.isnan(below) else below / above
        for above, below in itertools.pairwise(volumes)
    ]
    return LastYearFunnel(stages=DEFAULT_STAGES, volumes=tuple(volumes), rates=tuple(rates), months=months)


def months_covered(table: pd.DataFrame) -> int:
    """Months a channel table covers: distinct months if it has a month column, else a year (12)."""
    return int(table["month"].nunique()) if "month" in table else 12


# ---- from a CRM contacts export ----------------------------------------------------------------


def _in_year(dates: pd.Series, year: int) -> np.ndarray:
    # Comparing against the year's bounds is far cheaper than extracting a year from every date.
    values = dates.to_numpy()  # in its own unit: converting a million dates to ns would copy them
    return (values >= np.datetime64(f"{year}-01-01")) & (values < np.datetime64(f"{year + 1}-01-01"))


def crm_years(contacts: pd.DataFrame) -> list[int]:
    """Years in which contacts became leads, newest first."""
    years = contacts["lead_date"].dt.year.dropna().astype(int).unique()
    return sorted(years.tolist(), reverse=True)


def crm_months(contacts: pd.DataFrame, year: int) -> int:
    """Months of `year` in which the export has new leads: monthly averages divide by this, not 12."""
    dates = contacts["lead_date"]
    return max(1, int(dates[_in_year(dates, year)].dt.month.nunique()))


def crm_channel_table(contacts: pd.DataFrame, year: int) -> pd.DataFrame:
    """Per original source, how many contacts reached each stage in `year`, and the revenue won.

    A contact counts at a stage when the date it got there falls in the year, so each column is
    what the channel produced that year. Spend and sessions are not in a CRM export: NaN.
    """
    sources = contacts["source"].astype("category")
    codes, names = sources.cat.codes.to_numpy(), sources.cat.categories

    def per_source(mask: np.ndarray, weights: np.ndarray | None = None) -> np.ndarray:
        return np.bincount(
            codes[mask], weights=None if weights is None else weights[mask], minlength=len(names)
        )

    counts = {stage: per_source(_in_year(contacts[column], year)) for column, stage in CRM_STAGES}
    won = _in_year(contacts["customer_date"], year)
    counts["revenue"] = per_source(won, np.nan_to_num(contacts["amount"].to_numpy(dtype=float)))
    table = pd.DataFrame(counts, index=pd.Index(names.astype(str), name="channel")).astype(float)
    table = table[table[[stage for _, stage in CRM_STAGES]].sum(axis=1) > 0]
    table.insert(0, "spend", np.nan)
    table.insert(1, "sessions", np.nan)
    table = table.reset_index()
    return table[["channel", "spend", *STAGE_COLUMNS, "revenue"]]


def time_in_stage(contacts: pd.DataFrame, year: int) -> pd.DataFrame:
    """Median days between consecutive stages, for contacts that reached the later stage in `year`.

    Columns: `transition`, `median_days` (NaN where no contact has both dates), `contacts`.
    Contacts whose later date is before the earlier one (data-entry errors) are left out.
    """
    rows = []
    for (early, early_stage), (late, late_stage) in itertools.pairwise(CRM_STAGES):
        start, end = contacts[early].to_numpy(), contacts[late].to_numpy()
        both = ~np.isnat(start) & ~np.isnat(end) & _in_year(contacts[late], year)
        days = (end[both] - start[both]).astype("timedelta64[s]").astype(np.int64) // 86_400
        days = days[days >= 0]
        rows.append(
            {
                "transition": transition_label(COLUMN_LABELS[early_stage], COLUMN_LABELS[late_stage]),
                "median_days": float(np.median(days)) if len(days) else math.nan,
                "contacts": len(days),
            }
        )
    return pd.DataFrame(rows)


def funnel_lags(stage_times: pd.DataFrame) -> tuple[float | None, ...]:
    """Lags for the default funnel: unknown from visits to leads, then each median (None where unknown)."""
    medians = [None if math.isnan(d) else float(d) for d in stage_times["median_days"]]
    return (None, *medians)


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


# ---- last year as the plan keeps it ------------------------------------------------------------

# A plan file stays small and quick to save: channel names are few, unlike the rows of an export.
MAX_CHANNELS = 2000
MAX_WARNINGS = 20
KINDS = {"channels": "Channel table", "crm": "CRM export"}


class ChannelYear(BaseModel):
    """One channel's totals for last year: what `channel_summary` needs, with None where unknown."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    channel: str = Field(min_length=1, max_length=200)
    spend: float | None = Field(None, ge=0, allow_inf_nan=False)
    sessions: float | None = Field(None, ge=0, allow_inf_nan=False)
    leads: float | None = Field(None, ge=0, allow_inf_nan=False)
    mqls: float | None = Field(None, ge=0, allow_inf_nan=False)
    sqls: float | None = Field(None, ge=0, allow_inf_nan=False)
    opportunities: float | None = Field(None, ge=0, allow_inf_nan=False)
    customers: float | None = Field(None, ge=0, allow_inf_nan=False)
    # A CRM's deal amounts may carry refunds and credit notes, so a channel's revenue can be below 0.
    revenue: float | None = Field(None, allow_inf_nan=False)
    demo_requests: float | None = Field(None, ge=0, allow_inf_nan=False)
    quote_requests: float | None = Field(None, ge=0, allow_inf_nan=False)
    consultations: float | None = Field(None, ge=0, allow_inf_nan=False)
    assessments: float | None = Field(None, ge=0, allow_inf_nan=False)
    meeting_requests: float | None = Field(None, ge=0, allow_inf_nan=False)


class StageTime(BaseModel):
    """Median days from one stage to the next, over the contacts that have both dates."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    transition: str = Field(min_length=1, max_length=100)
    median_days: float | None = Field(None, ge=0, allow_inf_nan=False)
    contacts: int = Field(ge=0)


class LastYear(BaseModel):
    """Last year's data as the plan keeps it: where it came from and each channel's totals, not the rows.

    Enough to redraw the review, its verdicts and last year's funnel without the original file.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    source: str = Field(min_length=1, max_length=255, description="The file's name.")
    kind: Literal["channels", "crm"] = Field(description="A channel table or a CRM contacts export.")
    loaded_at: datetime = Field(description="When the user loaded the file.")
    year: int | None = Field(None, ge=1900, le=2100, description="The year reviewed, if the data says.")
    months: int = Field(
        12, ge=1, le=1200, description="Months the data covers; monthly averages divide by it."
    )
    channels: tuple[ChannelYear, ...] = Field(min_length=1, max_length=MAX_CHANNELS)
    stage_times: tuple[StageTime, ...] | None = Field(None, description="A CRM export's time in stage.")
    warnings: tuple[str, ...] = Field((), max_length=MAX_WARNINGS, description="What was read with care.")

    @field_validator("loaded_at")
    @classmethod
    def _aware(cls, moment: datetime) -> datetime:
        # A moment without a zone is read as UTC, so every viewer converts it to their own time alike.
        return as_utc(moment)

    @model_validator(mode="after")
    def _consistent(self) -> LastYear:
        names = [row.channel for row in self.channels]
        repeated = sorted({name for name in names if names.count(name) > 1})
        if repeated:
            raise ValueError(
                f"channels: each channel appears once; {', '.join(repeated)} appears twice or more."
            )
        if self.kind == "channels" and self.stage_times is not None:
            raise ValueError("stage_times: only a CRM export has dates to measure time in stage.")
        if self.kind == "crm" and self.year is None:
            raise ValueError("year: a CRM export is reviewed one year at a time; give the year.")
        return self

    def channel_table(self) -> pd.DataFrame:
        """The channels as `read_channel_table` columns (NaN where unknown), ready for `channel_summary`."""
        extras = [c for c in BOFU_COLUMNS if any(getattr(row, c) is not None for row in self.channels)]
        columns = ["channel", "spend", *STAGE_COLUMNS, "revenue", *extras]
        rows = [{c: getattr(row, c) for c in columns} for row in self.channels]
        table = pd.DataFrame(rows, columns=columns)
        table[columns[1:]] = table[columns[1:]].astype(float)
        return table

    def stage_time_table(self) -> pd.DataFrame | None:
        """Time in stage as `time_in_stage` returns it, or None for a channel table."""
        if self.stage_times is None:
            return None
        return pd.DataFrame(
            [
                {
                    "transition": t.transition,
                    "median_days": math.nan if t.median_days is None else t.median_days,
                    "contacts": t.contacts,
                }
                for t in self.stage_times
            ],
            columns=["transition", "median_days", "contacts"],
        )

    def described(self) -> str:
        """What the data is, for a caption: "Channel table for 2025 (12 months)"."""
        year = f" for {self.year}" if self.year else ""
        return f"{KINDS[self.kind]}{year} ({self.months} month{'' if self.months == 1 else 's'})"


def last_year_from_table(
    table: pd.DataFrame,
    *,
    source: str,
    kind: Literal["channels", "crm"],
    loaded_at: datetime,
    months: int,
    year: int | None = None,
    stage_times: pd.DataFrame | None = None,
    warnings: tuple[str, ...] = (),
) -> LastYear:
    """Last year as the plan keeps it: the table summed per channel (months and rows folded in).

    `channel_summary` of the result's `channel_table()` equals `channel_summary(table)`.
    Raises `ValueError` with one sentence if the table has more channels than a plan keeps.
    """
    numeric = ["spend", *STAGE_COLUMNS, "revenue", *[c for c in BOFU_COLUMNS if c in table]]
    per_channel = table.groupby("channel", sort=False)[numeric].sum(min_count=1)
    if len(per_channel) > MAX_CHANNELS:
        raise ValueError(
            f"{source} has {len(per_channel):,} channels; a plan keeps at most {MAX_CHANNELS:,}: "
            "group the small ones (as 'Other', say) and load it again."
        )
    channels = tuple(
        ChannelYear(channel=str(name), **{c: number_or_none(v) for c, v in row.items()})
        for name, row in per_channel.iterrows()
    )
    times = None
    if stage_times is not None:
        times = tuple(
            StageTime(transition=r.transition, median_days=number_or_none(r.median_days), contacts=int(r.contacts))
            for r in stage_times.itertuples()
        )
    shown = tuple(warnings[:MAX_WARNINGS])
    if len(warnings) > MAX_WARNINGS:
        shown = (*shown[:-1], f"…and {len(warnings) - MAX_WARNINGS + 1} more notes about the file.")
    return LastYear(
        source=source, kind=kind, loaded_at=loaded_at, year=year, months=months,
        channels=channels, stage_times=times, warnings=shown,
    )  # fmt: skip


def last_year_from_channels(
    table: pd.DataFrame, source: str, loaded_at: datetime, warnings: tuple[str, ...] = ()
) -> LastYear:
    """A channel table (as `read_channel_table` returns it) as the plan keeps it; the year from its months.

    `warnings` are the reader's notes about the file, kept with the plan.
    """
    years = {str(month)[:4] for month in table["month"].dropna()} if "month" in table else set()
    return last_year_from_table(
        table,
        source=source,
        kind="channels",
        loaded_at=loaded_at,
        months=months_covered(table),
        year=int(years.pop()) if len(years) == 1 else None,
        warnings=tuple(warnings),
    )


def last_year_from_crm(
    contacts: pd.DataFrame,
    source: str,
    loaded_at: datetime,
    year: int | None = None,
    warnings: tuple[str, ...] = (),
) -> LastYear:
    """A CRM export's per-channel funnel and time in stage for a year (the latest by default).

    `warnings` are the reader's notes about the file, kept with the plan.

    Raises `NoLeadDatesError` if no contact has a lead date, so there is no year to review.
    """
    years = crm_years(contacts)
    if not years:
        raise NoLeadDatesError(f"{source} has no dates in 'Became a Lead Date'; export that property too.")
    year = year or years[0]
    return last_year_from_table(
        crm_channel_table(contacts, year),
        source=source,
        kind="crm",
        loaded_at=loaded_at,
        months=crm_months(contacts, year),
        year=year,
        stage_times=time_in_stage(contacts, year),
        warnings=tuple(warnings),
    )
