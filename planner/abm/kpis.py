"""The KPI tiles for a period against the one before, conversion at each call-to-action, and the KPIs shown but not chased."""

from __future__ import annotations

import math
from typing import Literal

import pandas as pd
from pydantic import BaseModel, ConfigDict

from planner.abm.accounts import STAGE_RULES, customer_status, journey_stages
from planner.abm.formulas import nps, retention_rate, share_of
from planner.abm.windows import Window, answers_in, in_window
from planner.columns import JOURNEY_STAGES
from planner.money import format_count, format_money
from planner.words import counted

KPI_KINDS = Literal["count", "percent", "score", "money"]


class Kpi(BaseModel):
    """One KPI tile: this period's value, the previous period's, and the change in words."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    value: float
    previous: float
    kind: KPI_KINDS
    help: str

    def shown(self, currency: str = "USD") -> str:
        return _format(self.value, self.kind, currency)

    def change(self, currency: str = "USD") -> str | None:
        """The change against the previous period: points for rates and NPS, amount and percent for counts."""
        if math.isnan(self.value) or math.isnan(self.previous):
            return None
        diff = self.value - self.previous
        if self.kind == "percent":
            return f"{diff * 100:+.1f} pp"
        if self.kind == "score":
            return f"{diff:+.0f} points"
        if self.kind == "money":
            # A hyphen-minus, not "−": Streamlit's metric reads the leading "-" to colour the change red.
            sign = "+" if diff >= 0 else "-"
            text = f"{sign}{format_money(abs(diff), currency)}"
        else:
            text = f"{diff:+,.0f}"
        if self.previous > 0:
            text += f" ({diff / self.previous:+.0%})"
        return text


def _format(value: float, kind: str, currency: str) -> str:
    if math.isnan(value):
        return "n/a"
    if kind == "percent":
        return f"{value:.1%}"
    if kind == "score":
        return f"{value:+.0f}"
    if kind == "money":
        return format_money(value, currency)
    return format_count(value)


def _period_values(activity: pd.DataFrame, answers: pd.DataFrame | None, window: Window) -> dict[str, float]:
    rows = in_window(activity, window)
    if rows.empty:
        return {}

    def total(column: str) -> float:
        return float(rows[column].sum(min_count=1))

    delivered, opened, clicked = total("emails_delivered"), total("emails_opened"), total("emails_clicked")
    status = customer_status(activity, window)
    known = status["at_start"].notna() & status["at_end"].notna()
    start = float((status.loc[known, "at_start"] == 1).sum()) if known.any() else math.nan
    end = float((status.loc[known, "at_end"] == 1).sum()) if known.any() else math.nan
    new = float((status.loc[known, "status"] == "new customer").sum()) if known.any() else math.nan
    values = {
        "Engaged accounts": float((journey_stages(activity, window) != JOURNEY_STAGES[0]).sum()),
        "Email open rate": share_of(opened, delivered) if not math.isnan(opened) else math.nan,
        "Click rate": share_of(clicked, delivered) if not math.isnan(clicked) else math.nan,
        "Click-to-open rate": share_of(clicked, opened) if not math.isnan(clicked) else math.nan,
        "Content views": total("content_views"),
        "Engaged minutes": total("engaged_minutes"),
        "Form fills": total("form_fills"),
        "Calls and demos": float(
            rows[["calls_scheduled", "demos_scheduled"]].sum(min_count=1).sum(min_count=1)
        ),
        "Deals won": total("deals_won"),
        "New customers": new,
        "Retention": retention_rate(start, end, new) if start and start > 0 else math.nan,
        "NPS": nps(answers_in(answers, window)["score"]) if answers is not None else math.nan,
    }
    return values


KPI_HELP = {
    "Engaged accounts": ("count", "Accounts past 'Aware' in the period: " + STAGE_RULES["Engaged"] + "."),
    "Email open rate": ("percent", "Unique opens ÷ emails delivered."),
    "Click rate": ("percent", "Unique clicks ÷ emails delivered (CTR)."),
    "Click-to-open rate": ("percent", "Unique clicks ÷ unique opens."),
    "Content views": ("count", "Views and downloads of content pieces."),
    "Engaged minutes": ("count", "Minutes spent with content."),
    "Form fills": ("count", "Forms submitted by contacts at the accounts."),
    "Calls and demos": ("count", "Calls and demos scheduled."),
    "Deals won": ("count", "Deals closed-won, new and expansion."),
    "New customers": ("count", "Accounts that were not customers at the period's start and are at its end."),
    "Retention": ("percent", "(Customers at the end − new customers) ÷ customers at the start."),
    "NPS": ("score", "% promoters (9–10) − % detractors (0–6) among the period's survey answers."),
}


def abm_kpis(
    activity: pd.DataFrame, answers: pd.DataFrame | None, current: Window, previous: Window
) -> list[Kpi]:
    """The KPI tiles for the current period, each with the previous period's value (NaN if none)."""
    now = _period_values(activity, answers, current)
    then = _period_values(activity, answers, previous)
    return [
        Kpi(name=name, value=now.get(name, math.nan), previous=then.get(name, math.nan), kind=kind, help=text)
        for name, (kind, text) in KPI_HELP.items()
    ]


def cta_conversion(cta: pd.DataFrame, window: Window) -> pd.DataFrame:
    """Each call-to-action along the journey: clicks per impression, conversions per click, and accounts.

    Ordered by journey stage. `accounts_reached` saw the CTA; `accounts_converted` converted on it.
    """
    rows = in_window(cta, window)
    grouped = rows.groupby(["stage", "cta"])
    table = grouped[["impressions", "clicks", "conversions"]].sum()
    table["promotion"] = grouped["promotion"].any()
    table["accounts_reached"] = grouped["account"].nunique()
    table["accounts_converted"] = rows[rows["conversions"] > 0].groupby(["stage", "cta"])["account"].nunique()
    table = table.fillna({"accounts_converted": 0}).reset_index()
    table["click_rate"] = table["clicks"].div(table["impressions"].where(table["impressions"] > 0))
    table["conversion_rate"] = table["conversions"].div(table["clicks"].where(table["clicks"] > 0))
    table["account_conversion"] = table["accounts_converted"].div(table["accounts_reached"])
    order = {stage: i for i, stage in enumerate(JOURNEY_STAGES)}
    table = table.sort_values(["stage", "cta"], key=lambda c: c.map(order) if c.name == "stage" else c)
    return table.reset_index(drop=True)


def promotion_converts(activity: pd.DataFrame, cta: pd.DataFrame | None, window: Window) -> pd.DataFrame:
    """Accounts that converted on a promotional CTA in the window, and whether they became customers."""
    if cta is None:
        return pd.DataFrame(columns=["account", "became_customer"])
    rows = in_window(cta, window)
    accounts = sorted(rows[rows["promotion"] & (rows["conversions"] > 0)]["account"].unique())
    status = customer_status(activity, window)["status"]
    return pd.DataFrame(
        {"account": accounts, "became_customer": [status.get(a) == "new customer" for a in accounts]}
    )


def sales_cycle_months(activity: pd.DataFrame, window: Window) -> pd.Series:
    """Months from each new customer's first engaged month (click, form fill, call or demo) to its win."""
    status = customer_status(activity, window)
    new = status[status["status"] == "new customer"].index
    rows = activity[activity["account"].isin(new) & (activity["month"] <= window.end)]
    engaged = rows[
        (rows[["emails_clicked", "form_fills", "calls_scheduled", "demos_scheduled"]].fillna(0) > 0).any(
            axis=1
        )
    ]
    won = rows[(rows["deals_won"] > 0) & rows["month"].isin(window.months)].groupby("account")["month"].min()
    first = engaged.groupby("account")["month"].min().reindex(won.index)
    span = [
        (pd.Period(w, "M") - pd.Period(f if isinstance(f, str) else w, "M")).n
        for f, w in zip(first, won, strict=True)
    ]
    return pd.Series(span, index=won.index, name="months", dtype=float)


def ignored_kpis(activity: pd.DataFrame, cta: pd.DataFrame | None, window: Window) -> pd.DataFrame:
    """The KPIs we show but do not chase: `kpi`, `value`, `why` it misleads, and `instead` what to count."""
    rows = in_window(activity, window)
    leads = float(rows["leads"].sum(min_count=1))
    engaged = int((journey_stages(activity, window) != JOURNEY_STAGES[0]).sum())
    qualified = int(journey_stages(activity, window).isin(JOURNEY_STAGES[2:]).sum())
    cycle = sales_cycle_months(activity, window)
    promo = promotion_converts(activity, cta, window)
    cycle_text = (
        f"median {cycle.median():.0f} months over {counted(len(cycle), 'new customer')}"
        if len(cycle)
        else "no new customers in the period"
    )
    promo_text = (
        "no CTA file loaded"
        if cta is None
        else f"{counted(len(promo), 'account')} converted on a promotion, "
        f"{int(promo['became_customer'].sum())} became customers"
    )
    return pd.DataFrame(
        [
            {
                "kpi": "Raw lead count",
                "value": "not in the file" if math.isnan(leads) else f"{format_count(leads)} new contacts",
                "why": "More contacts is not more buying: a list import or one intern downloading every "
                "e-book inflates it while the account stays cold.",
                "instead": f"{engaged} engaged and {qualified} qualified accounts (MQLs, if you score leads).",
            },
            {
                "kpi": "Sales-cycle length",
                "value": cycle_text,
                "why": "Nurturing a named account takes as long as its buying committee needs, and every "
                "account differs; pushing the cycle shorter pushes deals out.",
                "instead": promo_text + ": a promotion that converts is worth repeating.",
            },
        ]
    )
