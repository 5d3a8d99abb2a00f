"""Turn a validation error into the one sentence a page shows the user."""

from __future__ import annotations

from pydantic import ValidationError

_PREFIXES = ("Value error, ", "Assertion failed, ")


def explain(exc: ValueError, label: str | None = None) -> str:
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
        # Pydantic's own rule ("Input should be greater than 0"): add the value the user gave.
        message = f"{message[0].lower()}{message[1:]}; got {first.get('input')!r}."
    field = label or ".".join(str(part) for part in first["loc"])
    return f"{field}: {message}" if field else message


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
