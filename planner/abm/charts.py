"""ABM figures in the house style: engagement heatmap, account funnel, CTA conversion and NPS spread."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from planner.abm import Window
from planner.charts import (
    BAD_COLOUR,
    GOOD_COLOUR,
    MUTED,
    PLAN_COLOUR,
    TODAY_COLOUR,
    hbar,
    layout,
    set_plot_height,
)
from planner.money import format_count, format_rate
from planner.words import counted

# Row height of the heatmap: every account stays readable however many are shown.
HEATMAP_ROW_PX = 22


def _month_label(month: str) -> str:
    return pd.Period(month, "M").strftime("%b %y")


def engagement_heatmap(matrix: pd.DataFrame, window: Window, directions: pd.Series) -> go.Figure:
    """Engagement points per account and month, accounts in the given order; the period is outlined.

    `matrix` comes from `engagement_matrix` (rows in the order to show, e.g. by health);
    `directions` maps account → surging / quiet / steady (from `movers`) for the title and marks.
    """
    marks = {"surging": " ▲", "quiet": " ▼"}
    labels = [f"{a}{marks.get(directions.get(a, ''), '')}" for a in matrix.index]
    months = [_month_label(m) for m in matrix.columns]
    values = matrix.to_numpy(dtype=float)
    known = values[~np.isnan(values)]
    # The 95th percentile caps the colour so one very busy account does not wash out the rest.
    top = float(np.percentile(known, 95)) if known.size else 1.0
    text = [["" if math.isnan(v) else f"{v:,.0f}" for v in row] for row in values]
    fig = go.Figure(
        go.Heatmap(
            z=values, x=months, y=labels, zmin=0, zmax=max(top, 1.0),
            colorscale=[[0, "#f4f6fa"], [0.5, "#8fb0d8"], [1, PLAN_COLOUR]],
            customdata=text, hovertemplate="%{y}, %{x}: %{customdata} engagement points<extra></extra>",
            colorbar={"title": {"text": "points", "side": "right"}, "thickness": 12},
            xgap=1, ygap=1,
        )
    )  # fmt: skip
    if window.start in matrix.columns and window.end in matrix.columns:
        first, last = list(matrix.columns).index(window.start), list(matrix.columns).index(window.end)
        fig.add_shape(
            type="rect", x0=first - 0.5, x1=last + 0.5, y0=-0.5, y1=len(labels) - 0.5,
            line={"color": TODAY_COLOUR, "width": 3}, fillcolor="rgba(0,0,0,0)",
        )  # fmt: skip
    fig.update_yaxes(autorange="reversed", tickfont={"size": 13}, dtick=1)
    fig.update_xaxes(side="top", tickfont={"size": 13})
    surging = int((directions.reindex(matrix.index) == "surging").sum())
    quiet = int((directions.reindex(matrix.index) == "quiet").sum())
    n = len(matrix)
    title = f"{surging} of {counted(n, 'account')} surging, {quiet} going quiet ({window.label()})"
    fig = layout(
        fig,
        title,
        "Points a month: open 1, click 3, view 2, minute 0.5, form 10, call 15, demo 20. "
        "Orange box: the period; ▲ surging, ▼ going quiet against the period before",
    )
    # The month labels sit on top, under the subtitle: room for them above the first row; the
    # chart grows with its rows (and with its title's lines, wherever `fit_title` wraps them).
    return set_plot_height(fig, 60 + HEATMAP_ROW_PX * max(n, 3), extra_top=30)


def account_funnel_chart(funnel: pd.DataFrame, window: Window) -> go.Figure:
    """Accounts at each journey stage or beyond, with the conversion from the stage above."""
    labels = [
        format_count(a) + ("" if math.isnan(r) else f"  ({format_rate(r)})")
        for a, r in zip(funnel["accounts"], funnel["rate_from_above"], strict=True)
    ]
    fig = go.Figure(
        go.Funnel(
            y=funnel["stage"], x=funnel["accounts"], text=labels, textinfo="text", textposition="inside",
            marker={"color": PLAN_COLOUR}, connector={"fillcolor": "#dbe6f4"},
            insidetextfont={"color": "white", "size": 17},
            hovertemplate="%{y}: %{x} accounts<extra></extra>",
        )
    )  # fmt: skip
    rates = funnel.dropna(subset=["rate_from_above"])
    rates = rates[funnel["accounts"].shift(1).loc[rates.index] > 0]
    if rates.empty or funnel["accounts"].iloc[0] == 0:
        return layout(fig, "No accounts in this selection", "Choose other tiers or owners")
    worst = rates.loc[rates["rate_from_above"].idxmin()]
    above = funnel["stage"].iloc[funnel.index.get_loc(worst.name) - 1]
    return layout(
        fig,
        f"Accounts drop most from {above} to {worst['stage']}: {format_rate(worst['rate_from_above'])} move on",
        f"{format_count(funnel['accounts'].iloc[0])} accounts in {window.label()}; each stage counts the "
        "accounts that reached it or went further; rate from the stage above in brackets",
    )


CTA_ROW_PX = 72


def cta_chart(table: pd.DataFrame) -> go.Figure:
    """Click-through and conversion of every call-to-action, in journey order (top to bottom)."""
    # Two-line labels (CTA, then its stage) keep the long names from squeezing the bars.
    names = [
        f"{c}\n{s}{' · promotion' if p else ''}"
        for s, c, p in zip(table["stage"], table["cta"], table["promotion"], strict=True)
    ]
    fig = go.Figure(
        [
            hbar(
                "Clicks per impression", names, table["click_rate"], MUTED,
                "%{y}: %{x:.1%} of impressions clicked<extra></extra>",
            ),
            hbar(
                "Conversions per click", names, table["conversion_rate"], PLAN_COLOUR,
                "%{y}: %{x:.1%} of clicks converted<extra></extra>",
                text=[f"{r:.0%}" if not math.isnan(r) else "" for r in table["conversion_rate"]],
                textposition="outside", cliponaxis=False,
            ),
        ]
    )  # fmt: skip
    fig.update_layout(barmode="group")
    fig.update_yaxes(autorange="reversed")
    top = float(np.nanmax(table[["click_rate", "conversion_rate"]].to_numpy())) if len(table) else 1.0
    fig.update_xaxes(tickformat=".0%", range=[0, max(top, 0.01) * 1.2], title_text="Share")
    converted = table.dropna(subset=["conversion_rate"])
    if converted.empty:
        return layout(fig, "No CTA clicks in this period", "Clicks and conversions per call-to-action")
    worst = converted.loc[converted["account_conversion"].idxmin()]
    fig = layout(
        fig,
        f"Accounts drop most at '{worst['cta']}' ({worst['stage']}): "
        f"{int(worst['accounts_converted'])} of {counted(int(worst['accounts_reached']), 'account')} converted",
        "Per call-to-action along the journey: share of impressions clicked, and of clicks converted",
    )
    # Each CTA's two-line label needs its own room, or the labels run into each other: the plot grows
    # with the CTAs.
    return set_plot_height(fig, 60 + CTA_ROW_PX * max(len(table), 3))


def nps_chart(breakdown: pd.DataFrame, score: float) -> go.Figure:
    """Detractors, passives and promoters as bars, the NPS in the title."""
    colours = [BAD_COLOUR, MUTED, GOOD_COLOUR]
    total = int(breakdown["answers"].sum())
    fig = go.Figure(
        go.Bar(
            x=breakdown["group"], y=breakdown["answers"], marker_color=colours,
            text=[f"{a} ({s:.0%})" if total else "" for a, s in zip(breakdown["answers"], breakdown["share"], strict=True)],
            textposition="outside", cliponaxis=False,
            hovertemplate="%{x}: %{y} answers<extra></extra>",
        )
    )  # fmt: skip
    fig.update_yaxes(title_text="Answers", range=[0, max(breakdown["answers"].max(), 1) * 1.25])
    if total == 0 or math.isnan(score):
        return layout(fig, "No NPS answers in this period", "Load survey answers, or choose a longer period")
    promoters, detractors = breakdown["share"].iloc[2], breakdown["share"].iloc[0]
    return layout(
        fig,
        f"NPS {score:+.0f}: {promoters:.0%} promoters against {detractors:.0%} detractors",
        f"{counted(total, 'survey answer')} in the period; NPS = % promoters − % detractors",
    )
