"""From an upload's bytes to the text of its table: encodings, separators, comment lines, binary files."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import BinaryIO

from planner.io.errors import DataFileError, file_label
from planner.io.limits import ANY_TABLE, FileLimits, too_big

Source = str | Path | bytes | BinaryIO

SEPARATORS = (",", ";", "\t")
EXCEL_MAGIC = b"PK\x03\x04"
OLD_EXCEL_MAGIC = b"\xd0\xcf\x11\xe0"


def source_name(source: Source) -> str:
    """What a sentence calls the file: its name, short enough to quote, or 'The file'."""
    if isinstance(source, bytes):
        return "The file"
    name = Path(source).name if isinstance(source, str | Path) else getattr(source, "name", None)
    return file_label(name) if name else "The file"


def read_bytes(source: Source, limits: FileLimits = ANY_TABLE) -> tuple[bytes, str]:
    """The raw bytes of a path, bytes or binary file object (what `st.file_uploader` gives), and a name.

    A file larger than `limits` allows is refused before it is read whole.
    """
    name = source_name(source)
    if isinstance(source, bytes):
        data = source
    elif isinstance(source, str | Path):
        path = Path(source)
        if path.stat().st_size > limits.max_bytes:
            raise too_big(name, path.stat().st_size, limits)
        data = path.read_bytes()
    else:
        # One byte past the limit is enough to know; an upload is not copied whole to find out.
        data = source.read(limits.max_bytes + 1)
        if isinstance(data, str):
            data = data.encode("utf-8")
        if len(data) > limits.max_bytes:
            raise too_big(name, _size(source, len(data)), limits)
    if len(data) > limits.max_bytes:
        raise too_big(name, len(data), limits)
    return data, name


def _size(handle: BinaryIO, read: int) -> int:
    """A file object's whole size, or what was read of it when it cannot seek."""
    try:
        return handle.seek(0, io.SEEK_END)
    except (OSError, AttributeError):
        return read


def named(data: bytes, name: str) -> BinaryIO:
    """Bytes as a file object that keeps its name, so messages still name the file."""
    handle = io.BytesIO(data)
    handle.name = name
    return handle


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


def split_header(header_line: str, separator: str, name: str = "The file") -> list[str]:
    """The header line's cells as the file writes them (quotes removed, spaces kept).

    A cell longer than any heading (Python's CSV reader stops at 131,072 characters) is refused.
    """
    try:
        return next(csv.reader([header_line.rstrip("\r")], delimiter=separator))
    except csv.Error:
        raise DataFileError(
            f"{name} has a column heading over {csv.field_size_limit():,} characters long; check the first "
            "row is the header and export the file again.",
            "not_a_table", file_name=name, row=1, expected="a header row of column headings",
        ) from None


_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")


def first_line(text: str, start: int = 0) -> str:
    """The text's line from `start`, without its line break (read without splitting or copying a 50 MB text)."""
    return _LINE.match(text, start).group().rstrip("\r\n")


def line_end(text: str, start: int = 0) -> int:
    """Where the line from `start` ends, its line break included: where the next line starts."""
    return _LINE.match(text, start).end()


def strip_comment_lines(text: str) -> tuple[str, int]:
    """The text from its header line on, and how many lines above it were skipped.

    Google Analytics exports open with '# ...' lines above the header; Excel may write 'sep=;'
    first; blank lines above the header are skipped too.
    """
    skipped = start = 0
    while start < len(text):
        line = _LINE.match(text, start)
        cell = line.group().strip()
        if cell and not cell.startswith("#") and not cell.lower().startswith("sep="):
            break
        skipped, start = skipped + 1, line.end()
    return text[start:], skipped


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def looks_binary(text: str) -> bool:
    """Whether decoded text is really a binary file (a picture, a PDF): too many control characters."""
    sample = text[:4000]
    return len(_CONTROL.findall(sample)) > len(sample) * 0.02


def refuse_nul(text: str, name: str, first_row: int) -> None:
    """Refuse text holding a NUL character (a zero byte), naming its spreadsheet row.

    Text with a NUL here is not binary by the count above: a stray zero byte from a broken
    export, which spreadsheets and databases cut strings at.
    """
    position = text.find("\x00")
    if position >= 0:
        raise nul_character(name, first_row + len(_LINE_BREAK.findall(text, 0, position)))


def nul_character(name: str, row: int) -> DataFileError:
    """The refusal of a NUL character in `row` (as a spreadsheet numbers it)."""
    return DataFileError(
        f"{name} has a NUL character (a zero byte) in row {row}; export the file again, or open it in a "
        "spreadsheet and save it as CSV.",
        "not_a_table", file_name=name, row=row, expected="text without NUL characters",
    )  # fmt: skip


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def not_a_table(name: str) -> DataFileError:
    """The error for a file that is no CSV or Excel table at all."""
    return DataFileError(
        f"{name} does not look like a CSV or Excel table; upload a .csv or .xlsx export.",
        "not_a_table",
        file_name=name,
        expected="a .csv or .xlsx export",
    )
