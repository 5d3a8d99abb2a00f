"""Charts of how sure the plan is: the fan of cumulative customers and the histogram of year-end revenue."""

from __future__ import annotations

import plotly.graph_objects as go

from planner.charts.style import PLAN_COLOUR, TODAY_COLOUR, layout, money_ticks
from planner.fiscal import month_label
from planner.money import format_count, format_money, plotly_money_format
from planner.words import counted


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
        f"{result.p_customers:.0%} chance of {counted(result.goal_customers, 'customer')} by year end",
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
    outcomes = [*result.revenue_sample, result.goal_revenue]
    fig.update_xaxes(
        title_text=f"New revenue in the year ({currency})", **money_ticks(min(outcomes), max(outcomes), currency)
    )
    fig.update_yaxes(title_text="Simulated years")
    return layout(
        fig,
        f"{result.p_revenue:.0%} chance of the {format_money(result.goal_revenue, currency)} goal from new customers",
        f"Median year {format_money(result.revenue_p50, currency)}; 8 in 10 between "
        f"{format_money(result.revenue_p10, currency)} and {format_money(result.revenue_p90, currency)}",
    )
