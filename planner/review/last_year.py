"""Last year as the plan keeps it: where the data came from, each channel's totals and months, built from a channel table or a CRM export."""

from __future__ import annotations

import math
from datetime import datetime
from typing import Literal

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from planner.columns import BOFU_COLUMNS, STAGE_COLUMNS
from planner.fiscal import as_utc
from planner.review.channels import months_covered
from planner.review.crm import (
    NoLeadDatesError,
    crm_channel_table,
    crm_cohort_table,
    crm_months,
    crm_years,
    time_in_stage,
)
from planner.validation import number_or_none

# A plan file stays small and quick to save: channel names are few, unlike the rows of an export.
MAX_CHANNELS = 2000
MAX_WARNINGS = 20
# Ten years of months per channel: enough for any channel table worth fitting a response curve to.
MAX_MONTHS = 120
# The stages a channel's spend buys first, in the order the budget looks for one the channel reports.
FIRST_STAGES = ("leads", "mqls", "sqls", "opportunities")
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


class ChannelMonths(BaseModel):
    """One channel's spend and first-stage volume month by month, for fitting how it responds to spend."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    channel: str = Field(min_length=1, max_length=200)
    stage: Literal["leads", "mqls", "sqls", "opportunities"] = Field(
        "leads", description="The first stage the channel reports: leads, unless it has none."
    )
    months: tuple[str, ...] = Field(max_length=MAX_MONTHS, description="'YYYY-MM', in order.")
    spend: tuple[float | None, ...] = Field(max_length=MAX_MONTHS)
    volume: tuple[float | None, ...] = Field(max_length=MAX_MONTHS, description="The stage's volume each month.")

    @model_validator(mode="after")
    def _one_value_per_month(self) -> ChannelMonths:
        if not len(self.months) == len(self.spend) == len(self.volume):
            raise ValueError(
                f"{self.channel}: give a spend and a {self.stage} figure for each of its {len(self.months)} months."
            )
        for what, values in (("spend", self.spend), (self.stage, self.volume)):
            for month, value in zip(self.months, values, strict=True):
                if value is not None and not (math.isfinite(value) and value >= 0):
                    raise ValueError(f"{self.channel}'s {what} in {month} must be 0 or more; got {value:,.0f}.")
        return self


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
    cohort: tuple[ChannelYear, ...] | None = Field(
        None,
        max_length=MAX_CHANNELS,
        description="A CRM export's contacts who became leads in the year, followed through their stages.",
    )
    warnings: tuple[str, ...] = Field((), max_length=MAX_WARNINGS, description="What was read with care.")
    monthly: tuple[ChannelMonths, ...] | None = Field(
        None,
        max_length=MAX_CHANNELS,
        description="A channel table's spend and first-stage volume per channel and month; None: not kept "
        "(a table without months, a CRM export, or a plan saved before schema 4).",
    )

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
        if self.kind == "channels" and (self.stage_times is not None or self.cohort is not None):
            raise ValueError("stage_times, cohort: only a CRM export has dates to follow contacts by.")
        if self.kind == "crm" and self.year is None:
            raise ValueError("year: a CRM export is reviewed one year at a time; give the year.")
        if self.monthly is not None:
            if self.kind != "channels":
                raise ValueError("monthly: only a channel table has spend per month.")
            unknown = sorted({m.channel for m in self.monthly} - set(names))
            if unknown:
                raise ValueError(f"monthly: {', '.join(unknown)} is not among the channels; load the table again.")
        return self

    def months_of(self, channel: str) -> ChannelMonths | None:
        """The channel's spend and first-stage volume by month, if the plan keeps them."""
        return next((m for m in self.monthly or () if m.channel == channel), None)

    def channel_table(self) -> pd.DataFrame:
        """The channels as `read_channel_table` columns (NaN where unknown), ready for `channel_summary`.

        For a CRM export these are the stages reached within the year (its activity).
        """
        return _table(self.channels)

    def cohort_table(self) -> pd.DataFrame | None:
        """A CRM export's cohort (leads of the year, followed through) as channel-table columns; None otherwise."""
        return None if self.cohort is None else _table(self.cohort)

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


SourceKind = Literal["channels", "crm"]


class LastYearData(BaseModel):
    """Last year's two sources side by side, either of which may be missing.

    The channel table brings spend, sessions, volumes and revenue per channel (so CAC, ROI and
    the verdicts); the CRM export brings stage timing and each contact's path (so cohort
    conversion rates and lags). Loading one never removes the other.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    channels: LastYear | None = Field(None, description="Last year's channel table; None: not loaded.")
    crm: LastYear | None = Field(None, description="Last year's CRM contacts export; None: not loaded.")

    @model_validator(mode="after")
    def _each_in_its_place(self) -> LastYearData:
        for kind in ("channels", "crm"):
            held = getattr(self, kind)
            if held is not None and held.kind != kind:
                raise ValueError(f"{kind}: holds a {KINDS[held.kind].lower()}, not a {KINDS[kind].lower()}.")
        return self

    @property
    def loaded(self) -> tuple[LastYear, ...]:
        """The sources the plan holds, the channel table first."""
        return tuple(source for source in (self.channels, self.crm) if source is not None)

    @property
    def missing(self) -> tuple[SourceKind, ...]:
        """The kinds of source not loaded yet, the channel table first."""
        return tuple(kind for kind in ("channels", "crm") if getattr(self, kind) is None)

    def with_source(self, source: LastYear) -> LastYearData:
        """These sources with `source` in its place; the other source stays."""
        return self.model_copy(update={source.kind: source})

    def without(self, kind: SourceKind) -> LastYearData:
        """These sources with one of them taken out."""
        return self.model_copy(update={kind: None})


def _table(channels: tuple[ChannelYear, ...]) -> pd.DataFrame:
    extras = [c for c in BOFU_COLUMNS if any(getattr(row, c) is not None for row in channels)]
    columns = ["channel", "spend", *STAGE_COLUMNS, "revenue", *extras]
    rows = [{c: getattr(row, c) for c in columns} for row in channels]
    table = pd.DataFrame(rows, columns=columns)
    table[columns[1:]] = table[columns[1:]].astype(float)
    return table


def _channel_years(table: pd.DataFrame, source: str) -> tuple[ChannelYear, ...]:
    numeric = ["spend", *STAGE_COLUMNS, "revenue", *[c for c in BOFU_COLUMNS if c in table]]
    per_channel = table.groupby("channel", sort=False)[numeric].sum(min_count=1)
    if len(per_channel) > MAX_CHANNELS:
        raise ValueError(
            f"{source} has {len(per_channel):,} channels; a plan keeps at most {MAX_CHANNELS:,}: "
            "group the small ones (as 'Other', say) and load it again."
        )
    return tuple(
        ChannelYear(channel=str(name), **{c: number_or_none(v) for c, v in row.items()})
        for name, row in per_channel.iterrows()
    )


def first_stage(totals: pd.Series) -> str:
    """The first stage a channel's spend buys that it reports (a total above 0): leads, unless it has none."""
    return next((c for c in FIRST_STAGES if c in totals and totals[c] > 0), FIRST_STAGES[0])


def _channel_months(table: pd.DataFrame) -> tuple[ChannelMonths, ...] | None:
    # Months are kept only where the table has them; a yearly table has nothing to fit a curve to.
    if "month" not in table or table["month"].isna().all():
        return None
    months = sorted(str(m) for m in table["month"].dropna().unique())
    if len(months) > MAX_MONTHS:
        return None
    numeric = ["spend", *FIRST_STAGES]
    per_month = table.groupby(["channel", "month"], sort=False)[numeric].sum(min_count=1)
    kept = []
    for channel in dict.fromkeys(table["channel"]):
        rows = per_month.loc[channel].reindex(months)
        stage = first_stage(rows[list(FIRST_STAGES)].sum(min_count=1))
        spend = tuple(number_or_none(v) for v in rows["spend"])
        volume = tuple(number_or_none(v) for v in rows[stage])
        kept.append(ChannelMonths(channel=str(channel), stage=stage, months=tuple(months), spend=spend, volume=volume))
    return tuple(kept)


def last_year_from_table(
    table: pd.DataFrame,
    *,
    source: str,
    kind: Literal["channels", "crm"],
    loaded_at: datetime,
    months: int,
    year: int | None = None,
    stage_times: pd.DataFrame | None = None,
    cohort: pd.DataFrame | None = None,
    warnings: tuple[str, ...] = (),
) -> LastYear:
    """Last year as the plan keeps it: the table summed per channel (months and rows folded in).

    `channel_summary` of the result's `channel_table()` equals `channel_summary(table)`. A channel
    table with a month column also keeps each channel's spend and first-stage volume by month.
    Raises `ValueError` with one sentence if the table has more channels than a plan keeps.
    """
    channels = _channel_years(table, source)
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
        source=source, kind=kind, loaded_at=loaded_at, year=year, months=months, channels=channels,
        stage_times=times, cohort=None if cohort is None else _channel_years(cohort, source), warnings=shown,
        monthly=_channel_months(table) if kind == "channels" else None,
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
        cohort=crm_cohort_table(contacts, year),
        warnings=tuple(warnings),
    )
