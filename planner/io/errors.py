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
]


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
            f"the file's columns ({', '.join(available)}).",
            "missing_columns",
            file_name=file_name,
            expected=", ".join(self.labels[m] for m in missing),
        )
