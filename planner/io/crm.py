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
from planner.io.errors import DataFileError, MissingColumnsError
from planner.io.tables import DataFile, match_columns_of, no_rows, read_raw_table, unreadable
from planner.io.text import (
    EXCEL_MAGIC,
    OLD_EXCEL_MAGIC,
    Source,
    decode,
    detect_encoding,
    looks_binary,
    named,
    not_a_table,
    read_bytes,
    sniff_separator,
    split_header,
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
        found.update(match_columns_of(name, headers, CRM_COLUMNS, mapping))
        missing = [c for c, col in CRM_COLUMNS.items() if col.required and c not in found]
        if missing:
            raise MissingColumnsError(missing, headers, name)
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
    and non-UTF-8 text take a slower way.
    """
    if isinstance(source, str | Path):
        name = Path(source).name
        with open(source, "rb") as handle:
            head = handle.read(200_000)
        data = None
    else:
        data, name = read_bytes(source)
        head = data[:200_000]
    if not head[:4096].strip() or head.startswith((EXCEL_MAGIC, OLD_EXCEL_MAGIC)):
        table = read_raw_table(source if data is None else named(data, name)).table
        return table[needed_columns(list(table.columns), name)], name
    if detect_encoding(head) != "utf-8":
        # Re-encoded as plain UTF-8 (a BOM dropped) so Arrow reads every export the same way.
        data = decode(data if data is not None else Path(source).read_bytes()).encode("utf-8")
        head = data[:200_000]
    header = head.split(b"\n", 1)[0].decode("utf-8", errors="replace")
    if looks_binary(header):
        raise not_a_table(name)
    body = str(source) if data is None else io.BytesIO(data)
    separator = sniff_separator(header)
    raw_headers = split_header(header, separator)
    headers = [h.strip() for h in raw_headers]
    wanted = needed_columns(headers, name)
    repeated = sorted({h for h in wanted if headers.count(h) > 1})
    if repeated:
        raise DataFileError(
            f"{name} has more than one column named '{repeated[0]}'; rename or remove the extra one.",
            "repeated_column", file_name=name, column=repeated[0],
        )  # fmt: skip
    try:
        arrow = pacsv.read_csv(
            body,
            parse_options=pacsv.ParseOptions(delimiter=separator),
            # Only the columns the review uses: a CRM export often carries dozens more.
            convert_options=pacsv.ConvertOptions(
                include_columns=[raw for raw in raw_headers if raw.strip() in wanted],
                timestamp_parsers=TIMESTAMP_FORMATS,
                strings_can_be_null=True,
            ),
        )
    except pa.ArrowException as exc:
        raise unreadable(name, str(exc)) from None
    # Arrow-backed strings: no million Python objects for a million contacts.
    table = arrow.to_pandas(types_mapper={pa.string(): pd.StringDtype("pyarrow")}.get, split_blocks=True)
    if table.empty:
        raise no_rows(name)
    table.columns = [str(c).strip() for c in table.columns]
    return table, name


def _labels(values: pd.Series, missing: str) -> tuple[pd.Series, int]:
    """Channel labels as a category, trimmed, blanks as `missing`; and how many were blank.

    Works on the categories, not on every row, so a million contacts cost a few milliseconds.
    """
    categorical = values.astype("category")
    names = [str(c).strip() or missing for c in categorical.cat.categories] + [missing]
    unique = list(dict.fromkeys(names))
    remap = np.array([unique.index(n) for n in names])
    codes = categorical.cat.codes.to_numpy()
    codes = np.where(codes < 0, len(names) - 1, codes)
    labels = pd.Series(pd.Categorical.from_codes(remap[codes], unique), index=values.index)
    return labels, int((remap[codes] == unique.index(missing)).sum()) if missing in unique else 0
