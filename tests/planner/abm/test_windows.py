"""Periods: the latest months by default, and the period before as long as the period itself."""

import pytest

from planner.abm import (
    Window,
    periods,
    window_ending,
)
from tests.planner.abm.rows import activity


def test_periods_end_at_the_latest_month_and_the_previous_one_is_as_long():
    rows = activity(*({"account": "A", "month": f"2025-{m:02d}"} for m in range(1, 13)))
    current, previous = periods(rows, 3)

    assert current.months == ("2025-10", "2025-11", "2025-12") and current.label() == "Oct–Dec 2025"
    assert previous.months == ("2025-07", "2025-08", "2025-09")
    assert periods(rows, 1, "2025-02")[1].label() == "Jan 2025"


@pytest.mark.parametrize(
    ("end", "months", "before"),
    [
        pytest.param("2025-03", 1, ("2025-02",), id="a-month"),
        pytest.param("2025-02", 3, ("2024-09", "2024-10", "2024-11"), id="a-quarter-across-new-year"),
        pytest.param("2025-12", 12, tuple(f"2024-{m:02d}" for m in range(1, 13)), id="a-year"),
    ],
)
def test_the_window_before_is_as_long_and_ends_the_month_before(end, months, before):
    window = window_ending(end, months)

    assert window.previous() == Window(months=before)
    assert window.previous().label() == window_ending(before[-1], months).label()
