"""Any CSV, TSV or Excel export as a table of strings under the file's own headers, within its stated limits."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from planner.io.delimited import STRINGS, read_delimited
from planner.io.errors import DataFileError
from planner.io.excel import read_workbook
from planner.io.limits import ANY_TABLE, FileLimits, ReadBudget
from planner.io.text import (
    EXCEL_MAGIC,
    OLD_EXCEL_MAGIC,
    Source,
    decode,
    looks_binary,
    not_a_table,
    read_bytes,
    refuse_nul,
    strip_comment_lines,
)


@dataclass(frozen=True, eq=False)
class RawTable:
    """A file's table of strings under its own (trimmed) headers, and the spreadsheet row of its first data row."""

    table: pd.DataFrame
    file_name: str
    first_row: int


def read_raw_table(source: Source, limits: FileLimits = ANY_TABLE, budget: ReadBudget | None = None) -> RawTable:
    """Any CSV, TSV or Excel export as a table of strings with the file's own headers.

    The file is refused, in one sentence naming the limit, when it is larger, longer or wider
    than `limits` allow or its read runs past `budget` (started here when not given).
    """
    budget = budget or limits.start()
    data, name = read_bytes(source, limits)
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
        table, first_row = read_workbook(data, name, limits, budget)
    else:
        text, skipped = strip_comment_lines(decode(data))
        if looks_binary(text):
            raise not_a_table(name)
        if not text or text.isspace():
            raise DataFileError(
                f"{name} has no table in it; export the table again and upload the new file.",
                "empty", file_name=name,
            )  # fmt: skip
        refuse_nul(text, name, skipped + 1)
        table, first_row = read_delimited(text, name, skipped + 1, limits, budget), skipped + 2
    table = _named(table)
    if table.empty:
        raise no_rows(name)
    return RawTable(table, name, first_row)


def _named(table: pd.DataFrame) -> pd.DataFrame:
    """The table under trimmed headers; a column without a header is 'Column 3', or dropped when it is empty.

    A header that ends in a separator makes such an empty column.
    """
    headers = [str(h).strip() for h in table.columns]
    keep = [
        i for i, h in enumerate(headers) if h or (table.iloc[:, i].astype(STRINGS).str.strip() != "").any()
    ]
    table = table.iloc[:, keep].astype(STRINGS)
    table.columns = [headers[i] or f"Column {i + 1}" for i in keep]
    return table


def read_table(source: Source) -> pd.DataFrame:
    """Any CSV, TSV or Excel export as a table of strings with the file's own headers."""
    return read_raw_table(source).table


def no_rows(name: str) -> DataFileError:
    return DataFileError(
        f"{name} has a header row but no data rows; export it again with the data.", "no_rows", file_name=name
    )
