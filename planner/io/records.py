"""An export's rows as our columns, every cell checked: the reading step the channel and ABM readers share."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow.compute as pc

from planner.columns import Column
from planner.io.cells import (
    ParsedCells,
    parse_dates,
    parse_flags,
    parse_months,
    parse_numbers,
    uses_decimal_comma,
)
from planner.io.errors import DataFileError, shown, some_of
from planner.io.headers import check_columns
from planner.io.limits import ANY_TABLE, FileLimits
from planner.io.tables import no_rows, read_raw_table
from planner.io.text import Source

NUMBER_KINDS = ("count", "money", "score")


@dataclass(frozen=True, eq=False)
class DataFile:
    """What reading one export gave: its table, the file's name, what was read with care, and the headers used.

    `found` maps each canonical column to the file's header that held it; `warnings` are
    sentences for the user (blank rows skipped, repeated rows counted once, empty cells read
    as 0, stages out of order…).
    """

    table: pd.DataFrame
    file_name: str
    warnings: tuple[str, ...] = ()
    found: Mapping[str, str] = field(default_factory=dict)


def read_record_file(
    source: Source,
    spec: Mapping[str, Column],
    mapping: Mapping[str, str | None] | None = None,
    check: Callable[[list[str], str], None] | None = None,
    limits: FileLimits = ANY_TABLE,
) -> DataFile:
    """Any export as the canonical columns of `spec`, every cell checked; the shared reading step.

    Text is trimmed, months become 'YYYY-MM', dates timestamps, flags booleans, counts and money
    numbers (never negative; an empty cell is 0 and said so), all by `planner.io.cells`. Optional
    columns the file lacks are left out. Blank rows are skipped and a row that repeats an earlier
    one exactly is counted once, both said in the warnings. `_row` holds each row's spreadsheet
    row number. `check(headers, file_name)` may refuse the file before its columns are matched.
    Raises `DataFileError` for the first bad cell (the topmost row; in a row, the first column of
    `spec`) or a limit of `limits` passed, and `MissingColumnsError` (or its
    `AmbiguousColumnsError`) for the mapping step.
    """
    budget = limits.start()
    raw = read_raw_table(source, limits, budget)
    name, headers = raw.file_name, list(raw.table.columns)
    if check is not None:
        check(headers, name)
    found = check_columns(name, headers, spec, mapping)
    blank = _all_columns(raw.table, _blank)
    rows = raw.table[~blank] if blank.any() else raw.table
    if rows.empty:
        raise no_rows(name)
    budget.check(name)
    lines = pd.Series(raw.first_row + rows.index.to_numpy(), index=rows.index)
    cells = {c: rows[found[c]] for c in spec if c in found}
    decimal_comma = uses_decimal_comma(
        *(cells[c] for c, col in spec.items() if c in cells and col.kind in NUMBER_KINDS)
    )
    records: dict[str, pd.Series] = {"_row": lines}
    first: tuple[int, DataFileError] | None = None
    empty_cells: list[str] = []
    for canonical, text in cells.items():
        column = spec[canonical]
        values, problem = _read_column(text, column, found[canonical], lines, decimal_comma, name)
        budget.check(name)
        if problem is not None and (first is None or problem[0] < first[0]):
            first = problem
        if column.kind in ("count", "money") and values.isna().any():
            empty_cells.append(found[canonical])
            values = values.fillna(0.0)
        records[canonical] = values
    if first is not None:
        raise first[1]
    # Assigned one by one onto an empty frame, so pandas does not stack (copy) the number columns.
    table = pd.DataFrame(index=rows.index)
    for column, values in records.items():
        table[column] = values
    repeats = _repeats(rows, table.drop(columns="_row"))
    warnings = []
    if blank.any():
        warnings.append(f"Skipped {int(blank.sum())} blank row(s).")
    if repeats.any():
        warnings.append(_repeats_warning(rows, lines, repeats))
    if empty_cells:
        warnings.append(f"Empty cells were read as 0 in: {some_of(sorted(empty_cells))}.")
    table = (table[~repeats] if repeats.any() else table).reset_index(drop=True)
    return DataFile(table, name, tuple(warnings), found)


def _repeats(rows: pd.DataFrame, values: pd.DataFrame) -> np.ndarray:
    """Rows that repeat an earlier row cell for cell, every column of the file compared.

    Two rows can only be equal where their values are: amounts, which rarely repeat, narrow
    the rows to compare first (numbers compare fast), then all the values, and the file's own
    strings are compared only among the few rows left.
    """
    maybe = np.ones(len(rows), dtype=bool)
    for column in [c for c in values.columns if values[c].dtype.kind == "f"]:
        left = np.flatnonzero(maybe)
        maybe[left[~values[column].iloc[left].duplicated(keep=False).to_numpy()]] = False
    left = np.flatnonzero(maybe)
    if len(left) > len(rows) // 2:
        # Picking most rows out costs more than comparing them all.
        maybe &= values.duplicated(keep=False).to_numpy()
    elif len(left):
        maybe[left[~values.iloc[left].duplicated(keep=False).to_numpy()]] = False
    repeats = np.zeros(len(rows), dtype=bool)
    if maybe.any():
        repeats[np.flatnonzero(maybe)] = rows[maybe].duplicated().to_numpy()
    return repeats


def _repeats_warning(rows: pd.DataFrame, lines: pd.Series, repeats: np.ndarray) -> str:
    """How many rows repeat an earlier row cell for cell, and the first of them with the row it copies."""
    position = int(repeats.argmax())
    copy = rows.iloc[position]
    original = int(_all_columns(rows, lambda cells: cells == copy.iloc[cells.name]).argmax())
    return (
        f"{int(repeats.sum()):,} row(s) repeat an earlier row exactly (row {lines.iloc[position]} repeats row "
        f"{lines.iloc[original]}) and were counted once; if they are separate entries, add a column "
        "that tells them apart."
    )


def _blank(cells: pd.Series) -> pd.Series:
    """Cells with nothing or only spaces in them, found without copying the column's text."""
    if getattr(cells.dtype, "storage", None) != "pyarrow":
        return cells.str.strip() == ""
    text = cells.array.__arrow_array__()
    blank = pc.fill_null(pc.or_(pc.equal(pc.utf8_length(text), 0), pc.utf8_is_space(text)), True)
    return pd.Series(blank.to_numpy(zero_copy_only=False), index=cells.index)


def _all_columns(table: pd.DataFrame, rule: Callable[[pd.Series], pd.Series]) -> np.ndarray:
    """Rows where `rule` holds in every column, a column at a time (headers may repeat, so by position)."""
    return np.logical_and.reduce(
        [rule(table.iloc[:, i].rename(i)).to_numpy(dtype=bool) for i in range(table.shape[1])]
    )


def read_records(
    source: Source,
    spec: Mapping[str, Column],
    mapping: Mapping[str, str | None] | None = None,
    check: Callable[[list[str], str], None] | None = None,
) -> pd.DataFrame:
    """The table of `read_record_file`, for scripts that need no warnings."""
    return read_record_file(source, spec, mapping, check).table


def _read_column(
    text: pd.Series, column: Column, header: str, lines: pd.Series, decimal_comma: bool, name: str
) -> tuple[pd.Series, tuple[int, DataFileError] | None]:
    """One column's values, and its first problem (position, error) if any cell is wrong."""
    if column.kind == "text":
        values = text.str.strip()
        if not column.required or not (values == "").any():
            return values, None
        position = int(np.argmax((values == "").to_numpy()))
        what = column.blank or column.label.lower()
        line = int(lines.iloc[position])
        return values, (position, DataFileError(
            f"Row {line} has no {what}; fill it in or delete the row.",
            "blank_cell", file_name=name, row=line, column=header, value="", expected=what,
        ))  # fmt: skip
    parsed = _PARSERS[column.kind](text, decimal_comma)
    return parsed.values, _first_problem(text, parsed, column, header, lines, name)


_PARSERS: dict[str, Callable[[pd.Series, bool], ParsedCells]] = {
    "month": lambda text, _: parse_months(text),
    "date": lambda text, _: parse_dates(text),
    "flag": lambda text, _: parse_flags(text),
    **{kind: parse_numbers for kind in NUMBER_KINDS},
}


def _first_problem(
    text: pd.Series, parsed: ParsedCells, column: Column, header: str, lines: pd.Series, name: str
) -> tuple[int, DataFileError] | None:
    """The topmost cell of a parsed column that stops the file: bad, empty where it must not be, or negative."""
    must_fill = column.kind in ("month", "date", "score")
    negative = (
        parsed.values < 0 if column.kind in NUMBER_KINDS else pd.Series(False, index=parsed.values.index)
    )
    stops = parsed.bad | negative | (parsed.empty & must_fill)
    if not stops.any():
        return None
    position = int(np.argmax(stops.to_numpy()))
    line = int(lines.iloc[position])
    facts = {"file_name": name, "row": line, "column": header, "value": str(text.iloc[position])}
    where = f"Row {line}, column '{shown(header)}'"
    if parsed.bad.iloc[position]:
        problem = parsed.first_bad.problem
        if column.kind in NUMBER_KINDS:
            sentence = f"{where}: {problem}; fix the cell or map '{column.label}' to another column."
        else:
            sentence = f"{where}: {problem}."
        return position, DataFileError(sentence, "bad_value", expected=parsed.expected, **facts)
    if parsed.empty.iloc[position]:
        fix = "fill in the score" if column.kind == "score" else "fill it in"
        sentence = f"{where} is empty; {fix} or delete the row."
        return position, DataFileError(sentence, "blank_cell", expected=parsed.expected, **facts)
    amount = float(parsed.values.iloc[position])
    fix = "fix the cell (refunds belong in a separate column)" if column.kind == "money" else "fix the cell"
    sentence = f"{where}: {column.label.lower()} cannot be negative ({amount:g}); {fix}."
    return position, DataFileError(sentence, "bad_value", expected="zero or more", **facts)


def refuse_duplicates(table: pd.DataFrame, keys: list[str], fix: str, file_name: str | None = None) -> None:
    """Raise naming the first key that appears on more than one row, and (a few of) the rows, with how to fix it."""
    repeated = table[table.duplicated(keys, keep=False)]
    if repeated.empty:
        return
    first = repeated.iloc[0]
    rows = repeated[(repeated[keys] == first[keys]).all(axis=1)]["_row"].tolist()
    what = f"'{shown(first[keys[0]])}'" + "".join(f" in {first[k]}" for k in keys[1:])
    raise DataFileError(
        f"{what} appears more than once (rows {some_of([str(r) for r in rows])}); {fix}.",
        "duplicate_rows", file_name=file_name, row=int(rows[0]), value=str(first[keys[0]]),
    )  # fmt: skip
