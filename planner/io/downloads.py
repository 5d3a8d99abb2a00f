"""Downloads: tables as CSV and Excel files in which no cell can run as a formula, and their file names."""

from __future__ import annotations

import io
import re

import pandas as pd
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

# OWASP "CSV injection": a spreadsheet runs a cell starting with these as a formula (or DDE call).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
EXCEL_MAX_SHEET_NAME = 31


def file_slug(name: str, fallback: str = "plan") -> str:
    """A file name stem from a plan's name: words in lower case joined by hyphens, any script kept.

    "FY2027 Plan!" gives "fy2027-plan" and "2027 마케팅 계획" gives "2027-마케팅-계획", so a
    Korean or Chinese plan never downloads as a bare "plan".
    """
    slug = re.sub(r"[\W_]+", "-", name.lower()).strip("-")[:60].strip("-")
    return slug or fallback


def is_formula_like(value: object) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """The table with every text cell a spreadsheet would run as a formula prefixed with `'`.

    Numbers stay numbers (a negative gap is data, not a formula); only text is touched, and
    column names too, since they become the header row.
    """
    safe = frame.copy()
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(lambda v: f"'{v}" if is_formula_like(v) else v)
    safe.columns = [f"'{c}" if is_formula_like(c) else c for c in safe.columns]
    return safe


def table_csv(frame: pd.DataFrame) -> bytes:
    """The table as UTF-8 CSV with a byte-order mark, so Excel opens accents and € correctly.

    Rows end in CRLF (RFC 4180), which also makes the writer quote a cell holding a lone CR.
    """
    return neutralise_formulas(frame).to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def table_xlsx(frame: pd.DataFrame, sheet: str = "Table") -> bytes:
    """The table as an Excel workbook; text cells are stored as text, never as formulas."""
    book = Workbook()
    ws = book.active
    ws.title = _sheet_name(sheet)
    ws.append([str(c) for c in frame.columns])
    for row in frame.itertuples(index=False):
        ws.append([_excel_value(v) for v in row])
    for cells in ws.iter_rows():
        for cell in cells:
            if isinstance(cell.value, str):
                # openpyxl stores any string starting with "=" as a formula unless told it is text.
                cell.data_type = "s"
                cell.quotePrefix = is_formula_like(cell.value)
    for index, column in enumerate(frame.columns, start=1):
        longest = max([len(str(column)), *(len(str(v)) for v in frame[column].head(200))])
        ws.column_dimensions[get_column_letter(index)].width = min(max(10, longest + 2), 60)
    ws.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _excel_value(value: object) -> object:
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return None
    if hasattr(value, "item"):
        return value.item()
    return value


def _sheet_name(name: str) -> str:
    cleaned = "".join(" " if ch in "[]:*?/\\" else ch for ch in name).strip() or "Table"
    return cleaned[:EXCEL_MAX_SHEET_NAME]
