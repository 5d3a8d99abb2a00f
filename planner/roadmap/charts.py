"""Plotly figures of the quarterly roadmap: timeline, budget, goal progress and hypothesis impact."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date, timedelta

import pandas as pd
import plotly.graph_objects as go

from planner.charts import (
    BAD_COLOUR,
    GOOD_COLOUR,
    MUTED,
    PLAN_COLOUR,
    TODAY_COLOUR,
    hbar,
    layout,
    money_ticks,
    wrap,
)
from planner.money import format_count, format_money, plotly_money_format
from planner.roadmap import Initiative, ReviewDates, Roadmap, budget_flags, budget_table, quarter_spend
from planner.words import counted

FOCUS_COLOURS = (PLAN_COLOUR, TODAY_COLOUR, GOOD_COLOUR, "#6c4fb3", "#0f9aa8", "#b5568c", MUTED)
STATUS_COLOURS = {
    "on track": GOOD_COLOUR,
    "at risk": TODAY_COLOUR,
    "off track": BAD_COLOUR,
    "not reviewed yet": MUTED,
    "no number": MUTED,
}
MS_PER_DAY = 24 * 60 * 60 * 1000


def _colour_by(names: list[str]) -> dict[str, str]:
    return {name: FOCUS_COLOURS[i % len(FOCUS_COLOURS)] for i, name in enumerate(dict.fromkeys(names))}


def _short(text: str, width: int = 38) -> str:
    """At most two wrapped lines of `text`, with an ellipsis where it was cut."""
    lines = wrap(text, width)
    return "\n".join(lines[:2]) + ("…" if len(lines) > 2 else "")


def _mark_date(fig: go.Figure, day: date, text: str, colour: str) -> None:
    # add_vline's own annotation fails on date axes, so the line and its label are drawn separately.
    fig.add_shape(
        type="line", x0=day, x1=day, y0=0, y1=1, yref="paper", line={"color": colour, "dash": "dash"}
    )
    fig.add_annotation(
        x=day,
        y=1,
        yref="paper",
        text=text,
        showarrow=False,
        yanchor="bottom",
        font={"color": colour, "size": 14},
    )


def timeline_chart(
    initiatives: Sequence[Initiative], number: int, first: date, last: date, reviews: ReviewDates
) -> go.Figure:
    """Initiatives as bars from start to due, coloured by focus area, with the two review dates."""
    fig = go.Figure()
    dated = [i for i in initiatives if i.start and i.due]
    rows = pd.DataFrame(
        {"name": [i.name for i in dated], "focus_area": [i.focus_area for i in dated],
         "start": [i.start for i in dated], "due": [i.due for i in dated]}
    )  # fmt: skip
    colours = _colour_by([area or "No focus area" for area in rows["focus_area"]])
    # Numbered, so two initiatives that start alike never share a row.
    labels = [f"{i}. {_short(name or '(unnamed)')}" for i, name in enumerate(rows["name"], start=1)]
    for area, colour in colours.items():
        mine = [i for i, a in enumerate(rows["focus_area"]) if (a or "No focus area") == area]
        starts = [rows["start"].iloc[i] for i in mine]
        days = [(rows["due"].iloc[i] - rows["start"].iloc[i]).days + 1 for i in mine]
        fig.add_trace(
            hbar(
                area,
                [labels[i] for i in mine],
                [d * MS_PER_DAY for d in days],
                colour,
                # The axis label may be shortened; the hover names the initiative in full.
                "%{customdata[1]}<br>%{base|%d %b} – %{customdata[0]} days<extra></extra>",
                base=[s.isoformat() for s in starts],
                customdata=[[d, rows["name"].iloc[i] or "(unnamed)"] for d, i in zip(days, mine, strict=True)],
            )
        )
    _mark_date(fig, reviews.mid_quarter, f"Check-in {reviews.mid_quarter:%d %b}", MUTED)
    _mark_date(fig, reviews.final, f"Final review {reviews.final:%d %b}", BAD_COLOUR)
    fig.update_xaxes(type="date", range=[first.isoformat(), (last + timedelta(days=1)).isoformat()])
    # Every initiative keeps its label, even in large presentation type (Plotly drops crowded ones).
    fig.update_yaxes(
        autorange="reversed", categoryorder="array", categoryarray=labels, tickmode="array", tickvals=labels
    )
    fig.update_layout(
        barmode="overlay",
        showlegend=True,
        height=max(360, 180 + 70 * len(labels)),
        # The review labels sit above the plot, so the legend goes below it.
        legend={"orientation": "h", "yanchor": "top", "y": -0.12, "xanchor": "left", "x": 0},
    )
    title = (
        f"Q{number}: {counted(len(rows), 'initiative')} across {counted(len(colours), 'focus area')}"
        if len(rows)
        else f"Q{number} has no initiatives yet"
    )
    return layout(fig, title, f"{first:%d %b} – {last:%d %b %Y}; dashed lines mark the two reviews")


def budget_chart(roadmap: Roadmap, currency: str = "USD") -> go.Figure:
    """Spend per quarter stacked by focus area, against each quarter's allocation."""
    prefix, hover = plotly_money_format(currency)
    table = budget_table(roadmap)
    quarters = [f"Q{n}" for n in (1, 2, 3, 4)]
    fig = go.Figure()
    for area, colour in _colour_by(list(table["focus_area"])).items():
        mine = table[table["focus_area"] == area].set_index("quarter")["budget"].reindex(quarters)
        fig.add_trace(
            go.Bar(
                name=area,
                x=quarters,
                y=mine,
                marker_color=colour,
                hovertemplate=f"%{{x}} %{{fullData.name}}: {prefix}%{{y:{hover}}}<extra></extra>",
            )
        )
    allocations = [roadmap.allocation(n) for n in (1, 2, 3, 4)]
    if all(a is not None for a in allocations):
        fig.add_trace(
            go.Scatter(
                name="Allocation",
                x=quarters,
                y=allocations,
                mode="lines+markers",
                line={"color": "#1d2433", "dash": "dash", "shape": "hvh"},
                hovertemplate=f"%{{x}} allocation: {prefix}%{{y:{hover}}}<extra></extra>",
            )
        )
    # One legend entry per focus area can wrap into many rows, so it sits below, clear of the title.
    fig.update_layout(
        barmode="stack", legend={"orientation": "h", "yanchor": "top", "y": -0.12, "xanchor": "left", "x": 0}
    )
    stacked = table.groupby("quarter")["budget"].sum()
    tallest = max([*stacked.clip(lower=0), *(a for a in allocations if a is not None), 0.0])
    fig.update_yaxes(title_text=f"Budget ({currency})", rangemode="tozero", **money_ticks(0, tallest, currency))
    spend = sum(quarter_spend(q) for q in roadmap.quarters)
    flags = {f.kind: f for f in budget_flags(roadmap, currency)}
    over = [f"Q{f.quarter}" for f in budget_flags(roadmap, currency) if f.kind == "quarter over allocation"]
    if roadmap.annual_budget is None:
        title = f"Initiatives cost {format_money(spend, currency)}; set an annual budget to check it"
    elif over:
        title = f"{', '.join(over)} over allocation; the year uses {spend / roadmap.annual_budget:.0%} of the budget"
    elif "allocations over budget" in flags:
        title = "The quarterly allocations add up to more than the annual budget"
    elif "year over budget" in flags:
        title = f"The year's initiatives cost {spend / roadmap.annual_budget:.0%} of the annual budget"
    else:
        title = (
            f"Every quarter within allocation: {format_money(spend, currency)} of "
            f"{format_money(roadmap.annual_budget, currency)} planned"
        )
    return layout(
        fig, title, "Initiative budgets per quarter by focus area; the dashed line is the allocation"
    )


def progress_chart(progress: pd.DataFrame, number: int) -> go.Figure:
    """Each goal's progress towards its target, with a marker where the straight line expects it."""
    reviewed = progress[progress["status"].isin(["on track", "at risk", "off track"])]
    fig = go.Figure()
    if len(progress):
        fig.add_trace(
            hbar(
                "Progress",
                progress["goal"],
                (progress["progress"] * 100).fillna(0),
                [STATUS_COLOURS.get(s, MUTED) for s in progress["status"]],
                "%{y}: %{x:.0f}% of the way, %{customdata}<extra></extra>",
                customdata=progress["status"],
                text=[
                    "" if math.isnan(p) else f"{p:.0%} · {s}"
                    for p, s in zip(progress["progress"], progress["status"], strict=True)
                ],
                textposition="auto",
            )
        )
        fig.add_trace(
            go.Scatter(
                name="Pace (straight line to target)",
                y=progress["goal"],
                x=progress["pace"] * 100,
                mode="markers",
                marker={"symbol": "line-ns-open", "size": 26, "line": {"width": 3}, "color": "#1d2433"},
                hovertemplate="%{y}: the line expects %{x:.0f}% by this review<extra></extra>",
            )
        )
    fig.add_vline(x=100, line={"color": MUTED, "dash": "dot"})
    fig.update_yaxes(tickmode="array", tickvals=list(progress["goal"]))
    shares = (reviewed["progress"] * 100).tolist()
    # A goal that moved backwards gets room on the left, so its bar shows instead of vanishing.
    low = min([0.0, *shares]) - (10 if min([0.0, *shares]) < 0 else 0)
    top = max(120.0, max([0.0, *shares]) + 30)
    fig.update_xaxes(title_text="% of the way from baseline to target", range=[low, top], ticksuffix="%")
    fig.update_yaxes(autorange="reversed")
    fig.update_layout(
        height=max(400, 220 + 70 * len(progress)),
        legend={"orientation": "h", "yanchor": "top", "y": -0.35, "xanchor": "left", "x": 0},
    )
    counts = reviewed["status"].value_counts()
    if not len(progress):
        title = f"Q{number} has no goals yet"
    elif reviewed.empty:
        title = f"No actuals recorded for Q{number}'s {counted(len(progress), 'goal')} yet"
    else:
        parts = [f"{counts[s]} {s}" for s in ("on track", "at risk", "off track") if s in counts]
        title = f"Q{number} goals: {', '.join(parts)}"
    return layout(
        fig, title, "Bar: progress at the latest review; tick: where a straight line to the target is then"
    )


def hypothesis_chart(table: pd.DataFrame, currency: str = "USD", top_label: str = "") -> go.Figure:
    """Extra revenue a month each hypothesis yields if it holds, labelled with its extra customers."""
    prefix, hover = plotly_money_format(currency)
    usable = table[table["problem"] == ""]
    labels = [_short(h) for h in usable["hypothesis"]]
    fig = go.Figure(
        hbar(
            "Revenue a month",
            labels,
            usable["extra_revenue"],
            GOOD_COLOUR,
            f"%{{y}}: {prefix}%{{x:{hover}}} a month<extra></extra>",
            text=[
                f"+{format_count(c, 2)} customers · {format_money(r, currency)}"
                for c, r in zip(usable["extra_customers"], usable["extra_revenue"], strict=True)
            ],
            textposition="auto",
        )
    )
    fig.update_yaxes(autorange="reversed")
    extra = [*usable["extra_revenue"], 0.0]
    fig.update_xaxes(
        title_text=f"Extra revenue a month ({currency})", **money_ticks(min(extra), max(extra), currency)
    )
    fig.update_layout(height=max(320, 140 + 70 * len(usable)))
    revenue, customers = usable["extra_revenue"].sum(), usable["extra_customers"].sum()
    title = (
        f"If they hold: +{format_count(customers, 2)} customers and {format_money(revenue, currency)} a month"
        if len(usable)
        else "Add a hypothesis with its rate today and expected to see its worth"
    )
    return layout(fig, title, f"Each hypothesis alone, every other rate as planned; {top_label}")
