"""Reading marketers' exports: CSV or Excel, any common encoding and separator, forgiving headers."""

from __future__ import annotations

import csv
import io
import itertools
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import BinaryIO

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

from planner.columns import (
    ACCOUNT_COLUMNS,
    ACCOUNT_NUMBERS,
    BOFU_COLUMNS,
    CHANNEL_COLUMNS,
    COLUMN_LABELS,
    CRM_COLUMNS,
    CTA_COLUMNS,
    JOURNEY_STAGES,
    NPS_COLUMNS,
    STAGE_BY_WORD,
    STAGE_COLUMNS,
    Column,
)
from planner.validation import is_blank

Source = str | Path | bytes | BinaryIO

SEPARATORS = (",", ";", "\t")
# Date formats CRM exports use; Arrow parses columns that match one of them while reading.
TIMESTAMP_FORMATS = [
    pacsv.ISO8601,
    "%Y-%m-%d %H:%M",
    "%m/%d/%Y %H:%M",
    "%m/%d/%Y",
    "%d.%m.%Y",
    "%d.%m.%Y %H:%M",
]
_EXCEL_MAGIC = b"PK\x03\x04"
_OLD_EXCEL_MAGIC = b"\xd0\xcf\x11\xe0"
_NUMBER_JUNK = re.compile(r"[\s$€£₩¥%]|NT\$|US\$|USD|EUR|GBP|KRW|JPY|TWD|\u00a0|'", re.IGNORECASE)


class DataFileError(ValueError):
    """A file that cannot be read as the table it should be; the message says how to fix it."""


class MissingColumnsError(DataFileError):
    """Required columns were not found; the page offers a column-mapping step instead."""

    def __init__(
        self,
        missing: list[str],
        available: list[str],
        file_name: str,
        labels: Mapping[str, str] | None = None,
    ) -> None:
        self.missing, self.available = missing, available
        self.labels = {m: (labels or COLUMN_LABELS).get(m, COLUMN_LABELS.get(m, m)) for m in missing}
        names = ", ".join(f"'{self.labels[m]}'" for m in missing)
        super().__init__(
            f"{file_name} has no column for {names}; rename the column in the file or map it to one of "
            f"the file's columns ({', '.join(available)})."
        )


# ---- bytes, encodings, separators --------------------------------------------------------------


def read_bytes(source: Source) -> tuple[bytes, str]:
    """The raw bytes of a path, bytes or binary file object (what `st.file_uploader` gives), and a name."""
    if isinstance(source, bytes):
        return source, "The file"
    if isinstance(source, str | Path):
        path = Path(source)
        return path.read_bytes(), path.name
    data = source.read()
    if isinstance(data, str):
        data = data.encode("utf-8")
    return data, getattr(source, "name", None) or "The file"


def detect_encoding(data: bytes) -> str:
    """The text encoding of an export: UTF-8 (with or without BOM), UTF-16, CP949 or Windows-1252.

    Without a byte-order mark, valid UTF-8 wins. Otherwise Korean text comes as pairs of high
    bytes, where Windows-1252 accents stand alone between ASCII letters; the share of high
    bytes in such pairs tells the two apart.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    sample = data[:200_000]
    if len(sample) > 1 and sample.count(b"\x00") > len(sample) // 4:
        # UTF-16 without a BOM: every other byte of ASCII text is NUL.
        return "utf-16-le" if sample[1:2] == b"\x00" else "utf-16-be"
    try:
        sample.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        if exc.start >= len(sample) - 3:  # a character cut by the sample's end
            return "utf-8"
    high = paired = position = 0
    while position < len(sample):
        if sample[position] >= 0x80:
            if position + 1 < len(sample) and sample[position + 1] >= 0x80:
                high, paired, position = high + 2, paired + 2, position + 2
                continue
            high += 1
        position += 1
    try:
        sample.decode("cp949")
        korean = paired >= 0.8 * high
    except UnicodeDecodeError:
        korean = False
    return "cp949" if korean else "cp1252"


def decode(data: bytes) -> str:
    """The text of an export in whichever of the supported encodings it uses."""
    encoding = detect_encoding(data)
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def sniff_separator(header_line: str) -> str:
    """The separator of a delimited table: whichever of comma, semicolon or tab its header uses most."""
    return max(SEPARATORS, key=header_line.count)


def _strip_comment_lines(text: str) -> tuple[str, int]:
    # Google Analytics exports open with '# ...' lines above the header; Excel may write 'sep=;' first.
    lines = text.splitlines(keepends=True)
    skipped = 0
    while skipped < len(lines) and (
        not lines[skipped].strip()
        or lines[skipped].lstrip().startswith("#")
        or lines[skipped].strip().lower().startswith("sep=")
    ):
        skipped += 1
    return "".join(lines[skipped:]), skipped


def read_table(source: Source) -> pd.DataFrame:
    """Any CSV, TSV or Excel export as a table of strings with the file's own headers.

    `attrs["file_name"]` names the file and `attrs["first_row"]` is the spreadsheet row number
    of the first data row, so messages can point at rows as a spreadsheet shows them.
    """
    data, name = read_bytes(source)
    if not data.strip():
        raise DataFileError(f"{name} is empty; export the table again and upload the new file.")
    if data.startswith(_OLD_EXCEL_MAGIC):
        raise DataFileError(
            f"{name} is an old-style Excel file (.xls); save it as .xlsx or CSV and upload it."
        )
    if data.startswith(_EXCEL_MAGIC):
        table, first_row = _read_excel(data, name), 2
    else:
        text, skipped = _strip_comment_lines(decode(data))
        if "\x00" in text or _looks_binary(text):
            raise DataFileError(
                f"{name} does not look like a CSV or Excel table; upload a .csv or .xlsx export."
            )
        if not text.strip():
            raise DataFileError(f"{name} has no table in it; export the table again and upload the new file.")
        separator = sniff_separator(text.splitlines()[0])
        try:
            table = pd.read_csv(
                io.StringIO(text), sep=separator, dtype=str, keep_default_na=False, skip_blank_lines=False
            )
        except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
            raise DataFileError(
                f"{name} could not be read as a table ({exc}); check it opens in a spreadsheet."
            ) from None
        first_row = skipped + 2
    table.columns = [str(c).strip() for c in table.columns]
    if table.empty:
        raise DataFileError(f"{name} has a header row but no data rows; export it again with the data.")
    table.attrs.update(file_name=name, first_row=first_row)
    return table


def _read_excel(data: bytes, name: str) -> pd.DataFrame:
    try:
        table = pd.read_excel(io.BytesIO(data), dtype=object, engine="openpyxl")
    except Exception as exc:  # openpyxl raises many kinds for a broken or non-Excel zip
        raise DataFileError(
            f"{name} could not be opened as an Excel file ({type(exc).__name__}); save it again as .xlsx or CSV."
        ) from None
    return table.map(lambda v: "" if is_blank(v) else str(v))


def _looks_binary(text: str) -> bool:
    sample = text[:4000]
    control = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\r\n\t")
    return control > len(sample) * 0.02


# ---- headers and numbers -----------------------------------------------------------------------


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
                    f"The mapping points '{column.label}' at '{chosen}', which the file does not have."
                )
            if chosen is not None:
                found[name] = chosen
            continue
        for synonym in (column.name.replace("_", " "), *column.synonyms):
            if synonym in by_normal and by_normal[synonym] not in found.values():
                found[name] = by_normal[synonym]
                break
    return found


def parse_number(text: str, decimal_comma: bool = False) -> float | None:
    """A number as exports write it ('$1,234.50', '1.234,5', '(300)', '12%'); None for an empty cell."""
    raw = str(text).strip()
    if raw in ("", "-", "—", "–"):
        return None
    negative = raw.startswith("(") and raw.endswith(")")
    cleaned = _NUMBER_JUNK.sub("", raw.strip("()"))
    if decimal_comma:
        # The file writes 1.234,50: dots group thousands, the comma marks decimals.
        cleaned = cleaned.replace(".", "").replace(",", ".")
    elif "," in cleaned and "." in cleaned:
        decimal = "," if cleaned.rfind(",") > cleaned.rfind(".") else "."
        cleaned = cleaned.replace("." if decimal == "," else ",", "").replace(",", ".")
    elif "," in cleaned:
        thousands = re.fullmatch(r"-?\d{1,3}(,\d{3})+", cleaned) and not decimal_comma
        cleaned = cleaned.replace(",", "" if thousands else ".")
    elif re.fullmatch(r"-?\d{1,3}(\.\d{3}){2,}", cleaned):
        cleaned = cleaned.replace(".", "")
    try:
        value = float(cleaned)
    except ValueError:
        raise ValueError(f"{raw!r} is not a number") from None
    if not np.isfinite(value):
        raise ValueError(f"{raw!r} is not a finite number")
    return -value if negative else value


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


def _parse_month(text: str) -> str:
    raw = str(text).strip()
    for pattern in MONTH_FORMATS:
        stamp = pd.to_datetime(raw, errors="coerce", format=pattern)
        if not pd.isna(stamp):
            break
    else:
        stamp = pd.to_datetime(raw, errors="coerce", format="mixed")
    if pd.isna(stamp) or stamp.year < 1990:
        raise ValueError(f"{raw!r} is not a month with its year (use 2025-01 or Jan 2025)")
    return stamp.strftime("%Y-%m")


# ---- any table of canonical columns ------------------------------------------------------------

_TRUE = {"1", "yes", "y", "true", "t", "x", "customer", "oui", "ja", "si", "sí", "예"}
_FALSE = {"", "0", "no", "n", "false", "f", "-", "prospect", "non", "nein", "아니오"}


def _parse_flag(text: str) -> bool:
    raw = str(text).strip().lower()
    if raw in _TRUE:
        return True
    if raw in _FALSE or raw in ("0.0",):
        return False
    if raw == "1.0":
        return True
    raise ValueError(f"{text!r} is not yes or no (use yes/no, true/false or 1/0)")


def _parse_date(text: str) -> pd.Timestamp:
    raw = str(text).strip()
    stamp = pd.to_datetime(raw, errors="coerce", format="ISO8601")
    if pd.isna(stamp):
        stamp = pd.to_datetime(raw, errors="coerce", format="mixed")
    if pd.isna(stamp) or stamp.year < 1990:
        raise ValueError(f"{raw!r} is not a date (use 2025-03-14)")
    return stamp.tz_localize(None) if stamp.tzinfo is not None else stamp


def read_records(
    source: Source,
    spec: Mapping[str, Column],
    mapping: Mapping[str, str | None] | None = None,
    check: Callable[[list[str], str], None] | None = None,
) -> pd.DataFrame:
    """Any export as the canonical columns of `spec`, checked cell by cell; the shared reading step.

    Text is trimmed, months become 'YYYY-MM', dates timestamps, flags booleans, counts and money
    numbers (never negative; an empty cell is 0 and said so). Optional columns the file lacks are
    left out. `_row` holds each row's spreadsheet row number; `attrs` holds `file_name`, `found`
    (canonical column → the file's header) and `warnings`. `check(headers, file_name)` may refuse
    the file before its columns are matched. Raises `DataFileError` naming the row and column to
    fix, or `MissingColumnsError` for required columns the file lacks.
    """
    raw = read_table(source)
    name, first_row = raw.attrs["file_name"], raw.attrs["first_row"]
    if check is not None:
        check(list(raw.columns), name)
    found = match_columns(list(raw.columns), spec, mapping)
    missing = [c for c, col in spec.items() if col.required and c not in found]
    if missing:
        raise MissingColumnsError(missing, list(raw.columns), name, {c: spec[c].label for c in missing})
    decimal_comma = _uses_decimal_comma(raw, found, spec)
    warnings: list[str] = []
    blank = raw.apply(lambda row: all(not str(v).strip() for v in row), axis=1)
    if blank.any():
        warnings.append(f"Skipped {int(blank.sum())} blank row(s).")
    parsers: dict[str, Callable[[str], object]] = {
        "month": _parse_month,
        "date": _parse_date,
        "flag": _parse_flag,
    }
    # Exports repeat the same month or date on many rows: parse each distinct text once.
    seen: dict[tuple[str, str], object] = {}
    records, empty_cells = [], set()
    for position, row in raw[~blank].iterrows():
        line = first_row + int(position)
        record: dict[str, object] = {"_row": line}
        for column in spec.values():
            if column.name not in found:
                continue
            header = found[column.name]
            cell = row[header]
            if column.kind == "text":
                text = str(cell).strip()
                if not text and column.required:
                    raise DataFileError(
                        f"Row {line} has no {column.blank or column.label.lower()}; fill it in or delete the row."
                    )
                record[column.name] = text
            elif column.kind in parsers:
                if not str(cell).strip() and column.kind != "flag":
                    raise DataFileError(
                        f"Row {line}, column '{header}' is empty; fill it in or delete the row."
                    )
                try:
                    key = (column.kind, str(cell))
                    if key not in seen:
                        seen[key] = parsers[column.kind](cell)
                    record[column.name] = seen[key]
                except ValueError as exc:
                    raise DataFileError(f"Row {line}, column '{header}': {exc}.") from None
            else:
                record[column.name] = _cell_number(cell, line, header, column, decimal_comma, empty_cells)
        records.append(record)
    if not records:
        raise DataFileError(f"{name} has a header row but no data rows; export it again with the data.")
    if empty_cells:
        warnings.append(f"Empty cells were read as 0 in: {', '.join(sorted(empty_cells))}.")
    table = pd.DataFrame(records)
    table.attrs.update(warnings=warnings, file_name=name, found=found)
    return table


def _cell_number(
    cell: str, line: int, header: str, column: Column, decimal_comma: bool, empty_cells: set[str]
) -> float:
    try:
        value = parse_number(cell, decimal_comma)
    except ValueError as exc:
        raise DataFileError(
            f"Row {line}, column '{header}': {exc}; fix the cell or map '{column.label}' to another column."
        ) from None
    if value is None:
        if column.kind == "score":
            raise DataFileError(
                f"Row {line}, column '{header}' is empty; fill in the score or delete the row."
            )
        empty_cells.add(header)
        return 0.0
    if value < 0:
        fix = (
            "fix the cell (refunds belong in a separate column)" if column.kind == "money" else "fix the cell"
        )
        raise DataFileError(
            f"Row {line}, column '{header}': {column.label.lower()} cannot be negative ({value:g}); {fix}."
        )
    return value


def _uses_decimal_comma(raw: pd.DataFrame, found: Mapping[str, str], spec: Mapping[str, Column]) -> bool:
    # '12,5' or '1.234,50' anywhere in the number columns means the file writes decimals with a comma.
    numbers = [found[c] for c, col in spec.items() if col.kind in ("count", "money", "score") and c in found]
    cells = pd.concat([raw[c] for c in numbers]) if numbers else pd.Series(dtype=str)
    cleaned = cells.astype(str).str.replace(_NUMBER_JUNK, "", regex=True)
    return bool(cleaned.str.fullmatch(r"-?(\d{1,3}(\.\d{3})+|\d+),\d{1,2}").any())


def refuse_duplicates(table: pd.DataFrame, keys: list[str], fix: str) -> None:
    """Raise naming the first key that appears on more than one row, and the rows, with how to fix it."""
    repeated = table[table.duplicated(keys, keep=False)]
    if repeated.empty:
        return
    first = repeated.iloc[0]
    rows = repeated[(repeated[keys] == first[keys]).all(axis=1)]["_row"].tolist()
    what = f"'{first[keys[0]]}'" + "".join(f" in {first[k]}" for k in keys[1:])
    raise DataFileError(f"{what} appears more than once (rows {', '.join(map(str, rows))}); {fix}.")


# ---- the channel table -------------------------------------------------------------------------


def read_channel_table(source: Source, mapping: Mapping[str, str | None] | None = None) -> pd.DataFrame:
    """Last year's channel table as canonical columns, checked row by row.

    Columns: `channel`, `month` (only if the file has one, as 'YYYY-MM'), `spend`, `sessions`,
    `leads`, `mqls`, `sqls`, `opportunities`, `customers`, `revenue`, and any bottom-of-funnel
    request columns present. Optional stages the file lacks are NaN. `attrs["warnings"]` lists
    what was read with care: skipped blank rows, empty cells read as 0, stages larger than the
    stage above. Raises `DataFileError` (a `ValueError`) naming the row and column to fix.
    """
    table = read_records(source, CHANNEL_COLUMNS, mapping)
    name, warnings = table.attrs["file_name"], list(table.attrs["warnings"])
    keys = ["channel", "month"] if "month" in table else ["channel"]
    refuse_duplicates(table, keys, "merge the rows" + ("" if "month" in table else " or add a month column"))
    for column in (*STAGE_COLUMNS, "spend", "revenue"):
        if column not in table:
            table[column] = np.nan
    warnings += stage_order_warnings(table)
    extras = [c for c in BOFU_COLUMNS if c in table]
    table = table[[*keys, "spend", *STAGE_COLUMNS, "revenue", *extras]].reset_index(drop=True)
    table.attrs.update(warnings=warnings, file_name=name)
    return table


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
        where = ", ".join(
            f"row {r['_row']} ({r['channel']}{' ' + r['month'] if 'month' in r and isinstance(r['month'], str) else ''})"
            if "_row" in r
            else str(r["channel"])
            for _, r in bad.head(5).iterrows()
        )
        more = f" and {len(bad) - 5} more" if len(bad) > 5 else ""
        warnings.append(
            f"More {COLUMN_LABELS[below]} than {COLUMN_LABELS[above]} in {where}{more}: "
            "this usually means a column is mapped to the wrong stage."
        )
    return warnings


# ---- the CRM contacts export -------------------------------------------------------------------


def read_crm_export(source: Source, mapping: Mapping[str, str | None] | None = None) -> pd.DataFrame:
    """A CRM contacts export (HubSpot's shape) as one row per contact with parsed stage dates.

    Columns: `source`, `lifecycle_stage`, `lead_date`, `mql_date`, `sql_date`,
    `opportunity_date`, `customer_date` (datetime, NaT where the contact never got there) and
    `amount` (NaN where unknown). Dates that cannot be read are counted in `attrs["warnings"]`.
    """
    found: dict[str, str] = {}

    def needed_columns(headers: list[str], name: str) -> list[str]:
        found.update(match_columns(headers, CRM_COLUMNS, mapping))
        missing = [c for c, col in CRM_COLUMNS.items() if col.required and c not in found]
        if missing:
            raise MissingColumnsError(missing, headers, name)
        return list(dict.fromkeys(found.values()))

    text_table = _read_large_csv(source, needed_columns)
    name = text_table.attrs["file_name"]
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
        values = text_table[found[column.name]]
        if pd.api.types.is_datetime64_any_dtype(values):
            contacts[column.name] = values.dt.tz_localize(None) if values.dt.tz is not None else values
            continue
        parsed = _parse_dates(values)
        bad = parsed.isna() & values.notna() & (values.astype("string").str.strip() != "")
        if bad.any():
            warnings.append(
                f"{int(bad.sum()):,} value(s) in '{found[column.name]}' are not dates and were left empty."
            )
        contacts[column.name] = parsed
    contacts["amount"] = (
        _parse_amounts(text_table[found["amount"]], warnings) if "amount" in found else np.nan
    )
    # Assigned one by one onto an empty frame, so pandas does not stack (copy) the date columns.
    frame = pd.DataFrame(index=text_table.index)
    for column, values in contacts.items():
        frame[column] = values
    frame.attrs.update(warnings=warnings, file_name=name)
    return frame


def _read_large_csv(source: Source, needed_columns: Callable[[list[str], str], list[str]]) -> pd.DataFrame:
    """The columns a big export needs, read by Arrow's multithreaded CSV reader.

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
    if not head[:4096].strip() or head.startswith((_EXCEL_MAGIC, _OLD_EXCEL_MAGIC)):
        table = read_table(source if data is None else _named(data, name))
        return table[needed_columns(list(table.columns), name)]
    if detect_encoding(head) != "utf-8":
        # Re-encoded as plain UTF-8 (a BOM dropped) so Arrow reads every export the same way.
        data = decode(data if data is not None else Path(source).read_bytes()).encode("utf-8")
        head = data[:200_000]
    header = head.split(b"\n", 1)[0].decode("utf-8", errors="replace")
    if "\x00" in header or _looks_binary(header):
        raise DataFileError(f"{name} does not look like a CSV or Excel table; upload a .csv or .xlsx export.")
    body = str(source) if data is None else io.BytesIO(data)
    separator = sniff_separator(header)
    headers = [h.strip() for h in _raw_headers(header, separator)]
    wanted = needed_columns(headers, name)
    repeated = sorted({h for h in wanted if headers.count(h) > 1})
    if repeated:
        raise DataFileError(
            f"{name} has more than one column named '{repeated[0]}'; rename or remove the extra one."
        )
    try:
        arrow = pacsv.read_csv(
            body,
            parse_options=pacsv.ParseOptions(delimiter=separator),
            # Only the columns the review uses: a CRM export often carries dozens more.
            convert_options=pacsv.ConvertOptions(
                include_columns=[raw for raw in _raw_headers(header, separator) if raw.strip() in wanted],
                timestamp_parsers=TIMESTAMP_FORMATS,
                strings_can_be_null=True,
            ),
        )
    except pa.ArrowException as exc:
        raise DataFileError(
            f"{name} could not be read as a table ({exc}); check it opens in a spreadsheet."
        ) from None
    # Arrow-backed strings: no million Python objects for a million contacts.
    # Arrow-backed strings: no million Python objects for a million contacts.
    table = arrow.to_pandas(types_mapper={pa.string(): pd.StringDtype("pyarrow")}.get, split_blocks=True)
    if table.empty:
        raise DataFileError(f"{name} has a header row but no data rows; export it again with the data.")
    table.columns = [str(c).strip() for c in table.columns]
    table.attrs["file_name"] = name
    return table


def _raw_headers(header: str, separator: str) -> list[str]:
    return next(csv.reader([header.rstrip("\r")], delimiter=separator))


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


def _named(data: bytes, name: str) -> BinaryIO:
    handle = io.BytesIO(data)
    handle.name = name
    return handle


def _parse_dates(values: pd.Series) -> pd.Series:
    text = values.astype("string").str.strip()
    parsed = pd.to_datetime(text, errors="coerce", format="ISO8601", utc=True).dt.tz_localize(None)
    leftover = parsed.isna() & text.notna() & (text != "")
    if leftover.any():
        parsed[leftover] = pd.to_datetime(
            text[leftover], errors="coerce", format="mixed", utc=True
        ).dt.tz_localize(None)
    return parsed


def _parse_amounts(values: pd.Series, warnings: list[str]) -> pd.Series:
    if pd.api.types.is_numeric_dtype(values):
        return values.astype(float)
    text = values.astype("string").str.replace(_NUMBER_JUNK, "", regex=True)
    if text.str.fullmatch(r"-?(\d{1,3}(\.\d{3})+|\d+),\d{1,2}").any():
        text = text.str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
    else:
        text = text.str.replace(",", "", regex=False)
    amounts = pd.to_numeric(text, errors="coerce")
    bad = amounts.isna() & text.notna() & (text != "")
    if bad.any():
        warnings.append(f"{int(bad.sum()):,} deal amount(s) are not numbers and were left empty.")
    return amounts.astype(float)


# ---- account-based marketing: account activity, call-to-action events, NPS answers ------------

# Columns only one kind of ABM file has: a file with another kind's and none of its own was put in the wrong box.
_ABM_SIGNATURES = {
    "account activity": (ACCOUNT_COLUMNS, ("emails_delivered", "engaged_minutes", "content_views", "form_fills",
                                           "demos_scheduled", "deals_won", "customer_at_end"), any),
    "CTA events": (CTA_COLUMNS, ("cta", "stage"), all),
    "NPS answers": (NPS_COLUMNS, ("score",), all),
}  # fmt: skip


def _abm_kind_check(kind: str) -> Callable[[list[str], str], None]:
    def check(headers: list[str], name: str) -> None:
        def looks_like(other: str) -> bool:
            spec, columns, rule = _ABM_SIGNATURES[other]
            found = match_columns(headers, {c: spec[c] for c in columns})
            return rule(c in found for c in columns)

        if looks_like(kind):
            return
        for other in _ABM_SIGNATURES:
            if other != kind and looks_like(other):
                raise DataFileError(
                    f"{name} looks like the {other} file, not the {kind} file; upload it in the {other} box."
                )
        if kind == "account activity":
            raise DataFileError(
                f"{name} has no account activity columns (emails delivered, content views, form fills, demos "
                "scheduled, deals won…); check it is the account activity export."
            )

    return check


def _tier_label(text: str) -> str:
    # '1', '1.0' (Excel), 'T1', 'tier 1' all mean 'Tier 1'; other names ('Strategic') stay as written.
    match = re.fullmatch(r"(?:tier\s*|t)?(\d+)(?:\.0+)?", text.strip(), re.IGNORECASE)
    return f"Tier {int(match.group(1))}" if match else text.strip() or "No tier"


def read_account_activity(source: Source, mapping: Mapping[str, str | None] | None = None) -> pd.DataFrame:
    """Account activity per month: one row per account and month, in the columns of `ACCOUNT_COLUMNS`.

    `tier` is 'Tier 1'… ('No tier' when blank or absent), `owner` 'Unassigned' when blank or
    absent; number columns the file lacks are NaN (their KPIs show as not available), and so are
    the customer flags. An account's tier and owner are its latest month's. `attrs["warnings"]`
    says what was read with care.
    """
    table = read_records(source, ACCOUNT_COLUMNS, mapping, _abm_kind_check("account activity"))
    name, warnings = table.attrs["file_name"], list(table.attrs["warnings"])
    refuse_duplicates(table, ["account", "month"], "merge the rows of that month")
    table["tier"] = table["tier"].map(_tier_label) if "tier" in table else "No tier"
    table["owner"] = table["owner"].replace("", "Unassigned") if "owner" in table else "Unassigned"
    latest = table.sort_values("month").groupby("account")[["tier", "owner"]].last()
    table["tier"] = table["account"].map(latest["tier"])
    table["owner"] = table["account"].map(latest["owner"])
    for column in ACCOUNT_NUMBERS:
        if column not in table:
            table[column] = np.nan
    for column in ("customer_at_start", "customer_at_end"):
        table[column] = table[column].astype(float) if column in table else np.nan
    for above, below in (("emails_delivered", "emails_opened"), ("emails_opened", "emails_clicked")):
        bad = table[table[below] > table[above]]
        if not bad.empty and below == "emails_opened":
            first = bad.iloc[0]
            raise DataFileError(
                f"Row {first['_row']}: {first['account']} has more unique opens than emails delivered in "
                f"{first['month']}; check that the columns are mapped right."
            )
        if not bad.empty:
            warnings.append(
                f"{len(bad)} row(s) have more unique clicks than unique opens (opens hidden by image "
                "blocking); click-to-open rates there exceed 100%."
            )
    columns = ["account", "tier", "owner", "month", *ACCOUNT_NUMBERS, "customer_at_start", "customer_at_end"]
    table = table.sort_values(["account", "month"])[columns].reset_index(drop=True)
    table.attrs.update(warnings=warnings, file_name=name)
    return table


def read_cta_events(source: Source, mapping: Mapping[str, str | None] | None = None) -> pd.DataFrame:
    """Call-to-action results per account: `account`, `month` (if the file has one), `cta`, `stage`
    (one of `JOURNEY_STAGES`), `impressions`, `clicks`, `conversions` and `promotion` (False when
    the file has no such column)."""
    table = read_records(source, CTA_COLUMNS, mapping, _abm_kind_check("CTA events"))
    name = table.attrs["file_name"]
    warnings = list(table.attrs["warnings"])
    stages = []
    for line, text in zip(table["_row"], table["stage"], strict=True):
        stage = STAGE_BY_WORD.get(normalise_header(text))
        if stage is None:
            raise DataFileError(
                f"Row {line}, journey stage '{text}' is not one of {', '.join(JOURNEY_STAGES)}; "
                "rename it in the file."
            )
        stages.append(stage)
    table["stage"] = stages
    for above, below in (("impressions", "clicks"), ("clicks", "conversions")):
        bad = table[table[below] > table[above]]
        if not bad.empty:
            first = bad.iloc[0]
            raise DataFileError(
                f"Row {first['_row']}: '{first['cta']}' has more {below} than {above} for {first['account']}; "
                "check that the columns are mapped right."
            )
    if "promotion" not in table:
        table["promotion"] = False
    columns = ["account", *(["month"] if "month" in table else []), "cta", "stage", "impressions",
               "clicks", "conversions", "promotion"]  # fmt: skip
    table = table[columns].reset_index(drop=True)
    table.attrs.update(file_name=name, warnings=warnings)
    return table


def read_nps_responses(source: Source, mapping: Mapping[str, str | None] | None = None) -> pd.DataFrame:
    """NPS survey answers: `account`, `date` and `score`, a whole number from 0 to 10."""
    table = read_records(source, NPS_COLUMNS, mapping, _abm_kind_check("NPS answers"))
    name, warnings = table.attrs["file_name"], list(table.attrs["warnings"])
    header = table.attrs["found"]["score"]
    bad = table[(table["score"] > 10) | (table["score"] % 1 != 0)]
    if not bad.empty:
        first = bad.iloc[0]
        raise DataFileError(
            f"Row {first['_row']}, column '{header}': {first['score']:g} is not an NPS score; "
            "scores are whole numbers from 0 to 10."
        )
    table = table[["account", "date", "score"]].sort_values(["account", "date"]).reset_index(drop=True)
    table.attrs.update(file_name=name, warnings=warnings)
    return table
