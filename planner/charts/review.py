"""Charts of last year's review: share of spend against share of customers, CAC and ROI per channel."""

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
    round_ticks,
)
from planner.money import format_money, format_percent, plotly_money_format
from planner.words import counted


def _padded_max(values: pd.Series) -> float:
    top = values.max() if len(values) else 0
    return float(top) * 1.25 if top and top > 0 else 1.0


def _channels(summary: pd.DataFrame) -> pd.DataFrame:
    return summary[~summary["is_total"]]


def share_chart(summary: pd.DataFrame) -> go.Figure:
    """Each channel's share of spend next to its share of customers."""
    channels = _channels(summary).sort_values("spend_share")
    names = channels["channel"]
    fig = go.Figure(
        [
            hbar("Share of spend", names, channels["spend_share"], TODAY_COLOUR, "%{y}: %{x:.1%} of spend<extra></extra>"),
            hbar(
                "Share of customers", names, channels["customer_share"], PLAN_COLOUR,
                "%{y}: %{x:.1%} of customers<extra></extra>",
            ),
        ]
    )  # fmt: skip
    fig.update_layout(barmode="group")
    fig.update_xaxes(tickformat=".0%", title_text="Share of last year's total")
    edge = (channels["customer_share"] - channels["spend_share"]).dropna()
    if edge.empty:
        return layout(fig, "Spend and customers by channel", "Add spend to compare")
    best, worst = channels.loc[edge.idxmax()], channels.loc[edge.idxmin()]
    return layout(
        fig,
        f"{best['channel']} won {best['customer_share']:.0%} of customers on {best['spend_share']:.0%} of spend; "
        f"{worst['channel']} took {worst['spend_share']:.0%} of spend for {worst['customer_share']:.0%}",
        "Share of last year's spend and of its new customers, per channel",
    )


def cac_chart(summary: pd.DataFrame, currency: str = "USD") -> go.Figure:
    """Customer acquisition cost per channel against the portfolio's."""
    prefix, hover = plotly_money_format(currency)
    channels = _channels(summary).dropna(subset=["cac"]).sort_values("cac")
    portfolio = summary.loc[summary["is_total"], "cac"].iloc[0]
    # Each channel's CAC sits in its name on the axis, not beside its bar, where the dashed portfolio
    # line would run through the labels of the bars that end near it.
    fig = go.Figure(
        go.Bar(
            y=channels["channel"],
            x=channels["cac"],
            orientation="h",
            marker_color=[GOOD_COLOUR if c <= portfolio else BAD_COLOUR for c in channels["cac"]],
            hovertemplate=f"%{{y}}: CAC {prefix}%{{x:{hover}}}<extra></extra>",
        )
    )
    fig.update_yaxes(
        tickvals=list(channels["channel"]),
        ticktext=[f"{name}  {format_money(c, currency)}" for name, c in zip(channels["channel"], channels["cac"], strict=True)],
    )
    # A little room right of the longest bar, so it does not touch the frame.
    widest = _padded_max(channels["cac"])
    fig.update_xaxes(title_text=f"CAC ({currency})", range=[0, widest], **money_ticks(0, widest, currency))
    if channels.empty or math.isnan(portfolio):
        return layout(fig, "No channel has both spend and customers, so no CAC yet")
    fig.add_vline(x=portfolio, line_dash="dash", line_color=MUTED)
    fig.add_annotation(
        x=portfolio, y=1, yref="paper", text=f"portfolio {format_money(portfolio, currency)}",
        showarrow=False, yanchor="bottom", font={"color": MUTED, "size": 14},
    )  # fmt: skip
    low, high = channels.iloc[0], channels.iloc[-1]
    return layout(
        fig,
        f"CAC runs from {format_money(low['cac'], currency)} ({low['channel']}) to "
        f"{format_money(high['cac'], currency)} ({high['channel']})",
        "Spend ÷ new customers; green is below the portfolio's CAC, red above",
    )


def roi_chart(summary: pd.DataFrame) -> go.Figure:
    """Return on spend per channel: (revenue − spend) / spend."""
    channels = _channels(summary).dropna(subset=["roi"]).sort_values("roi")
    fig = go.Figure(
        go.Bar(
            y=channels["channel"],
            x=channels["roi"],
            orientation="h",
            marker_color=[GOOD_COLOUR if r >= 0 else BAD_COLOUR for r in channels["roi"]],
            text=[format_percent(r, signed=True) for r in channels["roi"]],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: ROI %{x:+,.0%}<extra></extra>",
        )
    )
    low = min(channels["roi"].min(), 0) if not channels.empty else 0
    high = _padded_max(channels["roi"])
    # Ticks where the returns are: the room left of zero below holds a label, not a scale of losses.
    ticks = round_ticks(low, high, count=4)
    fig.update_xaxes(
        tickvals=ticks,
        ticktext=[format_percent(tick, signed=True) for tick in ticks],
        title_text="ROI: (revenue − spend) ÷ spend",
        # Room for a losing bar's label left of zero, however small the loss is beside the best return:
        # in a half column a fifth of the span fits "−38%", three tenths leave a gap before the name.
        range=[low - 0.3 * (high - low) if low < 0 else 0, high],
    )
    losing = channels[channels["roi"] < 0]
    if channels.empty:
        title = "No channel has spend, so no ROI yet"
    elif losing.empty:
        title = f"All {len(channels)} channels with spend returned more than they cost"
    else:
        worst = losing.iloc[0]
        title = (
            f"{len(losing)} of {counted(len(channels), 'channel')} returned less than {'it' if len(losing) == 1 else 'they'} cost; "
            f"{worst['channel']} lost the most (ROI {format_percent(worst['roi'], signed=True)})"
        )
    return layout(fig, title, "First-year revenue attributed to each channel, against its spend")
