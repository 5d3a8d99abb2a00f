"""Charts of the plan: the revenue bridge, customers per month, the funnel, the gap to today, the lever and the schedule."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from planner.charts.style import (
    BAD_COLOUR,
    GOOD_COLOUR,
    MUTED,
    PLAN_COLOUR,
    TODAY_COLOUR,
    hbar,
    layout,
    money_ticks,
)
from planner.fiscal import month_label
from planner.funnel import FunnelVolumes
from planner.goals import GoalPlan
from planner.money import format_count, format_money, format_rate, plotly_money_format
from planner.words import counted


def revenue_bridge_chart(goal: GoalPlan, currency: str = "USD") -> go.Figure:
    """Waterfall from the revenue goal, less what existing customers and referrals bring."""
    prefix, hover = plotly_money_format(currency)
    steps = [
        ("Goal", "absolute", goal.revenue_goal),
        ("Upsell", "relative", -goal.expansion_revenue),
        ("Referrals", "relative", -goal.referral_revenue),
        # On two lines, so the four labels stand level under their bars in a half-width column.
        ("From\nmarketing", "total", goal.marketing_revenue),
    ]
    fig = go.Figure(
        go.Waterfall(
            x=[s[0] for s in steps],
            measure=[s[1] for s in steps],
            y=[s[2] for s in steps],
            text=[format_money(abs(s[2]), currency) for s in steps],
            textposition="outside",
            connector={"line": {"color": MUTED}},
            increasing={"marker": {"color": GOOD_COLOUR}},
            decreasing={"marker": {"color": TODAY_COLOUR}},
            totals={"marker": {"color": PLAN_COLOUR}},
            hovertemplate=f"%{{x}}: {prefix}%{{y:{hover}}}<extra></extra>",
        )
    )
    fig.update_yaxes(
        title_text=f"Revenue ({currency})", rangemode="tozero", **money_ticks(0, goal.revenue_goal, currency)
    )
    fig.update_xaxes(tickangle=0)
    covered = goal.revenue_goal - goal.marketing_revenue
    subtitle = (
        f"Upsell and referrals cover {format_money(covered, currency)}; marketing-sourced customers the rest"
        if covered > 0
        else "Nothing is counted from upsell or referrals yet"
    )
    return layout(
        fig,
        f"{format_money(goal.marketing_revenue, currency)} of the "
        f"{format_money(goal.revenue_goal, currency)} goal must come from marketing-sourced customers",
        subtitle,
    )


def customers_per_month_chart(per_month: pd.DataFrame, goal: GoalPlan) -> go.Figure:
    """Stacked bars of new customers per month: marketing-sourced and referrals."""
    # Month over year on two lines, so twelve months read level in a half column, as on the Budget page.
    months = [month.replace(" ", "\n") for month in per_month["month"]]
    bars = [
        go.Bar(
            name="From marketing",
            x=months,
            y=per_month["marketing_customers"],
            marker_color=PLAN_COLOUR,
            hovertemplate="%{x}: %{y:.2f} from marketing<extra></extra>",
        )
    ]
    if goal.planned_referral_customers > 0:
        bars.append(
            go.Bar(
                name="From referrals",
                x=months,
                y=per_month["referral_customers"],
                marker_color=GOOD_COLOUR,
                hovertemplate="%{x}: %{y:.2f} from referrals<extra></extra>",
            )
        )
    fig = go.Figure(bars)
    fig.update_layout(barmode="stack", showlegend=len(bars) > 1)
    fig.update_xaxes(tickangle=0)
    fig.update_yaxes(title_text="New customers")
    return layout(
        fig,
        f"{counted(goal.planned_customers, 'new customer')}: "
        f"{format_count(goal.planned_marketing_customers / 12)} a month from marketing",
        "A month's figure is its share of the year's customers, so it can be a fraction",
    )


def _log_widths(volumes: list[float]) -> list[float] | None:
    # Stage volumes span four orders of magnitude; widths on a log scale keep every stage visible.
    if min(volumes) <= 0:
        return None
    low = math.log10(min(volumes))
    return [math.log10(v) - low + 1 for v in volumes]


def funnel_chart(volumes: FunnelVolumes, period: str = "a month") -> go.Figure:
    """The funnel, top to bottom, labelled with each stage's volume and its rate from above."""
    top = f"{format_count(volumes.top)} {volumes.stages[0].lower()} {period}"
    bottom = f"{format_count(volumes.bottom)} {volumes.stages[-1].lower()}"
    title = f"{top} to win {bottom}" if volumes.direction == "back_solve" else f"{top} yield {bottom}"
    values = list(volumes.volumes)
    widths = _log_widths(values)
    labels = [
        format_count(v) + ("" if i == 0 else f"  ({format_rate(volumes.rates[i - 1])})")
        for i, v in enumerate(values)
    ]
    fig = go.Figure(
        go.Funnel(
            y=list(volumes.stages),
            x=widths or values,
            text=labels,
            textinfo="text",
            # Inside a bar it fits in, else beside it, never shrunk to a speck (the axis leaves room for it).
            textposition="auto",
            customdata=values,
            hovertemplate=f"%{{y}}: %{{customdata:,.2f}} {period}<extra></extra>",
            marker={"color": PLAN_COLOUR},
            connector={"fillcolor": "#dbe6f4"},
            insidetextfont={"color": "white", "size": 17},
            outsidetextfont={"color": "#1d2433", "size": 17},
        )
    )
    fig.update_yaxes(title_text=None)
    # The bars are centred on zero; room on the right of the widest one for a label beside a narrow one.
    widest = max(widths or values)
    fig.update_xaxes(range=[-widest / 2 * 1.02, widest / 2 * 1.9])
    subtitle = f"Volume {period}, rate from the stage above in brackets"
    if widths:
        subtitle += "; widths on a log scale so small stages stay visible"
    return layout(fig, title, subtitle)


def gap_chart(gap: pd.DataFrame, period: str = "a month") -> go.Figure:
    """Required against today per stage, on a log axis, with the status in the hover."""
    known = gap[gap["status"] != "no data"]
    fig = go.Figure(
        [
            hbar("Required", gap["stage"], gap["required"], PLAN_COLOUR, "%{y}: %{x:,.2f} required<extra></extra>"),
            hbar(
                "Today", gap["stage"], gap["today"], TODAY_COLOUR, "%{y}: %{x:,.2f} today, %{customdata}<extra></extra>",
                customdata=gap["status"],
            ),
        ]
    )  # fmt: skip
    fig.update_layout(barmode="group")
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(type="log", title_text=f"Volume {period} (log scale)")
    off = known[known["status"] == "off track"]
    if known.empty:
        title = "Enter what each stage produces today to see the gap"
    elif off.empty:
        title = f"On track at all {len(known)} stages with today's volumes"
    else:
        # A stage producing nothing today is the worst gap of all; NaN lifts would otherwise sort last.
        worst = (
            off.assign(rank=off["lift_needed"].fillna(math.inf)).sort_values("rank", ascending=False).iloc[0]
        )
        title = (
            f"Off track at {len(off)} of {len(known)} stages: {worst['stage']} needs "
            f"+{worst['lift_needed']:.0%} on today"
            if not math.isnan(worst["lift_needed"])
            else f"Off track at {len(off)} of {len(known)} stages: {worst['stage']} produces nothing today"
        )
    return layout(fig, title, f"Required vs produced today, {period}")


def tornado_chart(ranked: pd.DataFrame, top_stage: str, mode: str) -> go.Figure:
    """Change in the required top-of-funnel volume when each rate alone moves up or down."""
    step = "±10% relative" if mode == "relative" else "±1 percentage point"
    order = ranked.iloc[::-1]
    # The stage's name reaches the hover as `meta`, a value (shown as typed), not as template text.
    hover = "%{y}: %{customdata} → %{x:+,.0f} %{meta}<extra></extra>"
    fig = go.Figure(
        [
            hbar(
                "Rate improves", order["transition"], order["required_top_change_up"], GOOD_COLOUR, hover,
                customdata=[format_rate(r) for r in order["rate_up"]], meta=top_stage.lower(),
            ),
            hbar(
                "Rate worsens", order["transition"], order["required_top_change_down"], BAD_COLOUR, hover,
                customdata=[format_rate(r) for r in order["rate_down"]], meta=top_stage.lower(),
            ),
        ]
    )  # fmt: skip
    fig.update_layout(barmode="overlay")
    fig.update_xaxes(title_text=f"Change in {top_stage.lower()} needed a month")
    best = ranked.iloc[0]
    changes = ranked["required_top_change_up"]
    fewer = f"{format_count(abs(best['required_top_change_up']))} fewer {top_stage.lower()} a month"
    if abs(changes.min()) < 1e-9:
        title = "No single rate can lower the plan: every rate is already at 100%"
    elif (changes - changes.min()).abs().max() <= 1e-9 * abs(changes.min()):
        title = f"Every rate moves the plan equally: {fewer} each"
    else:
        title = f"{best['transition']} moves the plan most: {fewer}"
    return layout(
        fig,
        title,
        f"Each rate moved alone by {step}; bars show the change in {top_stage.lower()} the plan needs",
    )


def schedule_chart(schedule: pd.DataFrame, fiscal_year: int, start_month: int) -> go.Figure:
    """Heatmap of when each stage's volume must happen; months before the year are marked."""
    stages = list(dict.fromkeys(schedule["stage"]))
    months = sorted(schedule["month"].unique())
    pivot = schedule.pivot(index="stage", columns="month", values="volume").loc[stages, months]
    share_of_peak = pivot.div(pivot.max(axis=1).replace(0, 1), axis=0)
    labels = [month_label(fiscal_year, start_month, m) + (" ◂" if m < 0 else "") for m in months]
    text = pivot.map(lambda v: "" if v == 0 else format_count(v))
    fig = go.Figure(
        go.Heatmap(
            z=share_of_peak.values,
            x=labels,
            y=stages,
            text=text.values,
            texttemplate="%{text}",
            textfont={"size": 12},
            colorscale=[[0, "#f4f6fa"], [1, PLAN_COLOUR]],
            showscale=False,
            customdata=pivot.values,
            hovertemplate="%{y}, %{x}: %{customdata:,.2f}<extra></extra>",
            xgap=2,
            ygap=2,
        )
    )
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(tickangle=-45)
    early_volume = schedule[(schedule["month"] < 0) & (schedule["volume"] > 0)]
    before = sorted(early_volume["month"].unique())
    if before:
        early = early_volume[early_volume["stage"] == stages[0]]["volume"].sum()
        title = (
            f"The pipeline must start {len(before)} months before the year: "
            f"{format_count(early)} {stages[0].lower()} before day one"
        )
        subtitle = "Months marked ◂ are before the plan year; shading is relative to each stage's peak"
    else:
        title = "Every stage's volume falls inside the plan year"
        subtitle = "No lags between stages; shading is relative to each stage's peak"
    return layout(fig, title, subtitle)
