"""Which of a file's headers hold our columns: synonyms, the user's mapping, and two columns that mean one."""

from __future__ import annotations

import re
from collections.abc import Mapping

from planner.columns import Column
from planner.io.errors import AmbiguousColumnsError, DataFileError, MissingColumnsError, shown


def normalise_header(header: str) -> str:
    """'  Amount Spent (USD) ' → 'amount spent': lower case, no units in brackets, no punctuation."""
    text = re.sub(r"\(.*?\)|\[.*?\]", " ", str(header).lower())
    return " ".join(re.sub(r"[^0-9a-z가-힣]+", " ", text).split())


def _synonyms(name: str, column: Column) -> tuple[str, ...]:
    return (name.replace("_", " "), *column.synonyms)


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
                    f"The mapping points '{column.label}' at '{shown(chosen)}', which the file does not have.",
                    "unknown_column", column=chosen, expected=column.label,
                )  # fmt: skip
            if chosen is not None:
                found[name] = chosen
            continue
        for synonym in _synonyms(name, column):
            if synonym in by_normal and by_normal[synonym] not in found.values():
                found[name] = by_normal[synonym]
                break
    return found


def match_columns_of(
    file_name: str, headers: list[str], spec: Mapping[str, Column], mapping: Mapping[str, str | None] | None
) -> dict[str, str]:
    """`match_columns` for a named file: a mapping to a header it lacks names the file too."""
    try:
        return match_columns(headers, spec, mapping)
    except DataFileError as exc:
        exc.file_name = file_name
        raise


def refuse_repeated(file_name: str, headers: list[str], found: Mapping[str, str]) -> None:
    """Refuse a file where a header the planner reads appears twice: no mapping can tell the two apart."""
    repeated = [h for h in dict.fromkeys(found.values()) if headers.count(h) > 1]
    if repeated:
        raise DataFileError(
            f"{file_name} has more than one column named '{shown(repeated[0])}'; rename or remove the extra one.",
            "repeated_column", file_name=file_name, column=repeated[0],
        )  # fmt: skip


def check_columns(
    file_name: str,
    headers: list[str],
    spec: Mapping[str, Column],
    mapping: Mapping[str, str | None] | None = None,
) -> dict[str, str]:
    """The headers that hold `spec`'s columns, once none is missing, repeated or doubled by a synonym.

    Raises `DataFileError` for a header the planner reads that appears twice,
    `AmbiguousColumnsError` when two headers mean one column ('Cost' and 'Spend') and the
    mapping does not say which, and `MissingColumnsError` for required columns the file lacks;
    both of the latter ask for the mapping step, for all such columns at once.
    """
    found = match_columns_of(file_name, headers, spec, mapping)
    refuse_repeated(file_name, headers, found)
    normal = [normalise_header(h) for h in headers]
    doubled: dict[str, list[str]] = {}
    for name, column in spec.items():
        if name in (mapping or {}):
            continue
        synonyms = set(_synonyms(name, column))
        candidates = list(dict.fromkeys(h for h, n in zip(headers, normal, strict=True) if n in synonyms))
        if len(candidates) > 1:
            doubled[name] = candidates
    missing = [c for c, col in spec.items() if col.required and c not in found]
    labels = {c: spec[c].label for c in (*doubled, *missing)}
    if doubled:
        raise AmbiguousColumnsError(doubled, headers, file_name, labels, missing)
    if missing:
        raise MissingColumnsError(missing, headers, file_name, labels)
    return found
