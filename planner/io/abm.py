"""The account-based marketing files: account activity per month, call-to-action events, NPS answers."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Literal

import numpy as np
import pandas as pd

from planner.columns import (
    ACCOUNT_COLUMNS,
    ACCOUNT_NUMBERS,
    CTA_COLUMNS,
    JOURNEY_STAGES,
    NPS_COLUMNS,
    STAGE_BY_WORD,
)
from planner.io.errors import DataFileError, shown
from planner.io.headers import match_columns, normalise_header
from planner.io.limits import LIMITS
from planner.io.records import DataFile, read_record_file, refuse_duplicates
from planner.io.text import Source

AbmFile = Literal["accounts", "cta", "nps"]
# What each ABM file is called in a sentence ("the NPS answers file").
ABM_FILES: dict[AbmFile, str] = {"accounts": "account activity", "cta": "CTA events", "nps": "NPS answers"}
# Columns only one kind of ABM file has: a file with another kind's and none of its own was put in the wrong box.
_SIGNATURES: dict[AbmFile, tuple[Mapping, tuple[str, ...], Callable]] = {
    "accounts": (ACCOUNT_COLUMNS, ("emails_delivered", "engaged_minutes", "content_views", "form_fills",
                                   "demos_scheduled", "deals_won", "customer_at_end"), any),
    "cta": (CTA_COLUMNS, ("cta", "stage"), all),
    "nps": (NPS_COLUMNS, ("score",), all),
}  # fmt: skip


class WrongFileError(DataFileError):
    """An ABM file of another kind than the one asked for: `looks_like` is the kind it is, `expected` the one wanted.

    The default sentence says to upload it in the right box; the command line names its option instead.
    """

    def __init__(self, file_name: str, looks_like: AbmFile, expected: AbmFile) -> None:
        super().__init__(
            f"{file_name} looks like the {ABM_FILES[looks_like]} file, not the {ABM_FILES[expected]} file; "
            f"upload it in the {ABM_FILES[looks_like]} box.",
            "wrong_file", file_name=file_name, expected=expected, looks_like=looks_like,
        )  # fmt: skip

    def sentence(self, fix: str) -> str:
        """The same diagnosis with another fix: `sentence("give it with --abm-nps")`."""
        return (
            f"{self.file_name} looks like the {ABM_FILES[self.looks_like]} file, "
            f"not the {ABM_FILES[self.expected]} file; {fix}."
        )


def _kind_check(kind: AbmFile) -> Callable[[list[str], str], None]:
    def check(headers: list[str], name: str) -> None:
        def looks_like(other: AbmFile) -> bool:
            spec, columns, rule = _SIGNATURES[other]
            found = match_columns(headers, {c: spec[c] for c in columns})
            return rule(c in found for c in columns)

        if looks_like(kind):
            return
        for other in _SIGNATURES:
            if other != kind and looks_like(other):
                raise WrongFileError(name, other, kind)
        if kind == "accounts":
            raise DataFileError(
                f"{name} has no account activity columns (emails delivered, content views, form fills, demos "
                "scheduled, deals won…); check it is the account activity export.",
                "missing_columns", file_name=name, expected="account activity columns",
            )  # fmt: skip

    return check


def _tier_label(text: str) -> str:
    # '1', '1.0' (Excel), 'T1', 'tier 1' all mean 'Tier 1'; other names ('Strategic') stay as written.
    match = re.fullmatch(r"(?:tier\s*|t)?(\d+)(?:\.0+)?", text.strip(), re.IGNORECASE)
    return f"Tier {int(match.group(1))}" if match else text.strip() or "No tier"


def _tier_labels(tiers: pd.Series) -> pd.Series:
    """Each row's tier label, worked out once per distinct tier (a file has a handful, not a million)."""
    codes, uniques = pd.factorize(tiers)
    labels = np.array([_tier_label(str(t)) for t in uniques], dtype=object)
    return pd.Series(labels[codes], index=tiers.index)


def read_accounts_file(source: Source, mapping: Mapping[str, str | None] | None = None) -> DataFile:
    """Account activity per month: one row per account and month, in the columns of `ACCOUNT_COLUMNS`.

    `tier` is 'Tier 1'… ('No tier' when blank or absent), `owner` 'Unassigned' when blank or
    absent; number columns the file lacks are NaN (their KPIs show as not available), and so are
    the customer flags. An account's tier and owner are its latest month's. The warnings say
    what was read with care.
    """
    records = read_record_file(source, ACCOUNT_COLUMNS, mapping, _kind_check("accounts"), LIMITS["accounts"])
    table, name, warnings = records.table, records.file_name, list(records.warnings)
    refuse_duplicates(table, ["account", "month"], "merge the rows of that month", name)
    # One sort by account and month serves both the latest month's tier and owner and the table's order.
    accounts, _ = pd.factorize(table["account"], sort=True)
    order = np.lexsort((pd.factorize(table["month"], sort=True)[0], accounts))
    last = order[np.r_[accounts[order][1:] != accounts[order][:-1], True]]
    latest = np.empty(accounts.max() + 1, dtype=np.intp)
    latest[accounts[last]] = last
    tiers = _tier_labels(table["tier"]) if "tier" in table else pd.Series("No tier", index=table.index)
    owners = table["owner"].replace("", "Unassigned") if "owner" in table else pd.Series("Unassigned", index=table.index)
    table["tier"] = tiers.to_numpy()[latest[accounts]]
    table["owner"] = owners.to_numpy()[latest[accounts]]
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
                f"Row {first['_row']}: {shown(first['account'])} has more unique opens than emails delivered in "
                f"{first['month']}; check that the columns are mapped right.",
                "inconsistent", file_name=name, row=int(first["_row"]), column=records.found[below],
                value=f"{first[below]:g}", expected=f"at most {first[above]:g}",
            )  # fmt: skip
        if not bad.empty:
            warnings.append(
                f"{len(bad)} row(s) have more unique clicks than unique opens (opens hidden by image "
                "blocking); click-to-open rates there exceed 100%."
            )
    columns = ["account", "tier", "owner", "month", *ACCOUNT_NUMBERS, "customer_at_start", "customer_at_end"]
    table = table[columns].iloc[order].reset_index(drop=True)
    return DataFile(table, name, tuple(warnings), records.found)


def read_cta_file(source: Source, mapping: Mapping[str, str | None] | None = None) -> DataFile:
    """Call-to-action results per account: `account`, `month` (if the file has one), `cta`, `stage`
    (one of `JOURNEY_STAGES`), `impressions`, `clicks`, `conversions` and `promotion` (False when
    the file has no such column)."""
    records = read_record_file(source, CTA_COLUMNS, mapping, _kind_check("cta"), LIMITS["cta"])
    table, name = records.table, records.file_name
    # Each distinct stage word is looked up once; a million rows share a handful of them.
    codes, words = pd.factorize(table["stage"])
    known = np.array([STAGE_BY_WORD.get(normalise_header(w)) for w in words] + [None], dtype=object)
    stages = pd.Series(known[codes], index=table.index)
    if stages.isna().any():
        first = table[stages.isna()].iloc[0]
        raise DataFileError(
            f"Row {first['_row']}, journey stage '{shown(first['stage'])}' is not one of {', '.join(JOURNEY_STAGES)}; "
            "rename it in the file.",
            "bad_value", file_name=name, row=int(first["_row"]), column=records.found["stage"],
            value=first["stage"], expected=f"one of {', '.join(JOURNEY_STAGES)}",
        )  # fmt: skip
    table["stage"] = stages
    for above, below in (("impressions", "clicks"), ("clicks", "conversions")):
        bad = table[table[below] > table[above]]
        if not bad.empty:
            first = bad.iloc[0]
            raise DataFileError(
                f"Row {first['_row']}: '{shown(first['cta'])}' has more {below} than {above} for "
                f"{shown(first['account'])}; "
                "check that the columns are mapped right.",
                "inconsistent", file_name=name, row=int(first["_row"]), column=records.found[below],
                value=f"{first[below]:g}", expected=f"at most {first[above]:g}",
            )  # fmt: skip
    if "promotion" not in table:
        table["promotion"] = False
    columns = ["account", *(["month"] if "month" in table else []), "cta", "stage", "impressions",
               "clicks", "conversions", "promotion"]  # fmt: skip
    return DataFile(table[columns].reset_index(drop=True), name, records.warnings, records.found)


def read_nps_file(source: Source, mapping: Mapping[str, str | None] | None = None) -> DataFile:
    """NPS survey answers: `account`, `date` and `score`, a whole number from 0 to 10."""
    records = read_record_file(source, NPS_COLUMNS, mapping, _kind_check("nps"), LIMITS["nps"])
    table, name, header = records.table, records.file_name, records.found["score"]
    bad = table[(table["score"] > 10) | (table["score"] % 1 != 0)]
    if not bad.empty:
        first = bad.iloc[0]
        raise DataFileError(
            f"Row {first['_row']}, column '{header}': {first['score']:g} is not an NPS score; "
            "scores are whole numbers from 0 to 10.",
            "bad_value", file_name=name, row=int(first["_row"]), column=header, value=f"{first['score']:g}",
            expected="a whole number from 0 to 10",
        )  # fmt: skip
    table = table[["account", "date", "score"]].sort_values(["account", "date"]).reset_index(drop=True)
    return DataFile(table, name, records.warnings, records.found)


def read_account_activity(source: Source, mapping: Mapping[str, str | None] | None = None) -> pd.DataFrame:
    """The table of `read_accounts_file`: account activity per month."""
    return read_accounts_file(source, mapping).table


def read_cta_events(source: Source, mapping: Mapping[str, str | None] | None = None) -> pd.DataFrame:
    """The table of `read_cta_file`: call-to-action results per account."""
    return read_cta_file(source, mapping).table


def read_nps_responses(source: Source, mapping: Mapping[str, str | None] | None = None) -> pd.DataFrame:
    """The table of `read_nps_file`: NPS survey answers."""
    return read_nps_file(source, mapping).table
