"""Plotly figures shared by the pages, the slide export and the tests, in one projector-ready style."""

from __future__ import annotations

import math
import textwrap

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from planner.fiscal import month_label
from planner.funnel import FunnelVolumes
from planner.goals import GoalPlan
from planner.money import format_count, format_money, format_rate, plotly_money_format

TEMPLATE = "planner"
# Colour-blind-safe blue/orange pair for "plan" vs "today", plus muted greys.
PLAN_COLOUR, TODAY_COLOUR, GOOD_COLOUR, BAD_COLOUR, MUTED = (
    "#1f5fa8",
    "#e07b00",
    "#2e8b57",
    "#c0392b",
    "#8a94a6",
)
SLIDE_WIDTH, SLIDE_HEIGHT = 1920, 1080

pio.templates[TEMPLATE] = go.layout.Template(
    layout=go.Layout(
        font={"family": "Inter, Segoe UI, Helvetica, Arial, sans-serif", "size": 16, "color": "#1d2433"},
        title={"font": {"size": 22}, "x": 0, "xanchor": "left"},
        colorway=[PLAN_COLOUR, TODAY_COLOUR, GOOD_COLOUR, BAD_COLOUR, MUTED, "#6c4fb3"],
        paper_bgcolor="white",
        plot_bgcolor="white",
        margin={"l": 20, "r": 30, "t": 80, "b": 50},
        xaxis={"gridcolor": "#e6e9ef", "zerolinecolor": "#c5cad3", "automargin": True},
        yaxis={"gridcolor": "#e6e9ef", "zerolinecolor": "#c5cad3", "automargin": True},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "xanchor": "right", "x": 1},
        hoverlabel={"font": {"size": 15}},
    )
)


# Plotly does not wrap titles; these widths fit a half-width column and a slide alike.
TITLE_CHARS, SUBTITLE_CHARS = 52, 80


def wrap(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width=width, break_long_words=False) or [""]


def layout(fig: go.Figure, title: str, subtitle: str | None = None) -> go.Figure:
    """The house style: a title that states the point, wrapped, with a smaller subtitle below."""
    lines = wrap(title, TITLE_CHARS)
    sub_lines = wrap(subtitle, SUBTITLE_CHARS) if subtitle else []
    text = "<br>".join(lines)
    if sub_lines:
        text += "<br><span style='font-size:14px;color:#5b6475'>" + "<br>".join(sub_lines) + "</span>"
    legend_room = 34 if len(fig.data) > 1 else 0
    top = 30 + 28 * len(lines) + 19 * len(sub_lines) + legend_room
    fig.update_layout(
        template=TEMPLATE,
        title={"text": text, "y": 1, "yref": "container", "yanchor": "top", "pad": {"t": 16}},
        margin={"t": top},
        # The plain title and subtitle, for a slide that shows them as text above the chart.
        meta={"title": title, "subtitle": subtitle or ""},
    )
    return fig


def hbar(name: str, labels, values, colour, hover: str, **extra) -> go.Bar:
    """A horizontal bar trace in the house style."""
    return go.Bar(
        name=name, y=labels, x=values, orientation="h", marker_color=colour, hovertemplate=hover, **extra
    )


def revenue_bridge_chart(goal: GoalPlan, currency: str = "USD") -> go.Figure:
    """Waterfall from the revenue goal, less what existing customers and referrals bring."""
    prefix, hover = plotly_money_format(currency)
    steps = [
        ("Goal", "absolute", goal.revenue_goal),
        ("Upsell", "relative", -goal.expansion_revenue),
        ("Referrals", "relative", -goal.referral_revenue),
        ("From marketing", "total", goal.marketing_revenue),
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
    fig.update_yaxes(title_text=f"Revenue ({currency})", tickprefix=prefix, rangemode="tozero")
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
    bars = [
        go.Bar(
            name="From marketing",
            x=per_month["month"],
            y=per_month["marketing_customers"],
            marker_color=PLAN_COLOUR,
            hovertemplate="%{x}: %{y:.2f} from marketing<extra></extra>",
        )
    ]
    if goal.planned_referral_customers > 0:
        bars.append(
            go.Bar(
                name="From referrals",
                x=per_month["month"],
                y=per_month["referral_customers"],
                marker_color=GOOD_COLOUR,
                hovertemplate="%{x}: %{y:.2f} from referrals<extra></extra>",
            )
        )
    fig = go.Figure(bars)
    fig.update_layout(barmode="stack", showlegend=len(bars) > 1)
    fig.update_yaxes(title_text="New customers")
    return layout(
        fig,
        f"{format_count(goal.planned_customers)} new customers: "
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
            textposition="inside",
            customdata=values,
            hovertemplate=f"%{{y}}: %{{customdata:,.2f}} {period}<extra></extra>",
            marker={"color": PLAN_COLOUR},
            connector={"fillcolor": "#dbe6f4"},
            insidetextfont={"color": "white", "size": 17},
        )
    )
    fig.update_yaxes(title_text=None)
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
    hover = "%{y}: %{customdata} → %{x:+,.0f} " + top_stage.lower() + "<extra></extra>"
    fig = go.Figure(
        [
            hbar(
                "Rate improves", order["transition"], order["required_top_change_up"], GOOD_COLOUR, hover,
                customdata=[format_rate(r) for r in order["rate_up"]],
            ),
            hbar(
                "Rate worsens", order["transition"], order["required_top_change_down"], BAD_COLOUR, hover,
                customdata=[format_rate(r) for r in order["rate_down"]],
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


def slide_config(filename: str) -> dict:
    """Plotly toolbar settings: the camera saves a 16:9 PNG at slide resolution."""
    return {
        "displaylogo": False,
        "toImageButtonOptions": {
            "format": "png",
            "filename": filename,
            "width": SLIDE_WIDTH,
            "height": SLIDE_HEIGHT,
            "scale": 1,
        },
    }


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
    fig = go.Figure(
        go.Bar(
            y=channels["channel"],
            x=channels["cac"],
            orientation="h",
            marker_color=[GOOD_COLOUR if c <= portfolio else BAD_COLOUR for c in channels["cac"]],
            text=[format_money(c, currency) for c in channels["cac"]],
            textposition="outside",
            cliponaxis=False,
            hovertemplate=f"%{{y}}: CAC {prefix}%{{x:{hover}}}<extra></extra>",
        )
    )
    # Room on the right for the largest bar's label.
    fig.update_xaxes(
        title_text=f"CAC ({currency})", tickprefix=prefix, range=[0, _padded_max(channels["cac"])]
    )
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
            text=[f"{r:+.0%}" for r in channels["roi"]],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: ROI %{x:+.0%}<extra></extra>",
        )
    )
    low = min(channels["roi"].min(), 0) if not channels.empty else 0
    high = _padded_max(channels["roi"])
    fig.update_xaxes(
        tickformat="+.0%",
        title_text="ROI: (revenue − spend) ÷ spend",
        # Room for a losing bar's label left of zero, however small the loss is beside the best return.
        range=[low - 0.18 * (high - low) if low < 0 else 0, high],
    )
    losing = channels[channels["roi"] < 0]
    if channels.empty:
        title = "No channel has spend, so no ROI yet"
    elif losing.empty:
        title = f"All {len(channels)} channels with spend returned more than they cost"
    else:
        worst = losing.iloc[0]
        title = (
            f"{len(losing)} of {len(channels)} channels returned less than they cost; "
            f"{worst['channel']} lost the most (ROI {worst['roi']:+.0%})"
        )
    return layout(fig, title, "First-year revenue attributed to each channel, against its spend")


def fan_chart(result, fiscal_year: int, start_month: int) -> go.Figure:
    """Cumulative customers over the year: the P10–P90 band, the median, and the goal."""
    months = [month_label(fiscal_year, start_month, m) for m in range(len(result.cumulative_p50))]
    fig = go.Figure(
        [
            go.Scatter(
                x=months, y=result.cumulative_p90, mode="lines", line={"width": 0}, showlegend=False,
                hovertemplate="%{x}: P90 %{y:.0f}<extra></extra>",
            ),
            go.Scatter(
                x=months, y=result.cumulative_p10, mode="lines", fill="tonexty", fillcolor="rgba(31,95,168,0.18)",
                line={"width": 0}, name="P10–P90 (8 years in 10)", hovertemplate="%{x}: P10 %{y:.0f}<extra></extra>",
            ),
            go.Scatter(
                x=months, y=result.cumulative_p50, mode="lines", line={"color": PLAN_COLOUR, "width": 3}, name="Median year",
                hovertemplate="%{x}: median %{y:.0f} customers<extra></extra>",
            ),
        ]
    )  # fmt: skip
    fig.add_hline(y=result.goal_customers, line_dash="dash", line_color=TODAY_COLOUR)
    fig.add_annotation(
        x=months[0], y=result.goal_customers, text=f"goal {format_count(result.goal_customers)}",
        showarrow=False, yanchor="bottom", xanchor="left", font={"color": TODAY_COLOUR},
    )  # fmt: skip
    fig.update_yaxes(title_text="Customers so far", rangemode="tozero")
    return layout(
        fig,
        f"{result.p_customers:.0%} chance of {format_count(result.goal_customers)} customers by year end",
        f"{result.simulations:,} simulated years at {format_count(result.top_per_month)} a month at the top; "
        f"8 in 10 end between {result.customers_p10:.0f} and {result.customers_p90:.0f}",
    )


def revenue_histogram(result, currency: str = "USD") -> go.Figure:
    """Year-end new revenue across simulated years, with the revenue goal marked."""
    prefix, hover = plotly_money_format(currency)
    fig = go.Figure(
        go.Histogram(
            x=list(result.revenue_sample), nbinsx=40, marker_color=PLAN_COLOUR,
            hovertemplate=f"{prefix}%{{x:{hover}}}: %{{y}} years<extra></extra>",
        )
    )  # fmt: skip
    fig.add_vline(x=result.goal_revenue, line_dash="dash", line_color=TODAY_COLOUR)
    fig.update_xaxes(title_text=f"New revenue in the year ({currency})", tickprefix=prefix)
    fig.update_yaxes(title_text="Simulated years")
    return layout(
        fig,
        f"{result.p_revenue:.0%} chance of the {format_money(result.goal_revenue, currency)} goal from new customers",
        f"Median year {format_money(result.revenue_p50, currency)}; 8 in 10 between "
        f"{format_money(result.revenue_p10, currency)} and {format_money(result.revenue_p90, currency)}",
    )
