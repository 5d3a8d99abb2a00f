"""Plotly figures of the channel budget: planned against last year's spend, each channel's response curve, and spend by month."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from planner.budget.allocate import Allocation
from planner.budget.phasing import before_year
from planner.budget.setup import ChannelSetup
from planner.charts import BAD_COLOUR, GOOD_COLOUR, MUTED, PLAN_COLOUR, TODAY_COLOUR, hbar, layout
from planner.charts.style import literal, money_ticks
from planner.fiscal import month_label
from planner.money import format_money, format_money_figures, format_percent, plotly_money_format

CHANNEL_COLOURS = (
    PLAN_COLOUR, TODAY_COLOUR, GOOD_COLOUR, "#6c4fb3", "#0f9aa8", "#b5568c", BAD_COLOUR, "#7a5c2e", MUTED, "#3d6e8f",
)  # fmt: skip
CURVE_COLUMNS = 3


def text(name: str) -> str:
    """A channel name inside a hover template, which `layout()` leaves alone: its markup cannot work there.
    Everywhere else names go in raw, and `layout()` makes them literal once."""
    return literal(name)


def channel_colours(names) -> dict[str, str]:
    """One colour per channel, the same in every budget chart."""
    return {name: CHANNEL_COLOURS[i % len(CHANNEL_COLOURS)] for i, name in enumerate(dict.fromkeys(names))}


def spend_chart(allocation: Allocation, currency: str = "USD") -> go.Figure:
    """Planned against last year's spend, per channel, largest planned spend on top."""
    prefix, hover = plotly_money_format(currency)
    frame = allocation.frame.sort_values("spend", kind="stable")
    names = list(frame["channel"])
    fig = go.Figure(
        [
            hbar("Last year", names, frame["last_year_spend"].fillna(0), MUTED,
                 f"%{{y}}, last year: {prefix}%{{x:{hover}}}<extra></extra>"),
            hbar("Planned", names, frame["spend"], PLAN_COLOUR,
                 f"%{{y}}, planned: {prefix}%{{x:{hover}}}<extra></extra>"),
        ]
    )  # fmt: skip
    fig.update_layout(barmode="group", height=max(420, 140 + 46 * len(frame)))
    widest = max(frame["spend"].max(), frame["last_year_spend"].fillna(0).max()) if len(frame) else 0.0
    fig.update_xaxes(title_text=f"Spend a year ({currency})", rangemode="tozero", **money_ticks(0, widest, currency))
    last = float(frame["last_year_spend"].fillna(0).sum())
    planned = allocation.budget
    change = frame["change"].dropna()
    title = f"{format_money_figures(planned, currency)} planned across the channels"
    if last > 0:
        title += f", {format_percent(planned / last - 1, signed=True)} on last year's {format_money_figures(last, currency)}"
    if len(change) and change.max() > 0.5:
        up = frame.loc[change.idxmax()]
        title += f"; {up['channel']} grows most"
    subtitle = "Each channel's planned spend against last year's"
    if len(change) and change.min() < -0.5:
        down = frame.loc[change.idxmin()]
        subtitle += f"; {down['channel']} gives up most ({format_money(-down['change'], currency)})"
    return layout(fig, title, subtitle)


def _grid(count: int) -> tuple[int, int]:
    columns = min(CURVE_COLUMNS, max(count, 1))
    return math.ceil(max(count, 1) / columns), columns


def _panel_axes(index: int, rows: int, columns: int) -> tuple[str, dict, dict]:
    """Axis names and domains of small multiple `index` (0-based, filled row by row from the top)."""
    row, col = divmod(index, columns)
    gap_x, gap_y = 0.07, min(0.45 / rows, 0.12)
    width, height = (1 - gap_x * (columns - 1)) / columns, (1 - gap_y * (rows - 1)) / rows
    x0, y1 = col * (width + gap_x), 1 - row * (height + gap_y)
    suffix = "" if index == 0 else str(index + 1)
    # Rounded, so float noise never puts a domain a hair outside [0, 1].
    return suffix, {"domain": [round(x0, 6), round(x0 + width, 6)]}, {"domain": [round(y1 - height, 6), round(y1, 6)]}


def curves_chart(setup: ChannelSetup, allocation: Allocation, currency: str = "USD") -> go.Figure:
    """Each paid channel's customers against its spend: the curve, its bounds shaded, last year's point and the plan's."""
    prefix, hover = plotly_money_format(currency)
    paid = [c for c in setup.channels if c.kind == "paid"]
    planned = allocation.frame.set_index("channel")
    rows, columns = _grid(len(paid))
    # Small multiples laid out by hand: make_subplots and add_vrect cost a slider move half a second.
    traces, shapes, titles, axes = [], [], [], {}
    for i, channel in enumerate(paid):
        suffix, x_axis, y_axis = _panel_axes(i, rows, columns)
        x, y = f"x{suffix}", f"y{suffix}"
        axes[f"yaxis{suffix}"] = {**y_axis, "anchor": x, "rangemode": "tozero", "nticks": 4}
        name = channel.name
        titles.append({"text": name, "x": sum(x_axis["domain"]) / 2, "y": y_axis["domain"][1], "xref": "paper",
                       "yref": "paper", "xanchor": "center", "yanchor": "bottom", "showarrow": False,
                       "font": {"size": 15}})  # fmt: skip
        spend, bought = float(planned.loc[channel.name, "spend"]), float(planned.loc[channel.name, "customers"])
        last_spend = channel.last_year_spend or 0.0
        last_customers = channel.last_year_volume * channel.per_unit.get("customers", math.nan)
        top = max(spend, last_spend, channel.max_spend if math.isfinite(channel.max_spend) else 0) * 1.15 or 1.0
        axes[f"xaxis{suffix}"] = {**x_axis, "anchor": y, "rangemode": "tozero", **money_ticks(0, top, currency, count=3)}
        curve = channel.channel()
        xs = np.linspace(0, top, 60)
        ys = curve.curve.volume(xs) * curve.customers_per_unit
        if channel.max_spend > channel.min_spend:
            shapes.append({"type": "rect", "xref": x, "yref": f"{y} domain", "x0": channel.min_spend,
                           "x1": min(channel.max_spend, top), "y0": 0, "y1": 1, "fillcolor": PLAN_COLOUR,
                           "opacity": 0.07, "line": {"width": 0}, "layer": "below"})  # fmt: skip
        common = {"xaxis": x, "yaxis": y}
        traces += [
            go.Scatter(
                x=xs, y=ys, mode="lines", line={"color": PLAN_COLOUR, "width": 2}, name="Response curve",
                showlegend=i == 0, legendgroup="curve", **common,
                hovertemplate=f"{text(name)}: {prefix}%{{x:{hover}}} buys %{{y:.1f}} customers<extra></extra>",
            ),
            go.Scatter(
                x=[last_spend], y=[last_customers], mode="markers", name="Last year", showlegend=i == 0,
                legendgroup="last", marker={"color": "white", "size": 11, "line": {"color": TODAY_COLOUR, "width": 2.5}},
                hovertemplate=f"{text(name)}, last year: {prefix}%{{x:{hover}}}, %{{y:.1f}} customers<extra></extra>", **common,
            ),
            go.Scatter(
                x=[spend], y=[bought], mode="markers", name="Planned", showlegend=i == 0, legendgroup="plan",
                marker={"color": PLAN_COLOUR, "size": 12, "symbol": "diamond"}, **common,
                hovertemplate=f"{text(name)}, planned: {prefix}%{{x:{hover}}}, %{{y:.1f}} customers<extra></extra>",
            ),
        ]  # fmt: skip
    fig = go.Figure(traces)
    fig.update_layout(
        **axes, shapes=shapes, annotations=titles, height=max(380, 110 + 250 * rows), showlegend=False,
    )  # fmt: skip
    free = allocation.frame[(allocation.frame["kind"] == "paid") & allocation.frame["marginal_cac"].notna()]
    if len(free):
        cheap, dear = free.loc[free["marginal_cac"].idxmin()], free.loc[free["marginal_cac"].idxmax()]
        title = (
            f"The next customer costs {format_money(cheap['marginal_cac'], currency)} in {cheap['channel']} "
            f"and {format_money(dear['marginal_cac'], currency)} in {dear['channel']}"
        )
    else:
        title = "No channel can take more spend"
    return layout(
        fig, title,
        "Customers a year against spend, per channel: the line is its response curve, shaded the spend its "
        "bounds allow; ○ last year, ◆ planned",
    )  # fmt: skip


def monthly_chart(
    phasing: pd.DataFrame, fiscal_year: int, start_month: int, currency: str = "USD", lag_days: float = 0.0
) -> go.Figure:
    """Spend by month stacked by channel, months before the fiscal year marked ◂."""
    prefix, hover = plotly_money_format(currency)
    months = sorted(phasing["month"].unique())
    # Month over year on two lines, so 16 months read level without crowding.
    labels = [month_label(fiscal_year, start_month, int(m)).replace(" ", "\n") + (" ◂" if m < 0 else "") for m in months]
    colours = channel_colours(phasing["channel"])
    fig = go.Figure()
    for channel, colour in colours.items():
        mine = phasing[phasing["channel"] == channel].set_index("month")["spend"].reindex(months, fill_value=0)
        if not mine.any():
            continue
        fig.add_trace(go.Bar(
            name=channel, x=labels, y=mine.to_numpy(), marker_color=colour,
            hovertemplate=f"%{{x}}, {text(channel)}: {prefix}%{{y:{hover}}}<extra></extra>",
        ))  # fmt: skip
    fig.update_layout(barmode="stack", legend={"orientation": "h", "yanchor": "top", "y": -0.3, "xanchor": "left", "x": 0})
    fig.update_xaxes(tickangle=0)
    by_month = phasing.groupby("month")["spend"].sum()
    tallest = float(by_month.max()) if len(by_month) else 0.0
    fig.update_yaxes(title_text=f"Spend ({currency})", rangemode="tozero", **money_ticks(0, tallest, currency))
    early = before_year(phasing)
    spending = by_month[by_month > 0.5]
    if not len(spending):
        title = "No spend in any month"
    elif spending.max() <= spending.median() * 1.01:
        # Flat seasonality: the first and last months carry part of a month, the rest the same amount.
        first, last = (month_label(fiscal_year, start_month, int(m)) for m in (spending.index[0], spending.index[-1]))
        title = f"About {format_money(spending.median(), currency)} a month from {first} to {last}"
    else:
        peak = month_label(fiscal_year, start_month, int(spending.idxmax()))
        title = f"Spend peaks in {peak} at {format_money(spending.max(), currency)}"
    if early > 0.5:
        title = f"{format_money(early, currency)} before the year starts; {title[0].lower()}{title[1:]}"
    lead = f"{lag_days:.0f} days ahead of the customers it buys" if lag_days else "in the months of its customers"
    subtitle = (
        f"Spend by month, stacked by channel, {lead}; ◂ marks months before the fiscal year"
        if early > 0.5 else f"Spend by month, stacked by channel, {lead}"
    )  # fmt: skip
    return layout(fig, title, subtitle)
