"""What is wrong with an export, as facts a page or the command line can word for its own user."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from planner.columns import COLUMN_LABELS

Problem = Literal[
    "empty",  # no bytes, or nothing but comment lines
    "not_a_table",  # a picture, an old .xls, a broken .xlsx, or text no parser can split
    "no_rows",  # a header row and nothing below it
    "missing_columns",  # required columns the headers do not name (the mapping step)
    "unknown_column",  # a mapping that points at a header the file does not have
    "repeated_column",  # two columns with the same header
    "blank_cell",  # a cell that must hold something is empty
    "bad_value",  # a cell that is not the number, month, date, flag or name it should be
    "duplicate_rows",  # the same channel (and month), or account and month, on more than one row
    "inconsistent",  # a later stage larger than the one above it, where that cannot be
    "wrong_file",  # another kind of export than the one asked for
    "too_large",  # beyond a stated limit: size, rows, columns, an Excel file's unpacked size, the time budget
    "broken_row",  # a row with more cells than the header, or a quote that is never closed
]


# A sentence stays readable, under about 300 characters, whatever the file holds: a file's own
# text (a name, a header, a cell) is cut to this many characters, and lists name a few.
SHOWN_CHARACTERS = 40
SHOWN_NAMES = 6


def shown(text: str, width: int = SHOWN_CHARACTERS) -> str:
    """A file's own text as a sentence quotes it: one line, at most `width` characters ('Very long…')."""
    line = " ".join(str(text).split())
    return line if len(line) <= width else line[: width - 1].rstrip() + "…"


def file_label(name: str, width: int = 60) -> str:
    """A file name short enough for a sentence, its extension kept ('quarterly-export-…2025.csv')."""
    name = " ".join(str(name).split())
    if len(name) <= width:
        return name
    tail = name[-12:]
    return name[: width - len(tail) - 1] + "…" + tail


def some_of(names: list[str], quote: bool = False) -> str:
    """The first few of a list and how many more: "Channel, Spend, Leads and 9,997 more"."""
    picked = [f"'{shown(n)}'" if quote else shown(n) for n in names[:SHOWN_NAMES]]
    more = len(names) - len(picked)
    return ", ".join(picked) + (f" and {more:,} more" if more > 0 else "")


class DataFileError(ValueError):
    """A file that cannot be read as the table it should be.

    `str()` is one complete sentence saying how to fix it; the attributes hold the facts behind
    it, so a page or the command line can word the fix for its own user: `problem` (None only
    where a script raised it with a sentence alone), `file_name`,
    `row` (as a spreadsheet numbers it), `column` (the file's own header), `value` (the cell as
    written), `expected` (what should be there) and, for a file of another kind, `looks_like`.
    """

    def __init__(
        self,
        sentence: str,
        problem: Problem | None = None,
        *,
        file_name: str | None = None,
        row: int | None = None,
        column: str | None = None,
        value: str | None = None,
        expected: str | None = None,
        looks_like: str | None = None,
    ) -> None:
        super().__init__(sentence)
        self.problem = problem
        self.file_name, self.row, self.column = file_name, row, column
        self.value, self.expected, self.looks_like = value, expected, looks_like

    def __reduce__(self) -> tuple[Any, ...]:
        # Keyword facts do not survive pickling through `args` alone (a session may be pickled).
        return _restore, (type(self), self.args, self.__dict__)


def _restore(cls: type[DataFileError], args: tuple[Any, ...], facts: dict[str, Any]) -> DataFileError:
    error = cls.__new__(cls)
    error.args = args
    error.__dict__.update(facts)
    return error


class MissingColumnsError(DataFileError):
    """Required columns were not found; the page offers a column-mapping step instead.

    `missing` are canonical column names, `labels` their names for people, `available` the
    file's own headers to choose from.
    """

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
            f"the file's columns ({some_of(available)}).",
            "missing_columns",
            file_name=file_name,
            expected=", ".join(self.labels[m] for m in missing),
        )


class AmbiguousColumnsError(MissingColumnsError):
    """Two of a file's columns mean one of ours ('Cost' and 'Spend'): the page asks which to use.

    `candidates` maps each such canonical column to the file's headers that could hold it;
    `missing` lists those columns first, then any required column the file lacks, so one
    mapping step settles both.
    """

    def __init__(
        self,
        candidates: Mapping[str, list[str]],
        available: list[str],
        file_name: str,
        labels: Mapping[str, str] | None = None,
        missing: list[str] | None = None,
    ) -> None:
        super().__init__([*candidates, *(missing or [])], available, file_name, labels)
        self.candidates = {c: list(headers) for c, headers in candidates.items()}
        first = next(iter(self.candidates))
        headers = self.candidates[first]
        named = " and ".join(f"'{shown(h)}'" for h in headers) if len(headers) == 2 else some_of(headers, True)
        self.args = (
            f"{file_name} has {len(headers)} columns that could be '{self.labels[first]}' ({named}); choose the "
            "one to use, or delete or rename the others in the file.",
        )
        self.problem, self.column = "repeated_column", self.candidates[first][0]
