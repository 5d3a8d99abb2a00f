"""Runs of calendar months: the period the KPIs cover, the one before it, and the rows that fall in them."""

from __future__ import annotations

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field


class Window(BaseModel):
    """A run of calendar months: the period the KPIs cover, or the one before it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    months: tuple[str, ...] = Field(min_length=1)

    @property
    def start(self) -> str:
        return self.months[0]

    @property
    def end(self) -> str:
        return self.months[-1]

    def label(self) -> str:
        first, last = pd.Period(self.start, "M"), pd.Period(self.end, "M")
        if first == last:
            return first.strftime("%b %Y")
        if first.year == last.year:
            return f"{first.strftime('%b')}–{last.strftime('%b %Y')}"
        return f"{first.strftime('%b %Y')}–{last.strftime('%b %Y')}"

    def previous(self) -> Window:
        """The window just before this one, as many months long: what a change is measured against."""
        return window_ending(str(pd.Period(self.start, "M") - 1), len(self.months))


def window_ending(end: str, months: int) -> Window:
    """The `months` calendar months that end with `end` ("2025-12")."""
    last = pd.Period(end, "M")
    return Window(months=tuple(str(last - (months - 1 - i)) for i in range(months)))


def periods(activity: pd.DataFrame, months: int, end: str | None = None) -> tuple[Window, Window]:
    """The period the KPIs cover (`months` long, ending at `end` or the data's latest month) and the one before."""
    available = sorted(activity["month"].unique())
    if not available:
        raise ValueError("no account activity to measure; load an account file with at least one month.")
    end = end if end in available else available[-1]
    current = window_ending(end, months)
    return current, current.previous()


def in_window(table: pd.DataFrame, window: Window) -> pd.DataFrame:
    """Rows of the window's months (every row when a table has no months)."""
    if "month" not in table:
        return table
    return table[table["month"].isin(window.months)]


def answers_in(answers: pd.DataFrame, window: Window, lookback: int | None = None) -> pd.DataFrame:
    """NPS answers dated in the window, or in the `lookback` months up to its end."""
    first = window.start if lookback is None else str(pd.Period(window.end, "M") - (lookback - 1))
    months = answers["date"].dt.to_period("M").astype(str)
    return answers[(months >= first) & (months <= window.end)]
