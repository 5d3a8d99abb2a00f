"""Native charts carry planner's numbers; funnels, the bridge and heatmaps are pictures, not charts."""

import pandas as pd
import pytest
from pptx.enum.chart import XL_CHART_TYPE

from planner import example_plan, gap_to_today, plan_targets, sensitivity
from planner.charts import funnel_chart, revenue_bridge_chart, share_chart
from planner.export import build_deck, chart_series
from planner.roadmap import budget_table
from tests.planner.export.decks import (
    TODAY,
    chart_title,
    charts,
    open_deck,
    pictures,
    slide_by_title,
    slide_title,
)


def test_bar_and_column_charts_are_native_and_carry_planners_numbers(fake_pictures):
    plan = example_plan()
    targets = plan_targets(plan)
    goal = targets.goal

    deck = open_deck(build_deck(plan, today=TODAY, render_picture=fake_pictures))

    per_month = goal.per_month(plan.fiscal_year)
    (customers,) = charts(slide_by_title(deck, f"{goal.planned_customers:.0f} new customers:"))
    assert customers.chart_type == XL_CHART_TYPE.COLUMN_STACKED
    assert list(customers.plots[0].categories) == list(per_month["month"])
    assert customers.series[0].values == pytest.approx(list(per_month["marketing_customers"]))

    (gap,) = charts(slide_by_title(deck, "Off track at"))
    assert gap.chart_type == XL_CHART_TYPE.BAR_CLUSTERED
    expected = gap_to_today(targets.monthly, plan.funnel.today)
    series = {s.name: s.values for s in gap.series}
    assert series["Required"] == pytest.approx(list(expected["required"]))
    assert series["Today"] == pytest.approx(list(expected["today"]))

    ranked = sensitivity(targets.monthly.bottom, plan.funnel.rates, top_today=6000, mode="points")
    (lever,) = charts(slide_by_title(deck, f"{ranked['transition'][0]} moves the plan most"))
    assert lever.chart_type == XL_CHART_TYPE.BAR_CLUSTERED
    improves = dict(zip(lever.plots[0].categories, lever.series[0].values, strict=True))
    assert improves == pytest.approx(
        dict(zip(ranked["transition"], ranked["required_top_change_up"], strict=True))
    )


def test_review_charts_are_native_with_last_years_numbers(fake_pictures, review):
    deck = open_deck(build_deck(example_plan(), review, today=TODAY, render_picture=fake_pictures))

    (cac,) = charts(slide_by_title(deck, "CAC runs from"))
    assert cac.chart_type == XL_CHART_TYPE.BAR_CLUSTERED
    channels = review.summary[~review.summary["is_total"]].dropna(subset=["cac"]).sort_values("cac")
    assert dict(zip(cac.plots[0].categories, cac.series[0].values, strict=True)) == pytest.approx(
        dict(zip(channels["channel"], channels["cac"], strict=True))
    )
    share = charts(slide_by_title(deck, "Blog / SEO won"))[0]
    assert {s.name for s in share.series} == {"Share of spend", "Share of customers"}


def test_funnel_bridge_and_heatmap_are_pictures_not_charts(fake_pictures):
    plan = example_plan()
    targets = plan_targets(plan)

    deck = open_deck(build_deck(plan, today=TODAY, render_picture=fake_pictures))

    drawn = {chart_title(fig) for fig, _, _ in fake_pictures.drawn}
    for fig_title in (
        chart_title(funnel_chart(targets.monthly)),
        chart_title(revenue_bridge_chart(targets.goal)),
    ):
        slide = slide_by_title(deck, fig_title)
        assert pictures(slide) and not charts(slide)
        assert fig_title in drawn
    schedule = [s for s in deck.slides if slide_title(s).startswith("The pipeline must start")]
    assert schedule and pictures(schedule[0])
    assert all(fig.layout.title.text is None for fig, _, _ in fake_pictures.drawn), (
        "the slide holds the title"
    )


def test_the_budget_chart_is_native_columns_with_the_allocation_as_a_line(fake_pictures):
    plan = example_plan()

    deck = open_deck(build_deck(plan, today=TODAY, render_picture=fake_pictures))

    (chart,) = charts(slide_by_title(deck, "Every quarter within allocation"))
    bars, line = chart.plots
    assert chart.chart_type == XL_CHART_TYPE.COLUMN_STACKED
    assert list(bars.categories) == ["Q1", "Q2", "Q3", "Q4"]
    table = budget_table(plan.roadmap).pivot(index="quarter", columns="focus_area", values="budget")
    for series in bars.series:
        expected = table[series.name].reindex(["Q1", "Q2", "Q3", "Q4"])
        assert [0 if v is None else v for v in series.values] == pytest.approx(list(expected.fillna(0)))
    assert {s.name for s in bars.series} == set(table.columns)
    (allocation,) = line.series
    assert allocation.name == "Allocation"
    assert allocation.values == pytest.approx([plan.roadmap.allocation(n) for n in (1, 2, 3, 4)])


def test_a_channel_named_in_html_reaches_the_slide_as_the_text_typed():
    summary = pd.DataFrame(
        {"channel": ["<b>Best</b> & co", "Total"], "is_total": [False, True], "spend_share": [0.4, 1.0],
         "customer_share": [0.6, 1.0]}
    )  # fmt: skip

    categories, series = chart_series(share_chart(summary))

    assert categories == ["<b>Best</b> & co"]
    assert [name for name, _ in series] == ["Share of spend", "Share of customers"]
