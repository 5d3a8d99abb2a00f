"""CSV and TSV text as a table of strings: Arrow reads a sound file, pandas names the row that breaks one."""

from __future__ import annotations

import csv
import io
import re
import warnings

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

from planner.io.errors import DataFileError
from planner.io.limits import FileLimits, ReadBudget, too_many_columns, too_many_rows
from planner.io.text import first_line, line_end, sniff_separator, split_header

SEPARATOR_WORDS = {",": "comma", ";": "semicolon", "\t": "tab"}
STRINGS = pd.StringDtype("pyarrow", na_value=float("nan"))  # pandas' own "str": what read_csv gives


def header_and_width(text: str, separator: str, name: str = "The file") -> tuple[list[str], int]:
    """The header's cells, and how many cells a data row has: one more when every row ends in a separator.

    Some exports write a separator after the last cell of each data row but not of the header;
    the extra cell is empty and is dropped once the rows are read.
    """
    header_line = first_line(text)
    header = split_header(header_line, separator, name)
    try:
        cells = next(csv.reader([first_line(text, line_end(text))], delimiter=separator), [])
    except csv.Error:  # a data cell past the CSV module's limit: Arrow reads it, this check need not
        cells = []
    trailing = len(cells) == len(header) + 1 and not cells[-1].strip()
    return header, len(header) + trailing


def read_delimited(
    text: str, name: str, first_row: int, limits: FileLimits, budget: ReadBudget
) -> pd.DataFrame:
    """A delimited table's data rows as Arrow-backed strings under the file's own headers (as written).

    `first_row` is the spreadsheet row of the header. Rows with fewer cells than the header are
    filled with empty cells (as spreadsheets read them); a row with more cells, or a quote that
    is never closed, is refused naming its row.
    """
    separator = sniff_separator(first_line(text))
    header, width = header_and_width(text, separator, name)
    if len(header) > limits.max_columns:
        raise too_many_columns(name, len(header), limits)
    start = line_end(text)
    if not text[start:].strip():
        table = pd.DataFrame({str(i): pd.Series([], dtype=STRINGS) for i in range(width)})
    else:
        table = _arrow_strings(text, start, separator, width)
        if table is None:
            budget.check(name)
            table = _pandas_strings(text[start:], separator, (width, len(header)), name, first_row, limits)
    if len(table) > limits.max_rows:
        raise too_many_rows(name, limits)
    budget.check(name)
    if width > len(header):
        extra = table.iloc[:, -1].str.strip() != ""
        if extra.any():
            row = first_row + 1 + int(extra.to_numpy().argmax())
            raise broken_row(name, row, width, len(header), separator)
        table = table.iloc[:, :-1]
    table.columns = header
    return table


def _arrow_strings(text: str, start: int, separator: str, width: int) -> pd.DataFrame | None:
    """The cells below the header (from `start`) as text, read by Arrow's multithreaded parser.

    None when a row does not fit the header.
    """
    names = [str(i) for i in range(width)]
    handle = io.BytesIO(text.encode("utf-8"))
    handle.seek(len(text[:start].encode("utf-8")))
    try:
        table = pacsv.read_csv(
            handle,
            read_options=pacsv.ReadOptions(column_names=names),
            parse_options=pacsv.ParseOptions(
                delimiter=separator, newlines_in_values=True, ignore_empty_lines=False,
                # The first ragged row hands the file to pandas, which can say which row it is.
                invalid_row_handler=lambda _: "error",
            ),
            convert_options=pacsv.ConvertOptions(
                # Large strings are what pandas' Arrow-backed strings hold, so no column is cast again.
                column_types=dict.fromkeys(names, pa.large_string()), strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )  # fmt: skip
    except pa.ArrowInvalid:
        return None
    return table.to_pandas(types_mapper={pa.large_string(): STRINGS}.get)


def _pandas_strings(
    body: str, separator: str, widths: tuple[int, int], name: str, first_row: int, limits: FileLimits
) -> pd.DataFrame:
    """Every cell as text by pandas' C parser, short rows filled; its errors as sentences naming the row.

    `widths` are the cells a row may have and the header's own.
    """
    width, header_cells = widths
    try:
        with warnings.catch_warnings():
            # pandas drops the extra cells of a long first row with only a warning: that is a broken row too.
            warnings.simplefilter("error", pd.errors.ParserWarning)
            table = pd.read_csv(
                io.StringIO(body), sep=separator, header=None, names=[str(i) for i in range(width)], dtype=str,
                keep_default_na=False, skip_blank_lines=False, index_col=False, nrows=limits.max_rows + 1,
                engine="c",
            )  # fmt: skip
    except pd.errors.ParserWarning:
        cells = len(next(csv.reader([first_line(body)], delimiter=separator), []))
        raise broken_row(name, first_row + 1, cells, header_cells, separator) from None
    except pd.errors.ParserError as exc:
        raise parser_error(name, str(exc), first_row, header_cells, separator) from None
    return table.astype(STRINGS)


_TOO_MANY = re.compile(r"Expected (\d+) fields in line (\d+), saw (\d+)")
_OPEN_QUOTE = re.compile(r"EOF inside string starting at row (\d+)")


def parser_error(name: str, message: str, first_row: int, width: int, separator: str) -> DataFileError:
    """pandas' tokenizer message (rows counted below the header) as the sentence for the user."""
    if match := _TOO_MANY.search(message):
        return broken_row(name, first_row + int(match.group(2)), int(match.group(3)), width, separator)
    if match := _OPEN_QUOTE.search(message):
        row = first_row + 1 + int(match.group(1))
        return DataFileError(
            f"{name} has a quotation mark in row {row} that is never closed; close it or delete it, "
            "then upload the file again.",
            "broken_row", file_name=name, row=row, expected="quotation marks in pairs",
        )  # fmt: skip
    return unreadable(name)


def broken_row(name: str, row: int, cells: int, width: int, separator: str) -> DataFileError:
    """A row with more cells than the header names columns, usually text with an unquoted separator."""
    return DataFileError(
        f"{name} has {cells} cells in row {row} where the header has {width}; put text holding a "
        f"{SEPARATOR_WORDS.get(separator, 'separator')} in quotes, or delete the extra cells.",
        "broken_row", file_name=name, row=row, expected=f"{width} cells",
    )  # fmt: skip


def unreadable(name: str) -> DataFileError:
    """A file no parser can split into rows, said without the parser's own words."""
    return DataFileError(
        f"{name} could not be split into rows and columns; check it opens in a spreadsheet and save it "
        "again as CSV.",
        "not_a_table", file_name=name, expected="a table that opens in a spreadsheet",
    )  # fmt: skip
