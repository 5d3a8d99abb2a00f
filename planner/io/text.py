"""From an upload's bytes to the text of its table: encodings, separators, comment lines, binary files."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import BinaryIO

from planner.io.errors import DataFileError

Source = str | Path | bytes | BinaryIO

SEPARATORS = (",", ";", "\t")
EXCEL_MAGIC = b"PK\x03\x04"
OLD_EXCEL_MAGIC = b"\xd0\xcf\x11\xe0"


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


def split_header(header_line: str, separator: str) -> list[str]:
    """The header line's cells as the file writes them (quotes removed, spaces kept)."""
    return next(csv.reader([header_line.rstrip("\r")], delimiter=separator))


_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")


def first_line(text: str) -> str:
    """The text's first line, without its line break (read without splitting a 50 MB text)."""
    return _LINE.match(text).group().rstrip("\r\n")


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


def looks_binary(text: str) -> bool:
    """Whether decoded text is really a binary file (a picture, a PDF): too many control characters."""
    if "\x00" in text:
        return True
    sample = text[:4000]
    control = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\r\n\t")
    return control > len(sample) * 0.02


def not_a_table(name: str) -> DataFileError:
    """The error for a file that is no CSV or Excel table at all."""
    return DataFileError(
        f"{name} does not look like a CSV or Excel table; upload a .csv or .xlsx export.",
        "not_a_table",
        file_name=name,
        expected="a .csv or .xlsx export",
    )
