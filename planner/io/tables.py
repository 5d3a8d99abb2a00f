"""Any CSV, TSV or Excel export as a table: its strings, the headers that mean our columns, and its checked records."""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from planner.columns import Column
from planner.io.cells import (
    ParsedCells,
    parse_dates,
    parse_flags,
    parse_months,
    parse_numbers,
    uses_decimal_comma,
)
from planner.io.errors import DataFileError, MissingColumnsError
from planner.io.text import (
    EXCEL_MAGIC,
    OLD_EXCEL_MAGIC,
    Source,
    decode,
    first_line,
    looks_binary,
    not_a_table,
    read_bytes,
    sniff_separator,
    strip_comment_lines,
)
from planner.validation import is_blank

NUMBER_KINDS = ("count", "money", "score")


@dataclass(frozen=True, eq=False)
class RawTable:
    """A file's table of strings under its own (trimmed) headers, and the spreadsheet row of its first data row."""

    table: pd.DataFrame
    file_name: str
    first_row: int


@dataclass(frozen=True, eq=False)
class DataFile:
    """What reading one export gave: its table, the file's name, what was read with care, and the headers used.

    `found` maps each canonical column to the file's header that held it; `warnings` are
    sentences for the user (blank rows skipped, empty cells read as 0, stages out of order…).
    """

    table: pd.DataFrame
    file_name: str
    warnings: tuple[str, ...] = ()
    found: Mapping[str, str] = field(default_factory=dict)


def read_raw_table(source: Source) -> RawTable:
    """Any CSV, TSV or Excel export as a table of strings with the file's own headers."""
    data, name = read_bytes(source)
    if not data or data.isspace():
        raise DataFileError(
            f"{name} is empty; export the table again and upload the new file.", "empty", file_name=name
        )
    if data.startswith(OLD_EXCEL_MAGIC):
        raise DataFileError(
            f"{name} is an old-style Excel file (.xls); save it as .xlsx or CSV and upload it.",
            "not_a_table", file_name=name, expected="an .xlsx or CSV file",
        )  # fmt: skip
    if data.startswith(EXCEL_MAGIC):
        table, first_row = _read_excel(data, name), 2
    else:
        text, skipped = strip_comment_lines(decode(data))
        if looks_binary(text):
            raise not_a_table(name)
        if not text or text.isspace():
            raise DataFileError(
                f"{name} has no table in it; export the table again and upload the new file.",
                "empty", file_name=name,
            )  # fmt: skip
        try:
            table = pd.read_csv(
                io.StringIO(text), sep=sniff_separator(first_line(text)), dtype=str, keep_default_na=False,
                skip_blank_lines=False,
            )  # fmt: skip
        except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
            raise unreadable(name, str(exc)) from None
        first_row = skipped + 2
    table.columns = [str(c).strip() for c in table.columns]
    if table.empty:
        raise no_rows(name)
    return RawTable(table, name, first_row)


def read_table(source: Source) -> pd.DataFrame:
    """Any CSV, TSV or Excel export as a table of strings with the file's own headers."""
    return read_raw_table(source).table


def unreadable(name: str, reason: str) -> DataFileError:
    return DataFileError(
        f"{name} could not be read as a table ({reason}); check it opens in a spreadsheet.",
        "not_a_table", file_name=name, expected="a table that opens in a spreadsheet",
    )  # fmt: skip


def no_rows(name: str) -> DataFileError:
    return DataFileError(
        f"{name} has a header row but no data rows; export it again with the data.", "no_rows", file_name=name
    )


def _read_excel(data: bytes, name: str) -> pd.DataFrame:
    try:
        table = pd.read_excel(io.BytesIO(data), dtype=object, engine="openpyxl")
    except Exception as exc:  # openpyxl raises many kinds for a broken or non-Excel zip
        raise DataFileError(
            f"{name} could not be opened as an Excel file ({type(exc).__name__}); save it again as .xlsx or CSV.",
            "not_a_table", file_name=name, expected="an .xlsx or CSV file",
        ) from None  # fmt: skip
    return table.map(lambda v: "" if is_blank(v) else str(v))


def normalise_header(header: str) -> str:
    """'  Amount Spent (USD) ' → 'amount spent': lower case, no units in brackets, no punctuation."""
    text = re.sub(r"\(.*?\)|\[.*?\]", " ", str(header).lower())
    return " ".join(re.sub(r"[^0-9a-z가-힣]+", " ", text).split())


def match_columns(
    headers: list[str], spec: Mapping[str, Column], mapping: Mapping[str, str | None] | None = None
) -> dict[str, str]:
    """Which file header holds each canonical column: the user's mapping first, then synonyms."""
    mapping = dict(mapping or {})
    by_normal = {normalise_header(h): h for h in reversed(headers)}
    found: dict[str, str] = {}
    for name, column in spec.items():
        if name in mapping:
            chosen = mapping[name]
            if chosen is not None and chosen not in headers:
                raise DataFileError(
                    f"The mapping points '{column.label}' at '{chosen}', which the file does not have.",
                    "unknown_column", column=chosen, expected=column.label,
                )  # fmt: skip
            if chosen is not None:
                found[name] = chosen
            continue
        for synonym in (column.name.replace("_", " "), *column.synonyms):
            if synonym in by_normal and by_normal[synonym] not in found.values():
                found[name] = by_normal[synonym]
                break
    return found


def match_columns_of(
    file_name: str, headers: list[str], spec: Mapping[str, Column], mapping: Mapping[str, str | None] | None
) -> dict[str, str]:
    """`match_columns` for a named file: a mapping to a header it lacks names the file too."""
    try:
        return match_columns(headers, spec, mapping)
    except DataFileError as exc:
        exc.file_name = file_name
        raise


def read_record_file(
    source: Source,
    spec: Mapping[str, Column],
    mapping: Mapping[str, str | None] | None = None,
    check: Callable[[list[str], str], None] | None = None,
) -> DataFile:
    """Any export as the canonical columns of `spec`, every cell checked; the shared reading step.

    Text is trimmed, months become 'YYYY-MM', dates timestamps, flags booleans, counts and money
    numbers (never negative; an empty cell is 0 and said so), all by `planner.io.cells`. Optional
    columns the file lacks are left out. `_row` holds each row's spreadsheet row number.
    `check(headers, file_name)` may refuse the file before its columns are matched. Raises
    `DataFileError` for the first bad cell (the topmost row; in a row, the first column of
    `spec`), or `MissingColumnsError` for required columns the file lacks.
    """
    raw = read_raw_table(source)
    name, headers = raw.file_name, list(raw.table.columns)
    if check is not None:
        check(headers, name)
    found = match_columns_of(name, headers, spec, mapping)
    missing = [c for c, col in spec.items() if col.required and c not in found]
    if missing:
        raise MissingColumnsError(missing, headers, name, {c: spec[c].label for c in missing})
    blank = np.logical_and.reduce(
        [raw.table.iloc[:, i].str.strip().eq("").to_numpy() for i in range(raw.table.shape[1])]
    )
    rows = raw.table[~blank]
    if rows.empty:
        raise no_rows(name)
    lines = pd.Series(raw.first_row + rows.index.to_numpy(), index=rows.index)
    cells = {c: _column(rows, found[c]) for c in spec if c in found}
    decimal_comma = uses_decimal_comma(
        *(cells[c] for c, col in spec.items() if c in cells and col.kind in NUMBER_KINDS)
    )
    records: dict[str, pd.Series] = {"_row": lines}
    first: tuple[int, DataFileError] | None = None
    empty_cells: list[str] = []
    for canonical, text in cells.items():
        column = spec[canonical]
        values, problem = _read_column(text, column, found[canonical], lines, decimal_comma, name)
        if problem is not None and (first is None or problem[0] < first[0]):
            first = problem
        if column.kind in ("count", "money") and values.isna().any():
            empty_cells.append(found[canonical])
            values = values.fillna(0.0)
        records[canonical] = values
    if first is not None:
        raise first[1]
    warnings = []
    if blank.any():
        warnings.append(f"Skipped {int(blank.sum())} blank row(s).")
    if empty_cells:
        warnings.append(f"Empty cells were read as 0 in: {', '.join(sorted(empty_cells))}.")
    table = pd.DataFrame(records).reset_index(drop=True)
    return DataFile(table, name, tuple(warnings), found)


def read_records(
    source: Source,
    spec: Mapping[str, Column],
    mapping: Mapping[str, str | None] | None = None,
    check: Callable[[list[str], str], None] | None = None,
) -> pd.DataFrame:
    """The table of `read_record_file`, for scripts that need no warnings."""
    return read_record_file(source, spec, mapping, check).table


def _column(rows: pd.DataFrame, header: str) -> pd.Series:
    picked = rows[header]
    # Two headers equal once trimmed: the first one holds the column, as `match_columns` chose it.
    return picked.iloc[:, 0] if isinstance(picked, pd.DataFrame) else picked


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
    where = f"Row {line}, column '{header}'"
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
    """Raise naming the first key that appears on more than one row, and the rows, with how to fix it."""
    repeated = table[table.duplicated(keys, keep=False)]
    if repeated.empty:
        return
    first = repeated.iloc[0]
    rows = repeated[(repeated[keys] == first[keys]).all(axis=1)]["_row"].tolist()
    what = f"'{first[keys[0]]}'" + "".join(f" in {first[k]}" for k in keys[1:])
    raise DataFileError(
        f"{what} appears more than once (rows {', '.join(map(str, rows))}); {fix}.",
        "duplicate_rows", file_name=file_name, row=int(rows[0]), value=str(first[keys[0]]),
    )  # fmt: skip
