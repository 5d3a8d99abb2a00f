"""The standard ABM formulas: email open, click and click-to-open rates, NPS and its groups, customer retention."""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np
import pandas as pd


def _check_counts(**counts: float) -> None:
    for name, value in counts.items():
        if not (isinstance(value, int | float | np.number) and math.isfinite(value) and value >= 0):
            raise ValueError(f"{name.replace('_', ' ')} must be a count of 0 or more; got {value!r}.")


def share_of(numerator: float, denominator: float) -> float:
    """numerator / denominator, NaN (shown as n/a) when there is nothing to divide by."""
    return numerator / denominator if denominator > 0 else math.nan


def open_rate(opened: float, delivered: float) -> float:
    """Unique opens / emails delivered; NaN when nothing was delivered."""
    _check_counts(unique_opens=opened, emails_delivered=delivered)
    if opened > delivered:
        raise ValueError(f"unique opens ({opened:g}) cannot exceed emails delivered ({delivered:g}).")
    return share_of(opened, delivered)


def click_rate(clicked: float, delivered: float) -> float:
    """Unique clicks / emails delivered (CTR); NaN when nothing was delivered."""
    _check_counts(unique_clicks=clicked, emails_delivered=delivered)
    if clicked > delivered:
        raise ValueError(f"unique clicks ({clicked:g}) cannot exceed emails delivered ({delivered:g}).")
    return share_of(clicked, delivered)


def click_to_open_rate(clicked: float, opened: float) -> float:
    """Unique clicks / unique opens; NaN when nothing was opened.

    It can exceed 1: a reader whose mail client blocks images clicks without a tracked open.
    """
    _check_counts(unique_clicks=clicked, unique_opens=opened)
    return share_of(clicked, opened)


def nps(scores: Iterable[float]) -> float:
    """Net promoter score: % promoters (9–10) − % detractors (0–6), from −100 to 100.

    No answers give NaN, which the page shows as "no NPS answers": an account nobody answered
    for has no score, and 0 would read as a balanced one. A score that is not a whole number
    from 0 to 10 is a `ValueError`.
    """
    values = list(scores)
    for score in values:
        if isinstance(score, bool) or not isinstance(score, int | float | np.number):
            raise ValueError(f"NPS scores are whole numbers from 0 to 10; got {score!r}.")
        if not (math.isfinite(score) and 0 <= score <= 10 and float(score).is_integer()):
            raise ValueError(f"NPS scores are whole numbers from 0 to 10; got {score!r}.")
    if not values:
        return math.nan
    promoters = sum(1 for s in values if s >= 9)
    detractors = sum(1 for s in values if s <= 6)
    return 100 * (promoters - detractors) / len(values)


def nps_breakdown(scores: Iterable[float]) -> pd.DataFrame:
    """Detractors (0–6), passives (7–8) and promoters (9–10): `group`, `answers`, `share`."""
    values = pd.Series(list(scores), dtype=float)
    nps(values)  # the same checks
    counts = [int((values <= 6).sum()), int(((values >= 7) & (values <= 8)).sum()), int((values >= 9).sum())]
    total = sum(counts)
    return pd.DataFrame(
        {
            "group": ["Detractors (0–6)", "Passives (7–8)", "Promoters (9–10)"],
            "answers": counts,
            "share": [c / total if total else math.nan for c in counts],
        }
    )


def retention_rate(start: float, end: float, new: float) -> float:
    """Customer retention: (customers at the period's end − new customers won in it) / customers at its start."""
    _check_counts(customers_at_start=start, customers_at_end=end, new_customers=new)
    if start <= 0:
        raise ValueError("retention needs at least one customer at the period's start; got 0.")
    if new > end:
        raise ValueError(f"new customers ({new:g}) cannot exceed customers at the period's end ({end:g}).")
    if end - new > start:
        raise ValueError(
            f"{end - new:g} customers kept from the start is more than the {start:g} there were; "
            "check the customer counts."
        )
    return (end - new) / start
