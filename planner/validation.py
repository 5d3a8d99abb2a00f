"""Checks on values a user or a file gave: blank cells, amounts, shares, and the sentence a refusal reads."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
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


@dataclass(frozen=True)
class FieldExample:
    """What a refusal asks for in a field ("an amount") and a value that reads right there ("25,000")."""

    what: str
    example: str


# Fields a user types into, by the name the plan gives them: a refusal names what to enter and offers an
# example of the size a planner expects. Other fields are refused generically ("enter a number above 0").
EXAMPLES: dict[str, FieldExample] = {
    "revenue_target": FieldExample("an amount", "10,000,000"),
    "baseline_revenue": FieldExample("an amount", "7,450,000"),
    "avg_deal_size": FieldExample("an amount", "25,000"),
    "expansion_revenue": FieldExample("an amount", "500,000"),
    "cost_per_unit": FieldExample("an amount", "200"),
    "annual_budget": FieldExample("an amount", "100,000"),
    "forward_top": FieldExample("a monthly volume", "6,000"),
    "planned_top": FieldExample("a monthly volume", "6,000"),
    "fiscal_year": FieldExample("a year", "2027"),
}
_GENERIC = FieldExample("a number", "")

# Pydantic's common rules in a marketer's words; `{what}` is the field's noun, the rest pydantic's context.
_RULES = {
    "greater_than": "enter {what} above {gt}",
    "greater_than_equal": "enter {what} of {ge} or more",
    "less_than": "enter {what} below {lt}",
    "less_than_equal": "enter {what} of {le} or less",
    "float_parsing": "enter {what} in figures",
    "float_type": "enter {what} in figures",
    "finite_number": "enter {what} in figures",
    "int_parsing": "enter {what} in whole figures",
    "int_type": "enter {what} in whole figures",
    "int_from_float": "enter {what} as a whole number",
    "missing": "enter {what}",
}


def _figure(value: Any) -> str:
    """A limit as a planner writes it: 0, 2100, 0.5, 10,000,000."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if math.isfinite(value) and float(value).is_integer() and abs(value) < 1e15:
        # Four digits read as a year or a small count (2100, 1000); from 10,000 up, separated.
        return f"{int(value)}" if abs(value) < 10_000 else f"{int(value):,}"
    return f"{value:,g}"


def _rule_sentence(error: Mapping[str, Any]) -> str | None:
    """A pydantic error as what to enter ("enter an amount above 0, for example 25,000"), if it is a common one."""
    template = _RULES.get(error["type"])
    if template is None:
        return None
    names = [part for part in error["loc"] if isinstance(part, str)]
    field = EXAMPLES.get(names[-1], _GENERIC) if names else _GENERIC
    context = {name: _figure(limit) for name, limit in (error.get("ctx") or {}).items()}
    sentence = template.format(what=field.what, **context)
    return f"{sentence}, for example {field.example}." if field.example else f"{sentence}."


def explain(exc: Exception, label: str | None = None) -> str:
    """One sentence naming the field (or `label`) and what to enter instead.

    Pydantic's common rules (above, at least, at most, a number) are said as what to enter, with an
    example where the field has one; our own rules keep their sentence; any other pydantic rule adds the
    value given, cut short so a pasted novel or a hostile file's value does not become the message.
    """
    if not isinstance(exc, ValidationError):
        message = str(exc)
        return f"{label}: {message}" if label else message
    first = exc.errors(include_url=False)[0]
    message = first["msg"]
    custom = message.startswith(_PREFIXES)
    for prefix in _PREFIXES:
        message = message.removeprefix(prefix)
    if not custom:
        message = _rule_sentence(first) or _with_value(message, first.get("input"))
    field = label or ".".join(str(part) for part in first["loc"])
    return f"{field}: {message}" if field else message


def _with_value(message: str, given: Any) -> str:
    shown = repr(given)
    shown = shown if len(shown) <= SHOWN_INPUT else shown[: SHOWN_INPUT - 1] + "…"
    return f"{message[0].lower()}{message[1:]}; got {shown}."


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
        raise ValueError(
            f"enter a number from {_figure(low)} to {LARGEST_AMOUNT_WORDS}, not {_figure(value)}."
        )
    return value


def check_fraction(
    value: float, *, high: float = 1.0, include_low: bool = True, include_high: bool = False
) -> float:
    """A share kept as a fraction, refused in percent words ('… at least 0% and below 100%, not 120%')."""
    from planner.money import format_rate

    low_ok = value >= 0 if include_low else value > 0
    high_ok = value <= high if include_high else value < high
    if not (math.isfinite(value) and low_ok and high_ok):
        low_words = "of at least 0%" if include_low else "above 0%"
        high_words = f"{'at most' if include_high else 'below'} {format_rate(high)}"
        raise ValueError(f"enter a percentage {low_words} and {high_words}, not {format_rate(value)}.")
    return value


Model = TypeVar("Model", bound=BaseModel)


def replace(model: Model, **changes: Any) -> Model:
    """A validated copy of a frozen model with some fields changed (`model_copy` skips validation).

    Unchanged fields are passed on as the validated values they are, so replacing one goal does
    not validate a year of kept account data again.
    """
    fields = {name: getattr(model, name) for name in type(model).model_fields}
    return type(model).model_validate({**fields, **changes})
