"""The one cell parser: numbers, months, dates and yes/no flags as exports write them, a column at a time."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from planner.io.errors import shown
from planner.validation import EARLIEST_YEAR, LARGEST_AMOUNT, LARGEST_AMOUNT_WORDS, LATEST_YEAR

# Currency signs and codes, percent signs, spaces (any Unicode space, as Python's `str.isspace`) and
# Swiss apostrophes group or decorate a number without changing it. RE2 syntax: Arrow runs it over a
# whole column at once.
NUMBER_JUNK = r"(?i)[\t\n\x0b\x0c\r\x1c-\x1f\x85\p{Z}$€£₩¥%']|NT\$|US\$|USD|EUR|GBP|KRW|JPY|TWD"
# '12,5' or '1.234,50': a file with such a cell writes decimals with a comma and groups with dots.
DECIMAL_COMMA = r"-?(\d{1,3}(\.\d{3})+|\d+),\d{1,2}"
# What Arrow's own cast reads exactly as Python's float() would; anything else is tried by float().
PLAIN_NUMBER = r"[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?"
EMPTY_NUMBERS = ("", "-", "—", "–")
# Cells Arrow cannot read that Python's float() may: digits of other scripts, '1_000', 'inf', 'nan'.
PYTHON_ONLY = r"(?i)[^\x00-\x7f]|_|inf|nan"
MONTH_FORMATS = (
    "%Y-%m",
    "%Y-%m-%d",
    "%Y/%m",
    "%m/%Y",
    "%m-%Y",
    "%b %Y",
    "%B %Y",
    "%b-%Y",
    "%b-%y",
    "%b %y",
    "%Y%m",
)
# Tried in order after ISO 8601: slashes are month first (US), dots day first (Europe). The CRM
# reader hands the same list to Arrow, so a date means the same day whichever way it is read.
DATE_FORMATS = ("%Y-%m-%d %H:%M", "%m/%d/%Y %H:%M", "%m/%d/%Y", "%d.%m.%Y", "%d.%m.%Y %H:%M")
_TRUE = {"1", "yes", "y", "true", "t", "x", "customer", "oui", "ja", "si", "sí", "예", "1.0"}
_FALSE = {"", "0", "no", "n", "false", "f", "-", "prospect", "non", "nein", "아니오", "0.0"}


@dataclass(frozen=True, eq=False)
class BadCell:
    """The first cell of a column that could not be read: its position (0 = the first cell) and why."""

    position: int
    text: str
    problem: str  # "'lots' is not a number"


@dataclass(frozen=True, eq=False)
class ParsedCells:
    """A column of cells read by one rule.

    `values` is the column parsed (NaN or NaT where a cell is empty or bad), on the same index as
    the cells; `empty` marks cells with nothing in them, `bad` cells with something that is not a
    value of the kind; `expected` says what a cell should hold.
    """

    values: pd.Series
    empty: pd.Series
    bad: pd.Series
    expected: str
    first_bad: BadCell | None = None

    @property
    def bad_count(self) -> int:
        return int(self.bad.sum())


def _strings(cells: pd.Series) -> pd.Series:
    """The cells as Arrow strings, so text operations run in Arrow over the whole column."""
    return cells.astype(pd.StringDtype("pyarrow"))


def _text(cells: pd.Series) -> pd.Series:
    """The cells as trimmed text, missing cells as ''."""
    return _strings(cells).fillna("").str.strip()


def _first_bad(cells: pd.Series, bad: pd.Series, problem: Callable[[int, str], str]) -> BadCell | None:
    if not bad.any():
        return None
    position = int(np.argmax(bad.to_numpy()))
    text = cells.iloc[position]
    text = "" if pd.isna(text) else str(text)
    return BadCell(position, text, problem(position, text))


def uses_decimal_comma(*columns: pd.Series) -> bool:
    """Whether any of a file's number columns writes decimals with a comma ('12,5', '1.234,50')."""
    texts = [c for c in columns if not pd.api.types.is_numeric_dtype(c)]
    if not texts:
        return False
    # The costly regex only where it can match: the cells with a comma, column by column (most have none).
    with_comma = []
    for text in map(_strings, texts):
        comma = text.str.contains(",", regex=False).fillna(False)
        if comma.any():
            with_comma.append(text[comma])
    if not with_comma:
        return False
    cells = pd.concat(with_comma, ignore_index=True)
    return bool(cells.str.replace(NUMBER_JUNK, "", regex=True).str.fullmatch(DECIMAL_COMMA).any())


def parse_numbers(cells: pd.Series, decimal_comma: bool | None = None) -> ParsedCells:
    """Numbers as exports write them: '$1,234.50', '1.234,50 €', 'NT$ 5,000', '(300)' (negative), '12%' (12).

    With `decimal_comma` (found from the cells themselves when None) dots group thousands and the
    comma marks decimals. Otherwise each cell decides: with both marks the last one is the
    decimal; '1,234' groups thousands but '1,5' is one and a half; '1.234.567' groups thousands.
    Empty cells ('', '-', '—') are NaN and marked empty. A column Arrow or Excel already read as
    numbers is kept as it is.
    """
    if pd.api.types.is_numeric_dtype(cells) and not pd.api.types.is_bool_dtype(cells):
        numbers = cells.astype(float)
        infinite = pd.Series(np.isinf(numbers.to_numpy()), index=cells.index)
        bad = infinite | _implausible(numbers)
        return ParsedCells(numbers.mask(bad), numbers.isna(), bad, "a number",
                           _first_bad(cells, bad, _number_problem(infinite)))  # fmt: skip
    if decimal_comma is not True and (numbers := _arrow_floats(cells)) is not None:
        # Counts and amounts as most exports write them ('1234', '12.5'): Arrow reads the column at once.
        infinite = pd.Series(np.isinf(numbers.to_numpy()), index=cells.index)
        empty = cells.isna()
        bad = (numbers.isna() & ~empty) | infinite | _implausible(numbers)
        return ParsedCells(numbers.where(~bad), empty, bad, "a number",
                           _first_bad(cells, bad, _number_problem(infinite, numbers)))  # fmt: skip
    raw = _text(cells)
    empty = raw.isin(EMPTY_NUMBERS)
    if decimal_comma is None:
        decimal_comma = uses_decimal_comma(cells)
    plain = raw.str.fullmatch(PLAIN_NUMBER)
    if (plain | empty).all() and not (decimal_comma and raw.str.contains(".", regex=False).any()):
        # Counts as most exports write them ('1234', '12.5'): nothing to clean.
        negative, cleaned = pd.Series(False, index=cells.index), raw
    else:
        negative = raw.str.startswith("(") & raw.str.endswith(")")
        cleaned = _as_plain(raw.str.strip("()").str.replace(NUMBER_JUNK, "", regex=True), decimal_comma)
        plain = cleaned.str.fullmatch(PLAIN_NUMBER)
    numbers = cleaned.where(~empty & plain).astype("float64[pyarrow]").astype(float)
    infinite = pd.Series(np.isinf(numbers.to_numpy()), index=cells.index)
    # Python reads a few more spellings (full-width digits, '1_000', 'nan', 'inf'): a cell reads as
    # the same number typed into Python would. Only cells that could be one are tried one by one.
    failed = ~empty & numbers.isna() & cleaned.str.contains(PYTHON_ONLY).fillna(False)
    if failed.any():
        again = [_python_float(text) for text in cleaned[failed]]
        numbers[failed] = [np.nan if v is None else v for v in again]
        infinite[failed] = [v is not None and not math.isfinite(v) for v in again]
    bad = (~empty & numbers.isna()) | infinite | _implausible(numbers)
    values = numbers.where(~bad).mask(negative, -numbers)
    return ParsedCells(values, empty, bad, "a number", _first_bad(cells, bad, _number_problem(infinite, numbers)))


def _arrow_floats(cells: pd.Series) -> pd.Series | None:
    """The column as floats when Arrow reads every cell as a plain number (as Python's float() would)."""
    if not isinstance(cells.dtype, pd.StringDtype) or cells.dtype.storage != "pyarrow":
        return None
    try:
        numbers = pc.cast(cells.array.__arrow_array__(), pa.float64())
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None
    return pd.Series(numbers.to_numpy(zero_copy_only=False), index=cells.index)


def _implausible(numbers: pd.Series) -> pd.Series:
    """Finite numbers beyond ten trillion either way: no count or amount in a marketing export is that large."""
    magnitude = np.abs(numbers.to_numpy(dtype=float))
    return pd.Series((magnitude > LARGEST_AMOUNT) & np.isfinite(magnitude), index=numbers.index)


def _number_problem(infinite: pd.Series, numbers: pd.Series | None = None) -> Callable[[int, str], str]:
    def problem(position: int, text: str) -> str:
        if infinite.iloc[position]:
            return f"{shown(text.strip())!r} is not a finite number"
        value = None if numbers is None else numbers.iloc[position]
        if numbers is None or not np.isnan(value):
            return f"{shown(text.strip())!r} is more than {LARGEST_AMOUNT_WORDS}, beyond any export's numbers"
        return f"{shown(text.strip())!r} is not a number"

    return problem


def _as_plain(cleaned: pd.Series, decimal_comma: bool) -> pd.Series:
    """Numbers without signs or spaces, their thousands marks dropped and a dot for the decimal mark."""
    if decimal_comma:
        comma_decimal = pd.Series(True, index=cleaned.index)
    else:
        comma, dot = cleaned.str.contains(",", regex=False), cleaned.str.contains(".", regex=False)
        comma_last = cleaned.str.contains(r",[^.]*$")
        grouped = cleaned.str.fullmatch(r"-?\d{1,3}(,\d{3})+")
        comma_decimal = (comma & dot & comma_last) | (comma & ~dot & ~grouped)
        dotted = ~comma & cleaned.str.fullmatch(r"-?\d{1,3}(\.\d{3}){2,}")
        cleaned = cleaned.mask(dotted, cleaned.str.replace(".", "", regex=False))
    european = cleaned.str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
    grouping = cleaned.str.replace(",", "", regex=False)
    return cleaned.mask(comma_decimal, european).mask(~comma_decimal, grouping)


def _python_float(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def parse_number(text: str, decimal_comma: bool = False) -> float | None:
    """One number as exports write it ('$1,234.50', '1.234,5', '(300)', '12%'); None for an empty cell.

    The same rule as `parse_numbers`; raises `ValueError` for text that is not a number.
    """
    parsed = parse_numbers(pd.Series([str(text)], dtype="string"), decimal_comma)
    if parsed.first_bad is not None:
        raise ValueError(parsed.first_bad.problem)
    value = parsed.values.iloc[0]
    return None if np.isnan(value) else float(value)


def _each_distinct(text: pd.Series, parse: Callable[[pd.Series], pd.Series]) -> pd.Series:
    # Exports repeat the same month or date on many rows: parse each distinct text once.
    codes, uniques = pd.factorize(text)
    parsed = parse(pd.Series(uniques, dtype=pd.StringDtype("pyarrow")))
    return pd.Series(parsed.array.take(codes), index=text.index)


def _stamps(text: pd.Series, formats: tuple[str, ...]) -> pd.Series:
    """Each cell by the first format that reads it, else by pandas' guess; NaT where nothing does."""
    stamps = pd.Series(pd.NaT, index=text.index, dtype="datetime64[us]")
    for pattern in formats:
        left = stamps.isna() & (text != "")
        if not left.any():
            return stamps
        stamps[left] = _to_utc_naive(pd.to_datetime(text[left], errors="coerce", format=pattern, utc=True))
    left = stamps.isna() & (text != "")
    if left.any():
        stamps[left] = _to_utc_naive(pd.to_datetime(text[left], errors="coerce", format="mixed", utc=True))
    return stamps


def _recent(stamps: pd.Series) -> pd.Series:
    """Dates from 1990 to 2100 kept; others are misread numbers, placeholders or typos (2999 for 2025)."""
    outside = (stamps < pd.Timestamp(EARLIEST_YEAR, 1, 1)) | (stamps >= pd.Timestamp(LATEST_YEAR + 1, 1, 1))
    # Masked only when needed: a million CRM dates are not copied for nothing.
    return stamps.mask(outside) if outside.any() else stamps


def _out_of_years(text: str, formats: tuple[str, ...]) -> bool:
    """Whether a cell that failed is a real date outside 1990 to 2100 (so the sentence can say so)."""
    return bool(_stamps(pd.Series([text.strip()], dtype=pd.StringDtype("pyarrow")), formats).notna().iloc[0])


YEARS = f"from {EARLIEST_YEAR} to {LATEST_YEAR}"


def _to_utc_naive(stamps: pd.Series) -> pd.Series:
    return stamps.dt.tz_convert("UTC").dt.tz_localize(None) if stamps.dt.tz is not None else stamps


def parse_months(cells: pd.Series) -> ParsedCells:
    """Months with their year ('2025-01', 'Jan 2025', 'January 2025', 'Jan-25', '01/2025') as 'YYYY-MM'."""
    text = _text(cells)
    empty = text == ""
    values = _each_distinct(text, lambda t: _recent(_stamps(t, MONTH_FORMATS)).dt.strftime("%Y-%m"))
    bad = ~empty & values.isna()

    def problem(_: int, text: str) -> str:
        if _out_of_years(text, MONTH_FORMATS):
            return f"{shown(text.strip())!r} is not a month {YEARS}"
        return f"{shown(text.strip())!r} is not a month with its year (use 2025-01 or Jan 2025)"

    return ParsedCells(values, empty, bad, "a month with its year (2025-01 or Jan 2025)",
                       _first_bad(cells, bad, problem))  # fmt: skip


def parse_dates(cells: pd.Series) -> ParsedCells:
    """Dates and times: ISO 8601 ('2025-03-14', '2025-03-14 09:30'), '03/14/2025', '14.03.2025', then a guess.

    A time with a UTC offset becomes UTC; the result has no time zone. Dates before 1990 are bad.
    A column Arrow or Excel already read as dates is kept as it is, under the same rules.
    """
    if pd.api.types.is_datetime64_any_dtype(cells):
        values, empty = _recent(_to_utc_naive(cells)), cells.isna()
    else:
        text = _text(cells)
        empty = text == ""
        values = _each_distinct(text, lambda t: _recent(_stamps(t, ("ISO8601", *DATE_FORMATS))))
    bad = ~empty & values.isna()

    def problem(_: int, text: str) -> str:
        if _out_of_years(text, ("ISO8601", *DATE_FORMATS)):
            return f"{shown(text.strip())!r} is not a date {YEARS}"
        return f"{shown(text.strip())!r} is not a date (use 2025-03-14)"

    return ParsedCells(values, empty, bad, "a date (2025-03-14)", _first_bad(cells, bad, problem))


def parse_flags(cells: pd.Series) -> ParsedCells:
    """Yes or no as exports write it: yes/no, true/false, 1/0, x, customer/prospect, oui/non, ja/nein, 예/아니오.

    An empty cell is no.
    """
    text = _text(cells).str.lower()
    true, false = text.isin(_TRUE), text.isin(_FALSE)
    bad = ~true & ~false
    values = pd.Series(true.to_numpy(dtype=bool), index=cells.index)

    def problem(_: int, text: str) -> str:
        return f"{shown(text)!r} is not yes or no (use yes/no, true/false or 1/0)"

    return ParsedCells(values, text == "", bad, "yes or no", _first_bad(cells, bad, problem))
