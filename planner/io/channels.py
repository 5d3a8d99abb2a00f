"""Last year's channel table: spend and volumes per channel (and month), checked row by row."""

from __future__ import annotations

import itertools
from collections.abc import Mapping

import numpy as np
import pandas as pd

from planner.columns import BOFU_COLUMNS, CHANNEL_COLUMNS, COLUMN_LABELS, STAGE_COLUMNS
from planner.io.errors import SHOWN_CHARACTERS
from planner.io.limits import LIMITS
from planner.io.records import DataFile, read_record_file, refuse_duplicates
from planner.io.text import Source

SHOWN_ROWS = 5


def read_channel_file(source: Source, mapping: Mapping[str, str | None] | None = None) -> DataFile:
    """Last year's channel table as canonical columns, checked row by row, with what was read with care.

    The table's columns: `channel`, `month` (only if the file has one, as 'YYYY-MM'), `spend`,
    `sessions`, `leads`, `mqls`, `sqls`, `opportunities`, `customers`, `revenue`, and any
    bottom-of-funnel request columns present. Optional stages the file lacks are NaN. The
    warnings: skipped blank rows, empty cells read as 0, stages larger than the stage above.
    Raises `DataFileError` (a `ValueError`) naming the row and column to fix.
    """
    records = read_record_file(source, CHANNEL_COLUMNS, mapping, limits=LIMITS["channels"])
    table = records.table
    keys = ["channel", "month"] if "month" in table else ["channel"]
    fix = "merge the rows" + ("" if "month" in table else " or add a month column")
    refuse_duplicates(table, keys, fix, records.file_name)
    for column in (*STAGE_COLUMNS, "spend", "revenue"):
        if column not in table:
            table[column] = np.nan
    warnings = (*records.warnings, *stage_order_warnings(table))
    extras = [c for c in BOFU_COLUMNS if c in table]
    table = table[[*keys, "spend", *STAGE_COLUMNS, "revenue", *extras]].reset_index(drop=True)
    return DataFile(table, records.file_name, warnings, records.found)


def read_channel_table(source: Source, mapping: Mapping[str, str | None] | None = None) -> pd.DataFrame:
    """The table of `read_channel_file`: last year's channel table as canonical columns."""
    return read_channel_file(source, mapping).table


def stage_order_warnings(table: pd.DataFrame) -> list[str]:
    """Rows where a stage is larger than the stage above it, which usually means a mis-mapped column."""
    warnings = []
    present = [c for c in STAGE_COLUMNS if c in table and table[c].notna().any()]
    for above, below in itertools.pairwise(present):
        if above == "sessions":
            continue  # a lead can convert without a tracked session
        bad = table[table[below] > table[above]]
        if bad.empty:
            continue
        more = f" and {len(bad) - SHOWN_ROWS:,} more" if len(bad) > SHOWN_ROWS else ""
        warnings.append(
            f"More {COLUMN_LABELS[below]} than {COLUMN_LABELS[above]} in {_where(bad.head(SHOWN_ROWS))}{more}: "
            "this usually means a column is mapped to the wrong stage."
        )
    return warnings


def _where(rows: pd.DataFrame) -> str:
    """'row 3 (Webinars 2025-02), row 9 (Email)': the rows' spreadsheet numbers, channels and months."""
    what = rows["channel"].astype(str).str.slice(0, SHOWN_CHARACTERS)
    if "month" in rows:
        what = (what + " " + rows["month"].fillna("").astype(str)).str.rstrip()
    if "_row" not in rows:
        return ", ".join(what)
    return ", ".join("row " + rows["_row"].astype(str) + " (" + what + ")")
