"""Per account: engagement points, customer status, journey stage, health score and the reasons it moved, and who is surging."""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence

import numpy as np
import pandas as pd

from planner.abm.formulas import nps, share_of
from planner.abm.settings import HEALTH_PARTS, NPS_LOOKBACK_MONTHS, HealthWeights
from planner.abm.windows import Window, answers_in, in_window
from planner.columns import JOURNEY_STAGES
from planner.words import counted

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
STAGE_RULES = {
    "Aware": "on the target list: emails delivered, no engagement yet in the period",
    "Engaged": f"clicked an email, filled a form or spent {ENGAGED_MINUTES}+ minutes with content",
    "Qualified": "scheduled a call or a demo",
    "Opportunity": "opened an opportunity or won a deal",
    "Customer": "a customer at the period's end",
}


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
    rates = [math.nan] + [share_of(b, a) for a, b in itertools.pairwise(reached)]
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
    trend = _trend(activity, window, window.previous())
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
        return f"NPS {row['nps']:+.0f} ({counted(answers, 'answer')})"
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
    previous_window = window.previous()
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
    trend = _trend(activity, window, window.previous())
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
