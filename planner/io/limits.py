"""The stated limits on every file the planner reads, the read's time budget, and the sentences that name them."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Literal

from planner.io.errors import DataFileError

# The plausible ranges of the numbers inside a file (amounts, rates, years) are the domain's, in
# planner.validation, so the plan model checks the same ranges where a user types them.
# Megabytes as Streamlit counts them for `server.maxUploadSize` and `max_upload_size`.
MB = 1024 * 1024
FileKind = Literal["channels", "crm", "accounts", "cta", "nps"]


@dataclass(frozen=True)
class FileLimits:
    """What one kind of export may hold, and how long reading it may take.

    `what` names the kind in a sentence ("the channel table"); `max_mb` is the upload size,
    `max_rows` the data rows below the header, `max_columns` the header's columns, `seconds`
    the time budget of one read.
    """

    what: str
    max_mb: int
    max_rows: int
    max_columns: int
    seconds: float = 30.0

    @property
    def max_bytes(self) -> int:
        return self.max_mb * MB

    def caption(self) -> str:
        """The limits as the upload box states them."""
        return (
            f"Up to {self.max_mb} MB, {self.max_rows:,} rows and {self.max_columns:,} columns "
            f"(Excel: up to {XLSX_MAX_UNPACKED_MB} MB unpacked)."
        )

    def start(self) -> ReadBudget:
        """The clock of one read of a file of this kind, started now."""
        return ReadBudget(self, time.monotonic() + self.seconds)


LIMITS: dict[FileKind, FileLimits] = {
    # A year of channels by month is a few hundred rows; 50 MB leaves room for exports by campaign or day.
    "channels": FileLimits("the channel table", 50, 1_000_000, 1_000),
    # A million contacts with the review's columns is about 65 MB; HubSpot exports carry hundreds of properties.
    "crm": FileLimits("a CRM export", 150, 2_000_000, 2_000),
    "accounts": FileLimits("the account activity file", 50, 1_000_000, 1_000),
    "cta": FileLimits("the CTA events file", 50, 1_000_000, 1_000),
    "nps": FileLimits("the NPS answers file", 30, 1_000_000, 1_000),
}
# Any table a script reads without saying its kind takes the channel table's limits.
ANY_TABLE = FileLimits("a table", 50, 1_000_000, 1_000)
# Streamlit refuses larger uploads before the app sees them (.streamlit/config.toml says the same).
LARGEST_UPLOAD_MB = max(limits.max_mb for limits in LIMITS.values())

# An .xlsx is a zip: its directory says what it unpacks to before anything is unpacked. openpyxl
# reads about 100,000 cells a second and holds each as a Python object, so Excel gets less room
# than CSV; a zip bomb packs a gigabyte of sheet into a megabyte (ratios above 1,000 to 1).
XLSX_MAX_UNPACKED_MB = 20
XLSX_MAX_ENTRIES = 500
XLSX_MAX_RATIO = 100  # for each part of 1 MB or more unpacked: a real sheet packs 5 to 15 to 1
XLSX_RATIO_FROM_BYTES = MB
XLSX_MAX_CELLS = 1_000_000
# openpyxl pads each row to its last cell, so the budget is checked every so many rows.
XLSX_CHECK_EVERY = 1_000

# A plan file is a few tens of kilobytes; nothing a plan holds nests deeper than about ten levels
# or needs a number longer than the 14 digits of ten trillion.
PLAN_FILE_MAX_MB = 5
PLAN_FILE_MAX_DEPTH = 32
PLAN_FILE_MAX_DIGITS = 20
PLAN_FILE_CAPTION = f"A JSON plan file, up to {PLAN_FILE_MAX_MB} MB."

@dataclass(frozen=True)
class ReadBudget:
    """The deadline of one read, checked between its steps (a C parser cannot be stopped mid-way)."""

    limits: FileLimits
    deadline: float

    def check(self, file_name: str) -> None:
        """Refuse the file if its read has run past the budget."""
        if time.monotonic() > self.deadline:
            raise DataFileError(
                f"{file_name} took longer than the {self.limits.seconds:g} seconds a read may take here; "
                "split it into smaller files or save it as CSV without unused columns.",
                "too_large", file_name=file_name, expected=f"a read within {self.limits.seconds:g} seconds",
            )  # fmt: skip


def megabytes(size: int) -> str:
    """A file size as the refusal says it: '62 MB', '0.4 MB'."""
    value = size / MB
    return f"{value:,.0f} MB" if value >= 10 else f"{value:.1f} MB"


def too_big(file_name: str, size: int, limits: FileLimits) -> DataFileError:
    """The refusal of a file larger than its kind's upload limit."""
    return DataFileError(
        f"{file_name} is {megabytes(size)}, more than the {limits.max_mb} MB {limits.what} may be; "
        "export fewer columns or a shorter period and upload that.",
        "too_large", file_name=file_name, expected=f"at most {limits.max_mb} MB",
    )  # fmt: skip


def too_many_rows(file_name: str, limits: FileLimits) -> DataFileError:
    return DataFileError(
        f"{file_name} has more than the {limits.max_rows:,} rows {limits.what} may have; "
        "export a shorter period and upload that.",
        "too_large", file_name=file_name, expected=f"at most {limits.max_rows:,} rows",
    )  # fmt: skip


def too_many_columns(file_name: str, columns: int, limits: FileLimits) -> DataFileError:
    return DataFileError(
        f"{file_name} has {columns:,} columns, more than the {limits.max_columns:,} {limits.what} may have; "
        "export only the columns the planner reads.",
        "too_large", file_name=file_name, expected=f"at most {limits.max_columns:,} columns",
    )  # fmt: skip
