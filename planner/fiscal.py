"""The calendar: which calendar months and quarters a plan's year covers, and moments kept in UTC."""

from __future__ import annotations

import calendar
from datetime import UTC, date, datetime, timedelta

MONTH_NAMES = tuple(calendar.month_abbr[m] for m in range(1, 13))


def check_start_month(start_month: int) -> int:
    """The fiscal-year start month, refused with a clear message unless it is 1 to 12."""
    if not 1 <= start_month <= 12:
        raise ValueError(f"fiscal_year_start_month must be 1 to 12 (January to December); got {start_month}.")
    return start_month


def fiscal_months(fiscal_year: int, start_month: int = 1) -> list[date]:
    """First day of each of the 12 months of fiscal year `fiscal_year`, which starts in that calendar year."""
    check_start_month(start_month)
    months = []
    for offset in range(12):
        index = start_month - 1 + offset
        months.append(date(fiscal_year + index // 12, index % 12 + 1, 1))
    return months


def month_labels(fiscal_year: int, start_month: int = 1) -> list[str]:
    """'Apr 2026'-style labels for the 12 months of the fiscal year."""
    return [f"{MONTH_NAMES[d.month - 1]} {d.year}" for d in fiscal_months(fiscal_year, start_month)]


def month_label(fiscal_year: int, start_month: int, offset: int) -> str:
    """Label of the month `offset` months after the fiscal year starts (negative: before it)."""
    check_start_month(start_month)
    index = start_month - 1 + offset
    year = fiscal_year + index // 12
    return f"{MONTH_NAMES[index % 12]} {year}"


def quarter_dates(fiscal_year: int, quarter: int, start_month: int = 1) -> tuple[date, date]:
    """First and last day of fiscal quarter 1–4 of `fiscal_year` (which starts in that calendar year)."""
    if quarter not in (1, 2, 3, 4):
        raise ValueError(f"quarter must be 1, 2, 3 or 4; got {quarter}.")
    months = fiscal_months(fiscal_year, start_month)
    first = months[3 * (quarter - 1)]
    after = fiscal_months(fiscal_year + 1, start_month)[0] if quarter == 4 else months[3 * quarter]
    return first, after - timedelta(days=1)


def period_label(month: str) -> str:
    """A data month as a reader sees it: '2025-03' is 'Mar 2025'."""
    year, number = month.split("-")[:2]
    return f"{MONTH_NAMES[int(number) - 1]} {int(year)}"


def as_utc(moment: datetime) -> datetime:
    """A moment with its time zone; one without (SQLite hands those back) is read as UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
