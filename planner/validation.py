"""Checks on values a user or a file gave: blank cells, amounts, shares, and the sentence a refusal reads."""

from __future__ import annotations

import math
from typing import Any, TypeVar

import pandas as pd
from pydantic import BaseModel, ValidationError

_PREFIXES = ("Value error, ", "Assertion failed, ")
SHOWN_INPUT = 40

# The plausible range of what a plan or an export holds. Goals and deal sizes below 1 of the
# currency or any amount or volume above ten trillion are typos or hostile files, and float
# arithmetic past them breaks downstream (a 1e-300 deal size needs 1e307 customers).
SMALLEST_GOAL = 1.0
LARGEST_AMOUNT = 1e13
LARGEST_AMOUNT_WORDS = "10,000,000,000,000 (ten trillion)"
# Dates before 1990 in a marketing export are misread numbers or empty-date placeholders; after
# 2100, typos (2999 for 2025).
EARLIEST_YEAR, LATEST_YEAR = 1990, 2100


def explain(exc: Exception, label: str | None = None) -> str:
    """One sentence naming what is wrong: the field (or `label`), the rule, and the value given."""
    if not isinstance(exc, ValidationError):
        message = str(exc)
        return f"{label}: {message}" if label else message
    first = exc.errors(include_url=False)[0]
    message = first["msg"]
    custom = message.startswith(_PREFIXES)
    for prefix in _PREFIXES:
        message = message.removeprefix(prefix)
    if not custom:
        # Pydantic's own rule ("Input should be greater than 0"): add the value the user gave,
        # cut short so a pasted novel or a hostile file's value does not become the message.
        given = repr(first.get("input"))
        given = given if len(given) <= SHOWN_INPUT else given[: SHOWN_INPUT - 1] + "…"
        message = f"{message[0].lower()}{message[1:]}; got {given}."
    field = label or ".".join(str(part) for part in first["loc"])
    return f"{field}: {message}" if field else message


def is_blank(value: Any) -> bool:
    """Whether a cell holds nothing: None, NaN, pandas' NA or NaT, or text of only spaces."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # a list or an array is a value, not a blank
        return False


def number_or_none(value: Any) -> float | None:
    """A cell as a number, or None when it is blank."""
    return None if is_blank(value) else float(value)


def check_amount(name: str, value: float, *, positive: bool = False) -> float:
    """`value` as a float, refused unless it is finite and at least 0 (above 0 if `positive`)."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a number; got {value!r}.") from None
    rule = "greater than 0" if positive else "0 or more"
    if number != number or number in (float("inf"), float("-inf")):
        raise ValueError(f"{name} must be a finite number {rule}; got {value!r}.")
    if number < 0 or (positive and number == 0):
        raise ValueError(f"{name} must be {rule}; got {value!r}.")
    return number


def check_plausible(value: float, *, low: float = 0.0) -> float:
    """An amount refused outside its plausible range: from `low` to ten trillion of the currency."""
    if not low <= value <= LARGEST_AMOUNT:
        raise ValueError(f"must be from {low:,g} to {LARGEST_AMOUNT_WORDS}; got {value:g}.")
    return value


def check_fraction(
    value: float, *, high: float = 1.0, include_low: bool = True, include_high: bool = False
) -> float:
    """A share kept as a fraction, refused in percent words ('at least 0% and below 100%; got 120%')."""
    from planner.money import format_rate

    low_ok = value >= 0 if include_low else value > 0
    high_ok = value <= high if include_high else value < high
    if not (math.isfinite(value) and low_ok and high_ok):
        low_words = "at least 0%" if include_low else "above 0%"
        high_words = f"{'at most' if include_high else 'below'} {format_rate(high)}"
        raise ValueError(f"must be {low_words} and {high_words}; got {format_rate(value)}.")
    return value


Model = TypeVar("Model", bound=BaseModel)


def replace(model: Model, **changes: Any) -> Model:
    """A validated copy of a frozen model with some fields changed (`model_copy` skips validation).

    Unchanged fields are passed on as the validated values they are, so replacing one goal does
    not validate a year of kept account data again.
    """
    fields = {name: getattr(model, name) for name in type(model).model_fields}
    return type(model).model_validate({**fields, **changes})
