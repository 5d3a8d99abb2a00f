"""Last year per channel: the summary (cost per stage, CAC, ROI, shares), the verdict rules and each channel's verdict."""

from __future__ import annotations

import math
from typing import Literal, TypedDict

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field

from planner.columns import BOFU_COLUMNS, COLUMN_LABELS, STAGE_COLUMNS
from planner.money import format_money, format_percent

TOTAL = "Total"
REQUIRED = ("channel", "spend", *STAGE_COLUMNS, "revenue")
# Stage rates: name, numerator, denominator.
RATES = (
    ("lead_rate", "leads", "sessions"),
    ("mql_rate", "mqls", "leads"),
    ("sql_rate", "sqls", "mqls"),
    ("opportunity_rate", "opportunities", "sqls"),
    ("customer_rate", "customers", "opportunities"),
    ("lead_to_customer_rate", "customers", "leads"),
)
# How a column of `channel_summary` reads: a count, an amount, a percent or a ratio (ROAS, 2.5×).
SummaryKind = Literal["count", "money", "percent", "ratio"]
# Column of `channel_summary` → (label, kind).
SUMMARY_COLUMNS: dict[str, tuple[str, SummaryKind]] = {
    "spend": ("Spend", "money"),
    **{c: (COLUMN_LABELS[c], "count") for c in (*STAGE_COLUMNS, *BOFU_COLUMNS)},
    "revenue": ("Revenue", "money"),
    "cost_per_lead": ("Cost per lead", "money"),
    "cost_per_mql": ("Cost per MQL", "money"),
    "cost_per_sql": ("Cost per SQL", "money"),
    "cac": ("CAC", "money"),
    "roi": ("ROI", "percent"),
    "roas": ("ROAS", "ratio"),
    "lead_rate": ("Session → lead", "percent"),
    "mql_rate": ("Lead → MQL", "percent"),
    "sql_rate": ("MQL → SQL", "percent"),
    "opportunity_rate": ("SQL → opportunity", "percent"),
    "customer_rate": ("Opportunity → customer", "percent"),
    "lead_to_customer_rate": ("Lead → customer", "percent"),
    "spend_share": ("Share of spend", "percent"),
    "lead_share": ("Share of leads", "percent"),
    "customer_share": ("Share of customers", "percent"),
}


def _ratio(numerator: pd.Series, denominator: pd.Series) -> pd.Series:
    """numerator / denominator, missing (never inf) where the denominator is 0 or unknown."""
    return numerator.div(denominator.where(denominator > 0))


def channel_summary(table: pd.DataFrame) -> pd.DataFrame:
    """One row per channel plus a 'Total' row: volumes, cost per stage, CAC, ROI, ROAS, rates, shares.

    Per-month rows are summed per channel. Ratios that are undefined (no spend, no customers)
    are missing values. Columns added: `cost_per_lead`, `cost_per_mql`, `cost_per_sql`, `cac`,
    `roi` ((revenue − spend) / spend), `roas`, the stage rates (`lead_rate` … `customer_rate`,
    `lead_to_customer_rate`), `spend_share`, `lead_share`, `customer_share`, `is_total`.
    """
    missing = [c for c in REQUIRED if c not in table]
    if missing:
        raise ValueError(
            f"channel table: missing column(s) {', '.join(missing)}; read it with read_channel_table."
        )
    numeric = ["spend", *STAGE_COLUMNS, "revenue", *[c for c in BOFU_COLUMNS if c in table]]
    per_channel = table.groupby("channel", sort=False)[numeric].sum(min_count=1)
    total = per_channel.sum(min_count=1).rename(TOTAL).to_frame().T
    summary = pd.concat([per_channel, total]).astype(float)
    summary["cost_per_lead"] = _ratio(summary["spend"], summary["leads"])
    summary["cost_per_mql"] = _ratio(summary["spend"], summary["mqls"])
    summary["cost_per_sql"] = _ratio(summary["spend"], summary["sqls"])
    summary["cac"] = _ratio(summary["spend"], summary["customers"])
    summary["roi"] = _ratio(summary["revenue"] - summary["spend"], summary["spend"])
    summary["roas"] = _ratio(summary["revenue"], summary["spend"])
    for name, numerator, denominator in RATES:
        summary[name] = _ratio(summary[numerator], summary[denominator])
    for share, column in (("spend_share", "spend"), ("lead_share", "leads"), ("customer_share", "customers")):
        summary[share] = _ratio(summary[column], pd.Series(summary.loc[TOTAL, column], index=summary.index))
    summary["is_total"] = summary.index == TOTAL
    return summary.rename_axis("channel").reset_index()


def has_spend(summary: pd.DataFrame) -> bool:
    """Whether any channel's spend is known: a CRM export has none, so no CAC, ROI or verdict."""
    return bool(summary["spend"].notna().any())


def reported_columns(summary: pd.DataFrame) -> list[str]:
    """The summary's columns the data fills, in order (`channel` first, the marker column left out)."""
    return [c for c in summary.columns if c != "is_total" and summary[c].notna().any()]


def summary_total(summary: pd.DataFrame) -> pd.Series:
    """The Total row of a `channel_summary`: the whole portfolio's volumes, costs and rates."""
    return summary[summary["is_total"]].iloc[0]


Verdict = Literal["scale", "keep", "fix conversion", "cut", "no spend data"]


class Judgement(TypedDict):
    """One channel's verdict and the sentence that says why."""

    verdict: Verdict
    reason: str


class VerdictRules(BaseModel):
    """The stated, adjustable rules behind scale / keep / fix conversion / cut."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    scale_cac_ratio: float = Field(
        0.8,
        gt=0,
        le=1,
        title="Scale when CAC is at most this share of the portfolio CAC",
        description="…and ROI is at least the portfolio's.",
    )
    cut_cac_ratio: float = Field(
        1.5,
        ge=1,
        le=10,
        title="Cut when CAC is at least this multiple of the portfolio CAC",
        description="…and ROI is below the cut ROI.",
    )
    cut_max_roi: float = Field(
        0.0,
        ge=-1,
        le=10,
        title="Cut ROI: below this, revenue does not justify the spend",
        description="0 means the channel returned less than it cost.",
    )
    min_customers: int = Field(
        5,
        ge=0,
        le=1000,
        title="Judge CAC and ROI only from this many customers up",
        description="Below it a channel is kept and watched: too few deals to tell.",
    )
    fix_cpl_ratio: float = Field(
        1.0, gt=0, le=10, title="Fix conversion when cost per lead is at most this multiple of the portfolio's",
        description="…while CAC is above the portfolio's: cheap leads that do not become customers.",
    )  # fmt: skip


def verdicts(summary: pd.DataFrame, rules: VerdictRules | None = None, currency: str = "USD") -> pd.DataFrame:
    """Scale, keep, fix conversion or cut for each channel, with a one-sentence reason.

    Channels are judged against the portfolio (the Total row): CAC, ROI and cost per lead.
    Columns: `channel`, `verdict`, `reason`.
    """
    rules = rules or VerdictRules()
    total = paid_portfolio(summary)
    rows = [
        {"channel": row["channel"], **_verdict(row, total, rules, currency)}
        for _, row in summary[~summary["is_total"]].iterrows()
    ]
    return pd.DataFrame(rows, columns=["channel", "verdict", "reason"])


def _verdict(row: pd.Series, total: pd.Series, rules: VerdictRules, currency: str) -> Judgement:
    def money(value: float) -> str:
        return format_money(value, currency)

    spend, customers, leads = row["spend"], row["customers"], row["leads"]
    if math.isnan(spend):
        return {
            "verdict": "no spend data",
            "reason": "No spend is known for this channel; add spend to judge it.",
        }
    if spend == 0:
        if customers > 0:
            reason = f"No recorded spend and {customers:,.0f} customers: keep it; the effort it takes is not in the numbers."
        else:
            reason = "No recorded spend and no customers yet: keep an eye on it."
        return {"verdict": "keep", "reason": reason}
    portfolio_cac, portfolio_roi, portfolio_cpl = total["cac"], total["roi"], total["cost_per_lead"]
    if not customers > 0:
        if leads > 0 and row["cost_per_lead"] <= rules.fix_cpl_ratio * portfolio_cpl:
            return {
                "verdict": "fix conversion",
                "reason": f"Leads cost {money(row['cost_per_lead'])} (paid channels {money(portfolio_cpl)}) but none "
                "became a customer: fix conversion before adding budget.",
            }
        return {
            "verdict": "cut",
            "reason": f"{money(spend)} spent for no customers: cut it or test a new approach.",
        }
    cac, roi = row["cac"], row["roi"]
    versus = f"CAC {money(cac)} vs the paid channels' {money(portfolio_cac)}"
    if roi < rules.cut_max_roi and cac >= rules.cut_cac_ratio * portfolio_cac:
        return {
            "verdict": "cut",
            "reason": f"Returned {money(row['revenue'])} on {money(spend)} (ROI {format_percent(roi, signed=True)}) with {versus}: "
            "cut it or rethink it.",
        }
    if roi < rules.cut_max_roi:
        return {
            "verdict": "fix conversion",
            "reason": f"Returned {money(row['revenue'])} on {money(spend)} (ROI {format_percent(roi, signed=True)}) though {versus}: "
            "fix conversion or deal size before adding budget.",
        }
    if customers < rules.min_customers:
        return {
            "verdict": "keep",
            "reason": f"Only {customers:,.0f} customer{'' if customers == 1 else 's'} ({versus}): too few to judge; keep it and watch.",
        }
    if cac <= rules.scale_cac_ratio * portfolio_cac and roi >= portfolio_roi:
        return {
            "verdict": "scale",
            "reason": f"{versus}, and ROI {format_percent(roi, signed=True)} beats their {format_percent(portfolio_roi, signed=True)}: give it more budget.",
        }
    if row["cost_per_lead"] <= rules.fix_cpl_ratio * portfolio_cpl and cac > portfolio_cac:
        return {
            "verdict": "fix conversion",
            "reason": f"Leads cost {money(row['cost_per_lead'])} (paid channels {money(portfolio_cpl)}) but {versus}: "
            "its leads do not convert; fix conversion.",
        }
    return {
        "verdict": "keep",
        "reason": f"{versus} and ROI {format_percent(roi, signed=True)} (theirs {format_percent(portfolio_roi, signed=True)}): keep it.",
    }


def paid_portfolio(summary: pd.DataFrame) -> pd.Series:
    """CAC, ROI and cost per lead of the channels that had spend: the benchmark paid channels are judged by.

    Free channels (referrals, organic) would make every paid channel look expensive.
    """
    paid = summary[~summary["is_total"] & (summary["spend"] > 0)]
    spend, revenue = paid["spend"].sum(), paid["revenue"].sum()
    customers, leads = paid["customers"].sum(), paid["leads"].sum()
    return pd.Series(
        {
            "cac": spend / customers if customers > 0 else math.nan,
            "roi": (revenue - spend) / spend if spend > 0 else math.nan,
            "cost_per_lead": spend / leads if leads > 0 else math.nan,
        }
    )


def months_covered(table: pd.DataFrame) -> int:
    """Months a channel table covers: distinct months if it has a month column, else a year (12)."""
    return int(table["month"].nunique()) if "month" in table else 12
