"""A CRM contacts export (HubSpot's shape), read fast enough for a million contacts: Arrow, then the cell parser."""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

from planner.columns import CRM_COLUMNS
from planner.io.cells import DATE_FORMATS, parse_dates, parse_numbers
from planner.io.delimited import header_and_width, unreadable
from planner.io.headers import check_columns
from planner.io.limits import LIMITS, MB, too_big, too_many_columns, too_many_rows
from planner.io.records import DataFile
from planner.io.tables import no_rows, read_raw_table
from planner.io.text import (
    EXCEL_MAGIC,
    OLD_EXCEL_MAGIC,
    Source,
    decode,
    detect_encoding,
    first_line,
    looks_binary,
    named,
    not_a_table,
    nul_character,
    read_bytes,
    sniff_separator,
    source_name,
)

# Arrow parses date columns while reading when every cell matches one of these: the cell
# parser's own formats, so a date reads the same whether Arrow or `parse_dates` reads it.
TIMESTAMP_FORMATS = [pacsv.ISO8601, *DATE_FORMATS]


def read_crm_file(source: Source, mapping: Mapping[str, str | None] | None = None) -> DataFile:
    """A CRM contacts export as one row per contact with parsed stage dates, and what was read with care.

    The table's columns: `source`, `lifecycle_stage`, `create_date`, `lead_date`, `mql_date`,
    `sql_date`, `opportunity_date`, `customer_date` (datetime, NaT where the contact never got
    there) and `amount` (NaN where unknown). Dates and amounts that cannot be read are left
    empty and counted in the warnings.
    """
    found: dict[str, str] = {}

    def needed_columns(headers: list[str], name: str) -> list[str]:
        found.update(check_columns(name, headers, CRM_COLUMNS, mapping))
        return list(dict.fromkeys(found.values()))

    text_table, name = _read_large_csv(source, needed_columns)
    warnings: list[str] = []
    contacts: dict[str, object] = {}
    contacts["source"], unknown = _labels(text_table[found["source"]], "Unknown")
    if unknown:
        warnings.append(f"{unknown:,} contact(s) have no source; they are counted as 'Unknown'.")
    contacts["lifecycle_stage"] = (
        text_table[found["lifecycle_stage"]].astype("string") if "lifecycle_stage" in found else pd.NA
    )
    for column in CRM_COLUMNS.values():
        if column.kind != "date":
            continue
        if column.name not in found:
            contacts[column.name] = pd.NaT
            continue
        dates = parse_dates(text_table[found[column.name]])
        if dates.bad_count:
            warnings.append(
                f"{dates.bad_count:,} value(s) in '{found[column.name]}' are not dates and were left empty."
            )
        contacts[column.name] = dates.values
    contacts["amount"] = np.nan
    if "amount" in found:
        amounts = parse_numbers(text_table[found["amount"]])
        if amounts.bad_count:
            warnings.append(f"{amounts.bad_count:,} deal amount(s) are not numbers and were left empty.")
        contacts["amount"] = amounts.values
    # Assigned one by one onto an empty frame, so pandas does not stack (copy) the date columns.
    frame = pd.DataFrame(index=text_table.index)
    for column, values in contacts.items():
        frame[column] = values
    return DataFile(frame, name, tuple(warnings), found)


def read_crm_export(source: Source, mapping: Mapping[str, str | None] | None = None) -> pd.DataFrame:
    """The table of `read_crm_file`: one row per contact with parsed stage dates and amounts."""
    return read_crm_file(source, mapping).table


def _read_large_csv(
    source: Source, needed_columns: Callable[[list[str], str], list[str]]
) -> tuple[pd.DataFrame, str]:
    """The columns a big export needs, read by Arrow's multithreaded CSV reader, and the file's name.

    `needed_columns(headers, file_name)` picks the columns from the header (or raises). A path
    is handed to Arrow as it is, so a million rows are never copied into Python first; Excel
    and non-UTF-8 text take a slower way. The CRM export's limits are checked before each step.
    """
    limits = LIMITS["crm"]
    budget = limits.start()
    name = source_name(source)
    if isinstance(source, str | Path):
        size = Path(source).stat().st_size
        if size > limits.max_bytes:
            raise too_big(name, size, limits)
        head, data = _head(source), None
    else:
        data, name = read_bytes(source, limits)
        head = _head(data)
    if not head[:4096].strip() or head.startswith((EXCEL_MAGIC, OLD_EXCEL_MAGIC)):
        raw = read_raw_table(source if data is None else named(data, name), limits, budget)
        return raw.table[needed_columns(list(raw.table.columns), name)], name
    if detect_encoding(head) != "utf-8":
        # Re-encoded as plain UTF-8 (a BOM dropped) so Arrow reads every export the same way.
        data = decode(data if data is not None else Path(source).read_bytes()).encode("utf-8")
        head = _head(data)
    text_head = head.decode("utf-8", errors="replace")
    if looks_binary(text_head):
        raise not_a_table(name)
    _refuse_nul(source, data, name)
    separator = sniff_separator(first_line(text_head))
    raw_headers, width = header_and_width(text_head, separator, name)
    if len(raw_headers) > limits.max_columns:
        raise too_many_columns(name, len(raw_headers), limits)
    headers = [h.strip() for h in raw_headers]
    wanted = needed_columns(headers, name)
    # Columns by position: a header may repeat among the columns the review does not read.
    positions = [f"c{i}" for i in range(width)]
    try:
        arrow = pacsv.read_csv(
            str(source) if data is None else io.BytesIO(data),
            read_options=pacsv.ReadOptions(column_names=positions, skip_rows=1),
            # A ragged row stops Arrow; the shared reader below then fills short rows and names a long one.
            parse_options=pacsv.ParseOptions(delimiter=separator, invalid_row_handler=lambda _: "error"),
            # Only the columns the review uses: a CRM export often carries dozens more.
            convert_options=pacsv.ConvertOptions(
                include_columns=[positions[headers.index(h)] for h in wanted],
                timestamp_parsers=TIMESTAMP_FORMATS,
                strings_can_be_null=True,
            ),
        )
    except pa.ArrowInvalid:
        raw = read_raw_table(source if data is None else named(data, name), limits, budget)
        return raw.table[wanted], name
    except pa.ArrowException:
        raise unreadable(name) from None
    if arrow.num_rows > limits.max_rows:
        raise too_many_rows(name, limits)
    budget.check(name)
    # Arrow-backed strings: no million Python objects for a million contacts.
    table = arrow.to_pandas(types_mapper={pa.string(): pd.StringDtype("pyarrow")}.get, split_blocks=True)
    if table.empty:
        raise no_rows(name)
    table.columns = wanted
    return table, name


HEAD_BYTES = 200_000


def _head(source: Path | str | bytes) -> bytes:
    """The export's header line whole (a wide export's may pass any fixed size) and what follows, up to 200 KB."""
    if isinstance(source, bytes):
        end = source.find(b"\n")
        return source[: (end if end >= 0 else len(source)) + HEAD_BYTES]
    head = b""
    with open(source, "rb") as handle:
        while chunk := handle.read(HEAD_BYTES):
            head += chunk
            if b"\n" in chunk:
                return head + handle.read(HEAD_BYTES)
    return head


def _refuse_nul(source: Source, data: bytes | None, name: str) -> None:
    """Refuse a NUL character anywhere in the export (the store cannot keep one in a channel name)."""
    if data is not None:
        position = data.find(b"\x00")
        if position >= 0:
            raise nul_character(name, 1 + data.count(b"\n", 0, position))
        return
    lines = 0
    with open(source, "rb") as handle:
        while chunk := handle.read(8 * MB):
            position = chunk.find(b"\x00")
            if position >= 0:
                raise nul_character(name, 1 + lines + chunk.count(b"\n", 0, position))
            lines += chunk.count(b"\n")


def _labels(values: pd.Series, missing: str) -> tuple[pd.Series, int]:
    """Channel labels as a category, trimmed, blanks as `missing`; and how many were blank.

    Works on the categories, not on every row, so a million contacts cost a few milliseconds
    (and a million distinct sources stay linear).
    """
    categorical = values.astype("category")
    names = pd.Series(categorical.cat.categories.astype(str)).str.strip().replace("", missing)
    remap, unique = pd.factorize(pd.concat([names, pd.Series([missing])], ignore_index=True))
    codes = categorical.cat.codes.to_numpy()
    codes = remap[np.where(codes < 0, len(names), codes)]
    labels = pd.Series(pd.Categorical.from_codes(codes, list(unique)), index=values.index)
    return labels, int((codes == remap[len(names)]).sum())
