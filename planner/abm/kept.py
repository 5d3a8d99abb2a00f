"""The ABM files as a plan keeps them: account months, CTA results and NPS answers per month, enough for the report."""

from __future__ import annotations

from datetime import datetime

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from planner.columns import ACCOUNT_NUMBERS
from planner.fiscal import as_utc
from planner.validation import is_blank

# A plan is saved on every change, so what it keeps stays small: a year of a few thousand
# named accounts fits; a larger programme is better reviewed from its files each session.
MAX_ROWS = 60_000
Cell = str | float | bool | None

ACCOUNT_KEPT = ("account", "tier", "owner", "month", *ACCOUNT_NUMBERS, "customer_at_start", "customer_at_end")
CTA_KEYS = ("account", "month", "cta", "stage", "promotion")
CTA_COUNTS = ("impressions", "clicks", "conversions")


class KeptTable(BaseModel):
    """One file's rows as columns of plain values (None where a cell is empty), with its name and notes."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    file_name: str = Field(min_length=1, max_length=255)
    columns: dict[str, list[Cell]]
    warnings: tuple[str, ...] = Field((), max_length=20)

    @model_validator(mode="after")
    def _rectangular(self) -> KeptTable:
        lengths = {len(values) for values in self.columns.values()}
        if len(lengths) > 1:
            raise ValueError(f"{self.file_name}: every column must have one value per row.")
        if lengths and lengths.pop() > MAX_ROWS:
            raise ValueError(
                f"{self.file_name} has more than {MAX_ROWS:,} rows, more than a plan keeps; "
                "sum it by account and month, or filter to the programme's accounts."
            )
        return self

    def frame(self) -> pd.DataFrame:
        """The rows as a table, empty cells as NaN."""
        return pd.DataFrame({name: pd.Series(values, dtype=object) for name, values in self.columns.items()})


def _keep(table: pd.DataFrame, columns: tuple[str, ...], file_name: str, warnings: tuple[str, ...]) -> KeptTable:
    present = [c for c in columns if c in table]
    return KeptTable(
        file_name=file_name,
        columns={c: [None if is_blank(v) else (v.item() if hasattr(v, "item") else v) for v in table[c]] for c in present},
        warnings=warnings[:20],
    )


def keep_accounts(table: pd.DataFrame, file_name: str, warnings: tuple[str, ...] = ()) -> KeptTable:
    """Account activity as the plan keeps it: already one row per account and month."""
    return _keep(table, ACCOUNT_KEPT, file_name, warnings)


def keep_cta(table: pd.DataFrame, file_name: str, warnings: tuple[str, ...] = ()) -> KeptTable:
    """CTA results summed per account, month, CTA, journey stage and promotion flag."""
    keys = [c for c in CTA_KEYS if c in table]
    summed = table.groupby(keys, sort=False, dropna=False)[list(CTA_COUNTS)].sum().reset_index()
    return _keep(summed, (*CTA_KEYS, *CTA_COUNTS), file_name, warnings)


def keep_nps(table: pd.DataFrame, file_name: str, warnings: tuple[str, ...] = ()) -> KeptTable:
    """NPS answers counted per account, month and score: the report reads answers by the month."""
    answers = table.assign(month=table["date"].dt.strftime("%Y-%m"))
    counted = answers.groupby(["account", "month", "score"], sort=True).size().rename("answers").reset_index()
    return _keep(counted, ("account", "month", "score", "answers"), file_name, warnings)


class AbmFiles(BaseModel):
    """The ABM files a plan holds, so a reload, a colleague's link and the deck see what was loaded."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    loaded_at: datetime = Field(description="When the last of the files was loaded.")
    accounts: KeptTable | None = None
    cta: KeptTable | None = None
    nps: KeptTable | None = None

    @field_validator("loaded_at")
    @classmethod
    def _aware(cls, moment: datetime) -> datetime:
        return as_utc(moment)

    def accounts_table(self) -> pd.DataFrame | None:
        """Account activity as `read_account_activity` returns it; None until that file is loaded."""
        if self.accounts is None:
            return None
        table = self.accounts.frame()
        for column in ("account", "tier", "owner", "month"):
            table[column] = table[column].astype("string")
        numbers = [c for c in table.columns if c not in ("account", "tier", "owner", "month")]
        table[numbers] = table[numbers].astype(float)
        return table

    def cta_table(self) -> pd.DataFrame | None:
        """CTA results as `read_cta_events` returns them (summed where rows shared their keys)."""
        if self.cta is None:
            return None
        table = self.cta.frame()
        for column in ("account", "month", "cta", "stage"):
            if column in table:
                table[column] = table[column].astype("string")
        table[list(CTA_COUNTS)] = table[list(CTA_COUNTS)].astype(float)
        table["promotion"] = table["promotion"].astype(bool)
        return table

    def nps_table(self) -> pd.DataFrame | None:
        """NPS answers as `read_nps_responses` returns them, each dated the first day of its month."""
        if self.nps is None:
            return None
        counted = self.nps.frame()
        answers = counted.loc[counted.index.repeat(counted["answers"].astype(int))]
        return pd.DataFrame(
            {
                "account": answers["account"].astype("string").to_numpy(),
                "date": pd.to_datetime(answers["month"].astype(str) + "-01").to_numpy(),
                "score": answers["score"].astype(float).to_numpy(),
            }
        )

    def file_name(self, kind: str) -> str | None:
        kept = getattr(self, kind)
        return None if kept is None else kept.file_name

    def warnings(self) -> list[str]:
        """What the readers noted about each file, named by file."""
        return [f"{kept.file_name}: {w}" for kept in (self.accounts, self.cta, self.nps) if kept for w in kept.warnings]


def kept_file(kind: str, table: pd.DataFrame, file_name: str, warnings: tuple[str, ...] = ()) -> KeptTable:
    """A freshly read ABM file (`accounts`, `cta` or `nps`) as the plan keeps it."""
    keepers = {"accounts": keep_accounts, "cta": keep_cta, "nps": keep_nps}
    return keepers[kind](table, file_name, warnings)


def with_file(files: AbmFiles | None, kind: str, kept: KeptTable, when: datetime) -> AbmFiles:
    """The plan's ABM files with `kept` in `kind`'s place; the other files stay."""
    if files is None:
        return AbmFiles(loaded_at=when, **{kind: kept})
    return files.model_copy(update={kind: kept, "loaded_at": as_utc(when)})
