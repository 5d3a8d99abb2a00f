"""Amounts as a marketer types them (12,000,000, 12 000 000, 12M, $12.5m) and as an amount box shows them."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from planner.money import CURRENCIES, currency
from planner.validation import LARGEST_AMOUNT, LARGEST_AMOUNT_WORDS, is_blank

# Longer text is no amount of ten trillion or less, however it is written; refusing it first keeps a pasted
# page from costing anything.
LONGEST_TEXT = 40
FOR_EXAMPLE = "for example 12,500,000 or 12.5M"

_SCALES = {
    "": Decimal(1),
    "k": Decimal(10**3),
    "m": Decimal(10**6),
    "mm": Decimal(10**6),
    "mn": Decimal(10**6),
    "b": Decimal(10**9),
    "bn": Decimal(10**9),
    "t": Decimal(10**12),
}
# Spaces people put between thousands: an ordinary one, a no-break space, a narrow no-break space.
_SPACES = " \u00a0\u202f"
# Digits, grouped in threes by one kind of separator (a comma or a space) or not at all, then decimals,
# then a scale word. The groups must be whole: "12,5" is a decimal comma, not twelve thousand five.
_AMOUNT = re.compile(
    rf"(?P<number>\d{{1,3}}(?:(?P<sep>[,{_SPACES}])\d{{3}}(?:(?P=sep)\d{{3}})*)?(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
    rf"[{_SPACES}]?(?P<scale>[a-z]*)",
    re.ASCII,
)
_DECIMAL_COMMA = re.compile(r"\d+,\d{1,2}[a-z]*", re.ASCII)
_SIGNS = ("-", "−", "–", "(")


def _without_currency(text: str, code: str) -> str:
    """The text without the plan's currency symbol or code, at either end; other currencies are refused."""
    cur = currency(code)
    for mark in sorted({cur.symbol.lower(), cur.code.lower()}, key=len, reverse=True):
        if text.startswith(mark):
            text = text[len(mark) :].strip(_SPACES)
            break
        if text.endswith(mark):
            text = text[: -len(mark)].strip(_SPACES)
            break
    others = {c.symbol.lower() for c in CURRENCIES.values()} | {c.lower() for c in CURRENCIES}
    codes = tuple(mark for mark in others if mark.isalpha())
    if (
        any(mark in text for mark in others if not mark.isalpha())
        or text.startswith(codes)
        or text.endswith(codes)
    ):
        raise ValueError(
            f"enter the amount in {cur.code} ({cur.symbol}), the plan's currency; convert it first if it is "
            "in another one."
        )
    return text


def parse_amount(text: str, code: str = "USD") -> float:
    """An amount in the plan's currency from what a marketer typed, refused in one sentence otherwise.

    Takes digits grouped by commas or spaces (12,000,000; 12 000 000), decimals with a point, a scale
    (1.2k, 12M, 12mm, 3bn) and the plan's own symbol or code ($12.5m, 12M USD). Refuses blank text, words,
    a minus sign, a decimal comma, other currencies, scientific notation (1e6), and amounts above ten
    trillion. The sentence starts in lower case, after the box's label.
    """
    if not isinstance(text, str) or is_blank(text):
        raise ValueError(f"enter an amount, {FOR_EXAMPLE}.")
    typed = text.strip(_SPACES + "\t\n").lower()
    digits = sum(ch.isdigit() for ch in typed)
    if len(typed) > LONGEST_TEXT:
        if digits > LONGEST_TEXT // 2:
            raise ValueError(f"enter an amount of at most {LARGEST_AMOUNT_WORDS}.")
        raise ValueError(f"enter an amount in figures, {FOR_EXAMPLE}.")
    if typed.startswith(_SIGNS):
        raise ValueError("enter the amount without a minus sign: amounts in the plan are 0 or more.")
    typed = _without_currency(typed, code)
    if typed.startswith(_SIGNS):
        raise ValueError("enter the amount without a minus sign: amounts in the plan are 0 or more.")
    match = _AMOUNT.fullmatch(typed)
    if match is None or match["scale"] not in _SCALES:
        if _DECIMAL_COMMA.fullmatch(typed):
            raise ValueError("write decimals with a point, for example 12.5 or 12.5M.")
        raise ValueError(f"enter an amount in figures, {FOR_EXAMPLE}.")
    number = match["number"]
    for separator in "," + _SPACES:
        number = number.replace(separator, "")
    try:
        amount = Decimal(number) * _SCALES[match["scale"]]
    except InvalidOperation:  # the pattern lets only digits and one point through; kept as a backstop
        raise ValueError(f"enter an amount in figures, {FOR_EXAMPLE}.") from None
    if amount > Decimal(LARGEST_AMOUNT):
        raise ValueError(f"enter an amount of at most {LARGEST_AMOUNT_WORDS}.")
    return float(amount)


def parse_amount_or_none(text: str | None, code: str = "USD") -> float | None:
    """Like `parse_amount`, for an amount the plan may leave unset: blank text is None."""
    return None if text is None or is_blank(text) else parse_amount(text, code)


def format_amount(amount: float | None, code: str = "USD") -> str:
    """An amount as its box shows it: thousands separated, no symbol (the label names the currency), decimals
    only when it has some (1,100,000; 67,765.88); blank for None."""
    if amount is None:
        return ""
    decimals = currency(code).decimals
    if round(amount, decimals) == round(amount):
        decimals = 0
    return f"{amount:,.{decimals}f}"
