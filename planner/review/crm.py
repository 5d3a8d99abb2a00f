"""A CRM contacts export as last year's channels: stages reached per source in a year (activity or cohort), and the time between stages."""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable

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
COHORT_TOTAL_COLUMNS = ("stage", "label", "contacts", "without_date", "conversion")


class NoLeadDatesError(ValueError):
    """A CRM export in which no contact has a lead date, so it has no year to review."""


def _in_year(dates: pd.Series, year: int) -> np.ndarray:
    # Comparing against the year's bounds is far cheaper than extracting a year from every date.
    values = dates.to_numpy()  # in its own unit: converting a million dates to ns would copy them
    return (values >= np.datetime64(f"{year}-01-01")) & (values < np.datetime64(f"{year + 1}-01-01"))


def _dated(contacts: pd.DataFrame, column: str) -> np.ndarray:
    return contacts[column].notna().to_numpy()


def _reached(contacts: pd.DataFrame) -> dict[str, np.ndarray]:
    """Per stage, whether each contact got there: a date at that stage or at any later one, in any year."""
    reached: dict[str, np.ndarray] = {}
    later = np.zeros(len(contacts), dtype=bool)
    for column, stage in reversed(CRM_STAGES):
        later = later | _dated(contacts, column)
        reached[stage] = later
    return {stage: reached[stage] for _, stage in CRM_STAGES}


def _cohort(contacts: pd.DataFrame, year: int) -> np.ndarray:
    return _in_year(contacts["lead_date"], year)


def crm_years(contacts: pd.DataFrame) -> list[int]:
    """Years in which contacts became leads, newest first."""
    years = contacts["lead_date"].dt.year.dropna().astype(int).unique()
    return sorted(years.tolist(), reverse=True)


def crm_months(contacts: pd.DataFrame, year: int) -> int:
    """Months of `year` in which the export has new leads: monthly averages divide by this, not 12."""
    dates = contacts["lead_date"]
    return max(1, int(dates[_in_year(dates, year)].dt.month.nunique()))


def _per_source_table(
    contacts: pd.DataFrame, counted: dict[str, np.ndarray], won: np.ndarray
) -> pd.DataFrame:
    """The channel-table shape: per source, the contacts `counted` at each stage and the amounts `won`."""
    sources = contacts["source"].astype("category")
    codes, names = sources.cat.codes.to_numpy(), sources.cat.categories

    def per_source(mask: np.ndarray, weights: np.ndarray | None = None) -> np.ndarray:
        return np.bincount(
            codes[mask], weights=None if weights is None else weights[mask], minlength=len(names)
        )

    counts = {stage: per_source(counted[stage]) for _, stage in CRM_STAGES}
    counts["revenue"] = per_source(won, np.nan_to_num(contacts["amount"].to_numpy(dtype=float)))
    table = pd.DataFrame(counts, index=pd.Index(names.astype(str), name="channel")).astype(float)
    table = table[table[[stage for _, stage in CRM_STAGES]].sum(axis=1) > 0]
    table.insert(0, "spend", np.nan)
    table.insert(1, "sessions", np.nan)
    table = table.reset_index()
    return table[["channel", "spend", *STAGE_COLUMNS, "revenue"]]


def crm_channel_table(contacts: pd.DataFrame, year: int) -> pd.DataFrame:
    """Per original source, how many contacts reached each stage in `year`, and the revenue won.

    A contact counts at a stage when the date it got there falls in the year, so each column is
    what the channel produced that year. Spend and sessions are not in a CRM export: NaN.
    """
    counted = {stage: _in_year(contacts[column], year) for column, stage in CRM_STAGES}
    return _per_source_table(contacts, counted, counted["customers"])


def crm_cohort_table(contacts: pd.DataFrame, year: int) -> pd.DataFrame:
    """Per original source, the contacts who became leads in `year`, followed to every stage they reached.

    The cohort is the contacts whose lead date falls in the year (a contact without a lead date
    is in no cohort). A cohort contact counts at a stage when it has a date there, whatever the
    year (a 2025 lead won in 2026 counts for 2025), or a date at any later stage (a customer
    without an opportunity date counts as an opportunity); dates out of order still count. So
    no stage exceeds the stage above. Revenue is the amounts of the cohort's customers. Same
    columns as `crm_channel_table`, spend and sessions NaN; sources without cohort leads are left out.
    """
    cohort = _cohort(contacts, year)
    counted = {stage: cohort & reached for stage, reached in _reached(contacts).items()}
    return _per_source_table(contacts, counted, counted["customers"])


def crm_cohort_totals(contacts: pd.DataFrame, year: int) -> pd.DataFrame:
    """The cohort of `crm_cohort_table` over all sources, one row per stage from leads to customers.

    Columns: `stage` (a channel-table column), `label`, `contacts` (the cohort contacts counted
    at the stage), `without_date` (of those, the ones counted because they have a later date
    only) and `conversion` (contacts / the stage above's contacts; NaN for leads or when the
    stage above is empty), never above 1.
    """
    cohort = _cohort(contacts, year)
    rows, above = [], 0
    for (column, stage), reached in zip(CRM_STAGES, _reached(contacts).values(), strict=True):
        count = int((cohort & reached).sum())
        rows.append(
            {
                "stage": stage,
                "label": COLUMN_LABELS[stage],
                "contacts": count,
                "without_date": int((cohort & reached & ~_dated(contacts, column)).sum()),
                "conversion": count / above if above > 0 else math.nan,
            }
        )
        above = count
    return pd.DataFrame(rows, columns=list(COHORT_TOTAL_COLUMNS))


def _stage_times(contacts: pd.DataFrame, counted: Callable[[str], np.ndarray]) -> pd.DataFrame:
    """Median days between consecutive stages over the contacts `counted(later_date_column)` keeps."""
    rows = []
    for (early, early_stage), (late, late_stage) in itertools.pairwise(CRM_STAGES):
        start, end = contacts[early].to_numpy(), contacts[late].to_numpy()
        both = ~np.isnat(start) & ~np.isnat(end) & counted(late)
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


def time_in_stage(contacts: pd.DataFrame, year: int) -> pd.DataFrame:
    """Median days between consecutive stages, for contacts that reached the later stage in `year`.

    Columns: `transition`, `median_days` (NaN where no contact has both dates), `contacts`.
    Contacts whose later date is before the earlier one (data-entry errors) are left out.
    """
    return _stage_times(contacts, lambda late: _in_year(contacts[late], year))


def cohort_time_in_stage(contacts: pd.DataFrame, year: int) -> pd.DataFrame:
    """Median days between consecutive stages, for the contacts who became leads in `year`.

    As `time_in_stage` (same columns; contacts with a later date before the earlier one are left
    out), but over the cohort of `crm_cohort_table`: the later date may fall in any year, and a
    step is measured only where the contact has both dates (a stage passed without a date gives none).
    """
    cohort = _cohort(contacts, year)
    return _stage_times(contacts, lambda _late: cohort)


def funnel_lags(stage_times: pd.DataFrame) -> tuple[float | None, ...]:
    """Lags for the default funnel: unknown from visits to leads, then each median (None where unknown)."""
    medians = [None if math.isnan(d) else float(d) for d in stage_times["median_days"]]
    return (None, *medians)
