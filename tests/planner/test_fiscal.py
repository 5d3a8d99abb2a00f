"""The calendar helpers: a data month's label and moments kept in UTC."""

from datetime import UTC, datetime, timedelta, timezone

from planner.fiscal import as_utc, period_label


def test_a_data_month_reads_as_its_name_and_year():
    assert period_label("2025-03") == "Mar 2025"
    assert period_label("2026-12") == "Dec 2026"


def test_a_naive_moment_is_read_as_utc_and_an_aware_one_kept():
    naive = datetime(2026, 12, 1, 9, 30)
    seoul = datetime(2026, 12, 1, 9, 30, tzinfo=timezone(timedelta(hours=9)))

    assert as_utc(naive) == datetime(2026, 12, 1, 9, 30, tzinfo=UTC)
    assert as_utc(seoul) is seoul
