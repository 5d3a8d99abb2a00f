"""A CRM contacts export as last year's channels: stages reached per source in a year, and the time between stages."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pandas as pd

from planner.columns import COLUMN_LABELS, STAGE_COLUMNS
from planner.funnel import transition_label

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
