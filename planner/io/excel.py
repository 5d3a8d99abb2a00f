"""Excel workbooks (.xlsx) as a table of strings, refused from the zip directory before openpyxl unpacks them."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import Any

import openpyxl
import pandas as pd

from planner.io.delimited import STRINGS
from planner.io.errors import DataFileError
from planner.io.limits import (
    MB,
    XLSX_CHECK_EVERY,
    XLSX_MAX_CELLS,
    XLSX_MAX_ENTRIES,
    XLSX_MAX_RATIO,
    XLSX_MAX_UNPACKED_MB,
    XLSX_RATIO_FROM_BYTES,
    FileLimits,
    ReadBudget,
    megabytes,
    too_many_columns,
    too_many_rows,
)

SAVE_AS_CSV = "save the sheet as CSV and upload that"


def not_an_excel_file(name: str) -> DataFileError:
    return DataFileError(
        f"{name} could not be opened as an Excel file; save it again as .xlsx or CSV.",
        "not_a_table", file_name=name, expected="an .xlsx or CSV file",
    )  # fmt: skip


def _too_large(name: str, sentence: str, expected: str) -> DataFileError:
    return DataFileError(f"{name} {sentence}; {SAVE_AS_CSV}.", "too_large", file_name=name, expected=expected)


def check_workbook(data: bytes, name: str) -> None:
    """Refuse a workbook from its zip directory alone: too many parts, too large unpacked, or packed like a bomb.

    The directory lists each part's packed and unpacked size; Python's zip reader never unpacks
    more than a part declares, so these numbers bound what openpyxl can read.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise not_an_excel_file(name) from None
    if len(parts) > XLSX_MAX_ENTRIES:
        raise _too_large(
            name, f"holds {len(parts):,} parts, more than the {XLSX_MAX_ENTRIES} an Excel file may have here",
            f"at most {XLSX_MAX_ENTRIES} parts",
        )  # fmt: skip
    unpacked = sum(part.file_size for part in parts)
    if unpacked > XLSX_MAX_UNPACKED_MB * MB:
        raise _too_large(
            name, f"unpacks to {megabytes(unpacked)}, more than the {XLSX_MAX_UNPACKED_MB} MB an Excel file "
            "may unpack to here", f"at most {XLSX_MAX_UNPACKED_MB} MB unpacked",
        )  # fmt: skip
    for part in parts:
        if part.file_size >= XLSX_RATIO_FROM_BYTES and part.file_size > XLSX_MAX_RATIO * max(part.compress_size, 1):
            ratio = part.file_size // max(part.compress_size, 1)
            raise _too_large(
                name, f"is packed {ratio:,} to 1, far tighter than a real sheet (at most {XLSX_MAX_RATIO} to 1)",
                f"at most {XLSX_MAX_RATIO} to 1 packed",
            )  # fmt: skip


def cell_text(value: Any) -> str:
    """An Excel cell as the text a CSV export would hold: whole numbers without '.0', blanks as ''."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return str(value)
    return str(value)


def read_workbook(
    data: bytes, name: str, limits: FileLimits, budget: ReadBudget
) -> tuple[pd.DataFrame, int]:
    """The first sheet under its first non-blank row as headers, and the spreadsheet row of its first data row.

    Rows, columns and cells are counted as openpyxl hands them over, so a sheet that pads a
    million empty rows or cells is refused at the limit, not after it is read.
    """
    check_workbook(data, name)
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a broken or non-Excel zip
        raise not_an_excel_file(name) from None
    try:
        return _sheet_rows(book, name, limits, budget)
    except DataFileError:
        raise
    except Exception:  # malformed sheet XML surfaces only while the rows are read
        raise not_an_excel_file(name) from None
    finally:
        book.close()


def _sheet_rows(book: Any, name: str, limits: FileLimits, budget: ReadBudget) -> tuple[pd.DataFrame, int]:
    if not book.worksheets:
        raise not_an_excel_file(name)
    sheet = book.worksheets[0]
    # The sheet's stated size can claim 16,384 columns by a million rows; read what the cells hold.
    sheet.reset_dimensions()
    rows: list[list[str]] = []
    leading = blank = cells = 0
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        cells += len(values)
        if cells > XLSX_MAX_CELLS:
            raise _too_large(
                name, f"has more than the {XLSX_MAX_CELLS:,} cells an Excel file may have here",
                f"at most {XLSX_MAX_CELLS:,} cells",
            )  # fmt: skip
        if number % XLSX_CHECK_EVERY == 0:
            budget.check(name)
        row = [cell_text(v) for v in values]
        while row and not row[-1]:
            row.pop()
        if not row:
            # Blank rows are counted, not kept, until a row below holds something: a sheet may
            # claim a million of them above one stray cell.
            leading, blank = (leading + 1, blank) if not rows else (leading, blank + 1)
            continue
        if len(row) > limits.max_columns:
            raise too_many_columns(name, len(row), limits)
        if len(rows) + blank > limits.max_rows:
            raise too_many_rows(name, limits)
        rows.extend([[]] * blank)
        rows.append(row)
        blank = 0
    if not rows:
        return pd.DataFrame(), leading + 2
    width = max(len(r) for r in rows)
    header = rows[0] + [""] * (width - len(rows[0]))
    body = [r + [""] * (width - len(r)) for r in rows[1:]]
    table = pd.DataFrame(body, columns=header, dtype=STRINGS) if body else pd.DataFrame(columns=header)
    return table, leading + 2
