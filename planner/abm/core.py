"""Account-based marketing: per-account KPIs, health score, journey stages, and the KPIs not to chase."""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, model_validator

from planner.columns import JOURNEY_STAGES
from planner.money import format_count, format_money

PeriodLength = Literal[1, 3, 6, 12]
# Engagement points per unit of activity: a click says more than an open, a meeting more than both.
ENGAGEMENT_POINTS = {
    "emails_opened": 1.0,
    "emails_clicked": 3.0,
    "content_views": 2.0,
    "engaged_minutes": 0.5,
    "form_fills": 10.0,
    "calls_scheduled": 15.0,
    "demos_scheduled": 20.0,
}
# Pipeline score of a period: the furthest step the account took in it.
PIPELINE_STEPS = (
    ("deals_won", 1.0, "deal won"),
    ("opportunities", 1.0, "opportunity opened"),
    ("demos_scheduled", 0.7, "demo scheduled"),
    ("calls_scheduled", 0.5, "call scheduled"),
    ("form_fills", 0.25, "form filled"),
)
CUSTOMER_SCORES = {"customer": 1.0, "new customer": 1.0, "prospect": 0.4, "churned": 0.0}
# Engaged minutes in a period that make an account "engaged" without a click or form fill.
ENGAGED_MINUTES = 10
# Engagement this much up (or down) on the period before, and by at least so many points a month,
# marks an account as surging (going quiet); the points keep a small account's noise out.
SURGE, SURGE_POINTS = 0.5, 20
NPS_LOOKBACK_MONTHS = 12
STAGE_RULES = {
    "Aware": "on the target list: emails delivered, no engagement yet in the period",
    "Engaged": f"clicked an email, filled a form or spent {ENGAGED_MINUTES}+ minutes with content",
    "Qualified": "scheduled a call or a demo",
    "Opportunity": "opened an opportunity or won a deal",
    "Customer": "a customer at the period's end",
}
HEALTH_PARTS = {
    "engagement": "Engagement trend",
    "pipeline": "Pipeline",
    "nps": "NPS",
    "customer": "Customer status",
}


class HealthWeights(BaseModel):
    """How much each part counts in the account health score; relative weights, any scale."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    engagement: float = Field(
        40, ge=0, le=100, allow_inf_nan=False, title="Engagement trend",
        description="Engagement points this period against the period before (0.5 when steady or new).",
    )  # fmt: skip
    pipeline: float = Field(
        25, ge=0, le=100, allow_inf_nan=False, title="Pipeline",
        description="Furthest step this period: deal or opportunity 1, demo 0.7, call 0.5, form fill 0.25.",
    )  # fmt: skip
    nps: float = Field(
        20, ge=0, le=100, allow_inf_nan=False, title="NPS",
        description=f"The account's NPS over the last {NPS_LOOKBACK_MONTHS} months, −100…100 as 0…1; "
        "0.5 without answers.",
    )  # fmt: skip
    customer: float = Field(
        15, ge=0, le=100, allow_inf_nan=False, title="Customer status",
        description="Customer at the period's end 1, prospect 0.4, churned in the period 0.",
    )  # fmt: skip

    @model_validator(mode="after")
    def _something_counts(self) -> HealthWeights:
        if self.total() <= 0:
            raise ValueError("health weights: give at least one part a weight above 0.")
        return self

    def total(self) -> float:
        return self.engagement + self.pipeline + self.nps + self.customer

    def shares(self) -> dict[str, float]:
        """Each part's share of the score, summing to 1."""
        return {part: getattr(self, part) / self.total() for part in HEALTH_PARTS}


class AbmSettings(BaseModel):
    """What the user chose on the ABM page: health weights and the filters, kept with the plan."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    weights: HealthWeights = HealthWeights()
    tiers: tuple[str, ...] = Field((), description="Tiers to show; empty shows every tier.")
    owners: tuple[str, ...] = Field((), description="Owners to show; empty shows every owner.")
    period_months: PeriodLength = Field(3, description="Length of the period the KPIs cover, in months.")
    period_end: str | None = Field(
        None, pattern=r"^\d{4}-(0[1-9]|1[0-2])$", description="Last month of the period; None: the latest."
    )


# ---- formulas ----------------------------------------------------------------------------------


def _check_counts(**counts: float) -> None:
    for name, value in counts.items():
        if not (isinstance(value, int | float | np.number) and math.isfinite(value) and value >= 0):
            raise ValueError(f"{name.replace('_', ' ')} must be a count of 0 or more; got {value!r}.")


def _share(numerator: float, denominator: float) -> float:
    """numerator / denominator, NaN (shown as n/a) when there is nothing to divide by."""
    return numerator / denominator if denominator > 0 else math.nan


def open_rate(opened: float, delivered: float) -> float:
    """Unique opens / emails delivered; NaN when nothing was delivered."""
    _check_counts(unique_opens=opened, emails_delivered=delivered)
    if opened > delivered:
        raise ValueError(f"unique opens ({opened:g}) cannot exceed emails delivered ({delivered:g}).")
    return _share(opened, delivered)


def click_rate(clicked: float, delivered: float) -> float:
    """Unique clicks / emails delivered (CTR); NaN when nothing was delivered."""
    _check_counts(unique_clicks=clicked, emails_delivered=delivered)
    if clicked > delivered:
        raise ValueError(f"unique clicks ({clicked:g}) cannot exceed emails delivered ({delivered:g}).")
    return _share(clicked, delivered)


def click_to_open_rate(clicked: float, opened: float) -> float:
    """Unique clicks / unique opens; NaN when nothing was opened.

    It can exceed 1: a reader whose mail client blocks images clicks without a tracked open.
    """
    _check_counts(unique_clicks=clicked, unique_opens=opened)
    return _share(clicked, opened)


def nps(scores: Iterable[float]) -> float:
    """Net promoter score: % promoters (9–10) − % detractors (0–6), from −100 to 100.

    No answers give NaN, which the page shows as "no NPS answers": an account nobody answered
    for has no score, and 0 would read as a balanced one. A score that is not a whole number
    from 0 to 10 is a `ValueError`.
    """
    values = list(scores)
    for score in values:
        if isinstance(score, bool) or not isinstance(score, int | float | np.number):
            raise ValueError(f"NPS scores are whole numbers from 0 to 10; got {score!r}.")
        if not (math.isfinite(score) and 0 <= score <= 10 and float(score).is_integer()):
            raise ValueError(f"NPS scores are whole numbers from 0 to 10; got {score!r}.")
    if not values:
        return math.nan
    promoters = sum(1 for s in values if s >= 9)
    detractors = sum(1 for s in values if s <= 6)
    return 100 * (promoters - detractors) / len(values)


def nps_breakdown(scores: Iterable[float]) -> pd.DataFrame:
    """Detractors (0–6), passives (7–8) and promoters (9–10): `group`, `answers`, `share`."""
    values = pd.Series(list(scores), dtype=float)
    nps(values)  # the same checks
    counts = [int((values <= 6).sum()), int(((values >= 7) & (values <= 8)).sum()), int((values >= 9).sum())]
    total = sum(counts)
    return pd.DataFrame(
        {
            "group": ["Detractors (0–6)", "Passives (7–8)", "Promoters (9–10)"],
            "answers": counts,
            "share": [c / total if total else math.nan for c in counts],
        }
    )


def retention_rate(start: float, end: float, new: float) -> float:
    """Customer retention: (customers at the period's end − new customers won in it) / customers at its start."""
    _check_counts(customers_at_start=start, customers_at_end=end, new_customers=new)
    if start <= 0:
        raise ValueError("retention needs at least one customer at the period's start; got 0.")
    if new > end:
        raise ValueError(f"new customers ({new:g}) cannot exceed customers at the period's end ({end:g}).")
    if end - new > start:
        raise ValueError(
            f"{end - new:g} customers kept from the start is more than the {start:g} there were; "
            "check the customer counts."
        )
    return (end - new) / start


# ---- periods and filters -----------------------------------------------------------------------


class Window(BaseModel):
    """A run of calendar months: the period the KPIs cover, or the one before it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    months: tuple[str, ...] = Field(min_length=1)

    @property
    def start(self) -> str:
        return self.months[0]

    @property
    def end(self) -> str:
        return self.months[-1]

    def label(self) -> str:
        first, last = pd.Period(self.start, "M"), pd.Period(self.end, "M")
        if first == last:
            return first.strftime("%b %Y")
        if first.year == last.year:
            return f"{first.strftime('%b')}–{last.strftime('%b %Y')}"
        return f"{first.strftime('%b %Y')}–{last.strftime('%b %Y')}"


def window_ending(end: str, months: int) -> Window:
    last = pd.Period(end, "M")
    return Window(months=tuple(str(last - (months - 1 - i)) for i in range(months)))


def periods(activity: pd.DataFrame, months: int, end: str | None = None) -> tuple[Window, Window]:
    """The period the KPIs cover (`months` long, ending at `end` or the data's latest month) and the one before."""
    available = sorted(activity["month"].unique())
    if not available:
        raise ValueError("no account activity to measure; load an account file with at least one month.")
    end = end if end in available else available[-1]
    current = window_ending(end, months)
    previous = window_ending(str(pd.Period(current.start, "M") - 1), months)
    return current, previous


def filter_accounts(
    activity: pd.DataFrame, tiers: Sequence[str] = (), owners: Sequence[str] = ()
) -> pd.DataFrame:
    """The accounts in the chosen tiers and owners' hands; an empty choice keeps everyone."""
    keep = pd.Series(True, index=activity.index)
    if tiers:
        keep &= activity["tier"].isin(tiers)
    if owners:
        keep &= activity["owner"].isin(owners)
    return activity[keep]


def in_window(table: pd.DataFrame, window: Window) -> pd.DataFrame:
    """Rows of the window's months (every row when a table has no months)."""
    if "month" not in table:
        return table
    return table[table["month"].isin(window.months)]


def answers_in(answers: pd.DataFrame, window: Window, lookback: int | None = None) -> pd.DataFrame:
    """NPS answers dated in the window, or in the `lookback` months up to its end."""
    first = window.start if lookback is None else str(pd.Period(window.end, "M") - (lookback - 1))
    months = answers["date"].dt.to_period("M").astype(str)
    return answers[(months >= first) & (months <= window.end)]


# ---- per account -------------------------------------------------------------------------------


def engagement_points(activity: pd.DataFrame) -> pd.Series:
    """Each row's engagement points (`ENGAGEMENT_POINTS`); a column the file lacks counts 0."""
    return sum(activity[column].fillna(0) * points for column, points in ENGAGEMENT_POINTS.items())


def engagement_matrix(activity: pd.DataFrame) -> pd.DataFrame:
    """Engagement points per account (rows) and month (columns); NaN where an account has no row."""
    points = activity.assign(points=engagement_points(activity))
    return points.pivot(index="account", columns="month", values="points").sort_index(axis=1)


def customer_status(activity: pd.DataFrame, window: Window) -> pd.DataFrame:
    """Per account in the window: customer at its start and end, and `status` (customer, new
    customer, churned, prospect); NaN flags where the file has no customer columns."""
    rows = in_window(activity, window).sort_values("month")
    grouped = rows.groupby("account")
    status = pd.DataFrame(
        {"at_start": grouped["customer_at_start"].first(), "at_end": grouped["customer_at_end"].last()}
    )
    at_start, at_end = status["at_start"] == 1, status["at_end"] == 1
    status["status"] = np.select(
        [at_start & at_end, ~at_start & at_end, at_start & ~at_end], ["customer", "new customer", "churned"],
        "prospect",
    )  # fmt: skip
    return status


def journey_stages(activity: pd.DataFrame, window: Window) -> pd.Series:
    """Each account's journey stage at the window's end, by `STAGE_RULES` (the furthest rule met)."""
    rows = in_window(activity, window)
    sums = rows.groupby("account")[
        ["emails_clicked", "form_fills", "engaged_minutes", "calls_scheduled", "demos_scheduled",
         "opportunities", "deals_won"]
    ].sum()  # fmt: skip
    status = customer_status(activity, window)["status"].reindex(sums.index)
    stage = np.select(
        [
            status.isin(["customer", "new customer"]),
            (sums["opportunities"] > 0) | (sums["deals_won"] > 0),
            (sums["calls_scheduled"] > 0) | (sums["demos_scheduled"] > 0),
            (sums["emails_clicked"] > 0) | (sums["form_fills"] > 0) | (sums["engaged_minutes"] >= ENGAGED_MINUTES),
        ],
        list(JOURNEY_STAGES[::-1][:4]),
        JOURNEY_STAGES[0],
    )  # fmt: skip
    return pd.Series(stage, index=sums.index, name="stage")


def account_funnel(stages: pd.Series) -> pd.DataFrame:
    """Accounts that reached each journey stage (or went beyond it), and the rate from the stage above."""
    order = {stage: i for i, stage in enumerate(JOURNEY_STAGES)}
    reached = [int((stages.map(order) >= i).sum()) for i in range(len(JOURNEY_STAGES))]
    rates = [math.nan] + [_share(b, a) for a, b in itertools.pairwise(reached)]
    return pd.DataFrame({"stage": JOURNEY_STAGES, "accounts": reached, "rate_from_above": rates})


def _trend(activity: pd.DataFrame, window: Window, before: Window) -> pd.DataFrame:
    points = activity.assign(points=engagement_points(activity))
    now = in_window(points, window).groupby("account")["points"].mean()
    then = in_window(points, before).groupby("account")["points"].mean().reindex(now.index)
    top = np.maximum(now, then)
    change = (now - then) / then.where(then > 0)
    score = (0.5 + (now - then) / (2 * top.where(top > 0))).fillna(0.5)
    return pd.DataFrame({"points": now, "points_before": then, "change": change, "score": score})


def _pipeline(activity: pd.DataFrame, window: Window) -> pd.DataFrame:
    sums = in_window(activity, window).groupby("account")[[c for c, _, _ in PIPELINE_STEPS]].sum()
    score = pd.Series(0.0, index=sums.index)
    step = pd.Series("no pipeline activity", index=sums.index)
    for column, value, text in reversed(PIPELINE_STEPS):
        reached = sums[column] > 0
        score = score.where(~reached, value)
        step = step.where(~reached, text)
    return pd.DataFrame({"score": score, "step": step})


def _nps_parts(answers: pd.DataFrame | None, window: Window, accounts: pd.Index) -> pd.DataFrame:
    recent = answers_in(answers, window, NPS_LOOKBACK_MONTHS) if answers is not None else None
    if recent is None or recent.empty:
        values, counts = pd.Series(math.nan, index=accounts), pd.Series(0, index=accounts)
    else:
        grouped = recent.groupby("account")["score"]
        values = grouped.agg(nps).reindex(accounts)
        counts = grouped.size().reindex(accounts).fillna(0).astype(int)
    counts = counts.astype(int)
    return pd.DataFrame({"nps": values, "answers": counts, "score": ((values + 100) / 200).fillna(0.5)})


def _parts(activity: pd.DataFrame, answers: pd.DataFrame | None, window: Window) -> dict[str, pd.DataFrame]:
    before = window_ending(str(pd.Period(window.start, "M") - 1), len(window.months))
    trend = _trend(activity, window, before)
    status = customer_status(activity, window).reindex(trend.index)
    status["score"] = status["status"].map(CUSTOMER_SCORES)
    return {
        "engagement": trend,
        "pipeline": _pipeline(activity, window).reindex(trend.index),
        "nps": _nps_parts(answers, window, trend.index),
        "customer": status,
    }


def _describe(part: str, frame: pd.DataFrame, account: str) -> str:
    row = frame.loc[account]
    if part == "engagement":
        if math.isnan(row["points_before"]):
            return "no earlier months to compare engagement with"
        if math.isnan(row["change"]):
            return "engagement started from nothing" if row["points"] > 0 else "no engagement"
        if abs(row["change"]) < 0.1:
            return "engagement steady"
        return f"engagement {'up' if row['change'] > 0 else 'down'} {abs(row['change']):.0%}"
    if part == "pipeline":
        return row["step"]
    if part == "nps":
        if row["answers"] == 0:
            return "no NPS answers"
        answers = int(row["answers"])
        return f"NPS {row['nps']:+.0f} ({answers} answer{'s' if answers != 1 else ''})"
    return {"new customer": "became a customer", "churned": "churned"}.get(row["status"], row["status"])


def health_scores(
    activity: pd.DataFrame, answers: pd.DataFrame | None, weights: HealthWeights, window: Window
) -> pd.DataFrame:
    """Account health (0–100) in the window and the one before, ranked, with the top reasons it moved.

    Health = 100 × Σ share × part score, each part scored 0–1 (see `HealthWeights`). `reason`
    names the (at most two) parts whose weighted change moved the score most, or says it is
    steady. Columns: `rank`, `account`, `tier`, `owner`, `stage`, `health`, `health_before`,
    `change`, `engagement`, `nps` (with `nps_label`: score and answers), `reason`, and each part's score (`engagement_score`…).
    """
    shares = weights.shares()
    now = _parts(activity, answers, window)
    previous_window = window_ending(str(pd.Period(window.start, "M") - 1), len(window.months))
    before = _parts(activity, answers, previous_window)
    accounts = now["engagement"].index
    health = sum(shares[p] * now[p]["score"] for p in HEALTH_PARTS) * 100
    had_rows = in_window(activity, previous_window)["account"].unique()
    health_before = pd.Series(math.nan, index=accounts)
    known = accounts[accounts.isin(had_rows)]
    if len(known):
        old = sum(shares[p] * before[p]["score"].reindex(known) for p in HEALTH_PARTS) * 100
        health_before.loc[known] = old
    reasons = []
    for account in accounts:
        moves = []
        for part in HEALTH_PARTS:
            old_score = before[part]["score"].get(account, math.nan) if account in known else math.nan
            moved = shares[part] * (now[part].loc[account, "score"] - old_score) * 100
            moves.append((0.0 if math.isnan(moved) else moved, part))
        moves.sort(key=lambda m: -abs(m[0]))
        big = [(m, part) for m, part in moves if abs(m) >= 1][:2]
        if big:
            text = "; ".join(f"{_describe(part, now[part], account)} ({m:+.0f})" for m, part in big)
        else:
            strongest = max(HEALTH_PARTS, key=lambda p: shares[p] * now[p].loc[account, "score"])
            text = "steady: " + _describe(strongest, now[strongest], account)
            if account not in known:
                text = "new this period: " + _describe("pipeline", now["pipeline"], account)
        reasons.append(text)
    latest = in_window(activity, window).sort_values("month").groupby("account")[["tier", "owner"]].last()
    table = pd.DataFrame(
        {
            "account": accounts,
            "tier": latest["tier"].reindex(accounts).to_numpy(),
            "owner": latest["owner"].reindex(accounts).to_numpy(),
            "stage": journey_stages(activity, window).reindex(accounts).to_numpy(),
            "health": health.to_numpy(),
            "health_before": health_before.to_numpy(),
            "change": (health - health_before).to_numpy(),
            "engagement": now["engagement"]["points"].to_numpy(),
            "nps": now["nps"]["nps"].to_numpy(),
            "nps_label": [
                "no answers" if n == 0 else f"{v:+.0f} ({n})"
                for v, n in zip(now["nps"]["nps"], now["nps"]["answers"], strict=True)
            ],
            "reason": reasons,
            **{f"{p}_score": now[p]["score"].to_numpy() for p in HEALTH_PARTS},
        }
    )
    table = table.sort_values(["health", "account"], ascending=[False, True]).reset_index(drop=True)
    table.insert(0, "rank", range(1, len(table) + 1))
    return table


def movers(activity: pd.DataFrame, window: Window) -> pd.DataFrame:
    """Each account's engagement against the period before: `surging`, `quiet` or `steady` (see `SURGE`)."""
    before = window_ending(str(pd.Period(window.start, "M") - 1), len(window.months))
    trend = _trend(activity, window, before)
    direction = np.select(
        [
            (trend["change"] >= SURGE) & (trend["points"] - trend["points_before"] >= SURGE_POINTS),
            (trend["change"] <= -SURGE) & (trend["points_before"] - trend["points"] >= SURGE_POINTS),
            trend["points_before"].eq(0) & trend["points"].ge(SURGE_POINTS),
        ],
        ["surging", "quiet", "surging"],
        "steady",
    )  # fmt: skip
    return trend.assign(direction=direction)


# ---- KPIs --------------------------------------------------------------------------------------

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


def _period_values(
    activity: pd.DataFrame, cta: pd.DataFrame | None, answers: pd.DataFrame | None, window: Window
) -> dict[str, float]:
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
        "Email open rate": _share(opened, delivered) if not math.isnan(opened) else math.nan,
        "Click rate": _share(clicked, delivered) if not math.isnan(clicked) else math.nan,
        "Click-to-open rate": _share(clicked, opened) if not math.isnan(clicked) else math.nan,
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
    activity: pd.DataFrame,
    cta: pd.DataFrame | None,
    answers: pd.DataFrame | None,
    current: Window,
    previous: Window,
) -> list[Kpi]:
    """The KPI tiles for the current period, each with the previous period's value (NaN if none)."""
    now = _period_values(activity, cta, answers, current)
    then = _period_values(activity, cta, answers, previous)
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


# ---- KPIs we don't chase ------------------------------------------------------------------------


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
        f"median {cycle.median():.0f} months over {len(cycle)} new customer{'s' if len(cycle) != 1 else ''}"
        if len(cycle)
        else "no new customers in the period"
    )
    promo_text = (
        "no CTA file loaded"
        if cta is None
        else f"{len(promo)} account{'s' if len(promo) != 1 else ''} converted on a promotion, "
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


# ---- everything the page shows -----------------------------------------------------------------


@dataclass(frozen=True)
class AbmReport:
    """Every ABM figure for one selection (tiers, owners, period): what the page and the deck show."""

    current: Window
    previous: Window
    accounts: int
    kpis: list[Kpi]
    health: pd.DataFrame
    engagement: pd.DataFrame
    directions: pd.Series
    funnel: pd.DataFrame
    cta: pd.DataFrame | None
    nps_breakdown: pd.DataFrame | None
    nps: float
    ignored: pd.DataFrame
    has_previous: bool


def abm_report(
    activity: pd.DataFrame,
    cta: pd.DataFrame | None,
    answers: pd.DataFrame | None,
    settings: AbmSettings,
) -> AbmReport | None:
    """The KPIs, health ranking, heatmap data, funnel, CTA and NPS figures for the chosen accounts.

    None when no account matches the tiers and owners chosen.
    """
    chosen = filter_accounts(activity, settings.tiers, settings.owners)
    if chosen.empty:
        return None
    names = chosen["account"].unique()
    cta = cta[cta["account"].isin(names)] if cta is not None else None
    answers = answers[answers["account"].isin(names)] if answers is not None else None
    current, previous = periods(chosen, settings.period_months, settings.period_end)
    health = health_scores(chosen, answers, settings.weights, current)
    shown_months = sorted(m for m in chosen["month"].unique() if m <= current.end)
    matrix = engagement_matrix(chosen[chosen["month"] <= current.end])
    order = [a for a in health["account"] if a in matrix.index]
    matrix = matrix.loc[order, shown_months]
    period_answers = answers_in(answers, current) if answers is not None else None
    return AbmReport(
        current=current,
        previous=previous,
        accounts=len(health),
        kpis=abm_kpis(chosen, cta, answers, current, previous),
        health=health,
        engagement=matrix,
        directions=movers(chosen, current)["direction"],
        funnel=account_funnel(journey_stages(chosen, current)),
        cta=cta_conversion(cta, current) if cta is not None else None,
        nps_breakdown=nps_breakdown(period_answers["score"]) if period_answers is not None else None,
        nps=nps(period_answers["score"]) if period_answers is not None else math.nan,
        ignored=ignored_kpis(chosen, cta, current),
        has_previous=bool(in_window(chosen, previous).shape[0]),
    )
