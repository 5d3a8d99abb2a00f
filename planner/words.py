"""Counting words: a number with its noun in the right number ("1 goal", "2 goals", "0.83 customers")."""

from __future__ import annotations

from planner.money import format_count

# Nouns whose plural is not the singular plus "s".
_IRREGULAR = {"opportunity": "opportunities", "activity": "activities", "company": "companies"}


def plural(noun: str) -> str:
    """The plural of a noun the planner counts; the last word of a phrase takes it ("focus area")."""
    head, _, last = noun.rpartition(" ")
    many = _IRREGULAR.get(last, last if last.endswith("s") else f"{last}s")
    return f"{head} {many}" if head else many


def counted(number: float, noun: str, decimals: int | None = None) -> str:
    """`number` written as the app writes counts, with `noun` singular only for exactly one.

    A fraction takes the plural, as English does ("0.5 customers", "1.5 customers").
    """
    return f"{format_count(number, decimals)} {noun if number == 1 else plural(noun)}"
