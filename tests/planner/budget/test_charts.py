"""The Budget page's charts write their money axes as the cards write money ($200K, $1.2M)."""

from __future__ import annotations

from pathlib import Path

import plotly.graph_objects as go
import pytest

from planner.budget.charts import curves_chart, monthly_chart, spend_chart
from planner.budget_plan import budget_view, chosen_budget
from planner.io.plan_file import read_plan_file

SAMPLE = Path(__file__).resolve().parents[3] / "sample_data" / "sample_company_plan.json"


@pytest.fixture(scope="module")
def charts() -> dict[str, go.Figure]:
    plan = read_plan_file(SAMPLE)
    view = budget_view(plan)
    chosen = chosen_budget(view, view.total)
    money = plan.currency
    return {
        "spend": spend_chart(chosen.allocation, money),
        "curves": curves_chart(view.setup, chosen.allocation, money),
        "months": monthly_chart(chosen.phasing, plan.fiscal_year, plan.fiscal_year_start_month, money, view.lag_days),
    }


def money_axes(fig: go.Figure) -> list:
    """Every axis of `fig` that carries money: its title names the currency, or it is a panel's spend."""
    return [
        fig.layout[name]
        for name in fig.layout
        if name.startswith(("xaxis", "yaxis")) and fig.layout[name].ticktext
    ]


@pytest.mark.parametrize("name", ["spend", "curves", "months"])
def test_money_axes_have_the_cards_ticks_not_plotlys(charts, name):
    fig = charts[name]
    axes = money_axes(fig)

    assert axes, f"the {name} chart writes its own money ticks"
    for axis in axes:
        assert axis.tickprefix is None, "no Plotly-chosen ticks behind a currency sign ($200k)"
        assert axis.ticktext[0] == "$0" and not any(text.endswith("k") for text in axis.ticktext)
        assert any(text.endswith(("K", "M")) for text in axis.ticktext), axis.ticktext
    if name == "spend":
        # The widest bar is on the axis: a tick reaches past it.
        widest = max(max(bar.x) for bar in fig.data)
        assert max(axes[0].tickvals) >= widest
