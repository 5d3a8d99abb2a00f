"""The house style: titles wrap with room for them, the camera saves slide-size PNGs, and the template is applied by name."""

import html
import inspect
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import plotly.graph_objects as go
import plotly.io as pio
import pytest

import planner.abm.charts
import planner.charts.confidence
import planner.charts.plan
import planner.charts.review
import planner.roadmap.charts
from planner import example_plan, gap_to_today, plan_goals, plan_targets, sensitivity, stage_schedule
from planner.abm import abm_report
from planner.abm.charts import account_funnel_chart, cta_chart, engagement_heatmap, nps_chart
from planner.charts import (
    NARROW_TITLE_PX,
    NARROW_WIDTH,
    SLIDE_HEIGHT,
    SLIDE_WIDTH,
    TEMPLATE,
    cac_chart,
    customers_per_month_chart,
    fan_chart,
    fit_title,
    for_room,
    funnel_chart,
    gap_chart,
    literal,
    money_ticks,
    revenue_bridge_chart,
    revenue_histogram,
    roi_chart,
    round_ticks,
    schedule_chart,
    share_chart,
    slide_config,
    tornado_chart,
)
from planner.charts.style import line_chars
from planner.confidence import confidence
from planner.fiscal import quarter_dates
from planner.goals import GoalInputs
from planner.io import read_account_activity, read_channel_table, read_cta_events, read_nps_responses
from planner.plan import replace, roadmap_traffic
from planner.review import channel_summary
from planner.roadmap import goal_progress, hypothesis_table, review_dates
from planner.roadmap.charts import budget_chart, hypothesis_chart, progress_chart, timeline_chart

SAMPLES = Path(__file__).resolve().parents[3] / "sample_data"
CHART_MODULES = (
    planner.charts.plan,
    planner.charts.review,
    planner.charts.confidence,
    planner.roadmap.charts,
    planner.abm.charts,
)


def test_long_titles_wrap_and_leave_room_for_them():
    fig = revenue_bridge_chart(plan_goals(GoalInputs()), "USD")

    assert "<br>" in fig.layout.title.text
    assert fig.layout.margin.t >= 30 + 28 * 2


def test_camera_saves_a_slide_size_png():
    options = slide_config("funnel")["toImageButtonOptions"]

    assert (options["width"], options["height"], options["format"]) == (SLIDE_WIDTH, SLIDE_HEIGHT, "png")
    assert (SLIDE_WIDTH, SLIDE_HEIGHT) == (1920, 1080)


def test_importing_every_chart_module_leaves_plotlys_default_template_alone():
    # A fresh interpreter: in this one the modules are imported already.
    script = (
        "import plotly.io as pio; pio.templates.default = 'simple_white'; "
        "import planner.charts, planner.charts.style, planner.charts.plan, planner.charts.review, "
        "planner.charts.confidence, planner.roadmap.charts, planner.abm.charts, planner.export; "
        "print(pio.templates.default, 'planner' in pio.templates)"
    )

    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)

    assert result.stdout.split() == ["simple_white", "True"], "the house template is registered, not the default"


@pytest.fixture(scope="module")
def every_figure() -> Iterator[dict[str, go.Figure]]:
    """One figure from every chart function the app draws, from the worked example and the sample files,
    built while Plotly's default template is another one."""
    default = pio.templates.default
    pio.templates.default = "plotly_dark"
    try:
        yield _figures()
    finally:
        pio.templates.default = default


def _figures() -> dict[str, go.Figure]:
    plan = example_plan()
    targets, funnel, money = plan_targets(plan), plan.funnel, plan.currency
    goal = targets.goal
    quarter, year, start = plan.roadmap.quarter(1), plan.fiscal_year, plan.fiscal_year_start_month
    traffic = roadmap_traffic(plan)
    summary = channel_summary(read_channel_table(SAMPLES / "channels_2025.csv"))
    report = abm_report(
        read_account_activity(SAMPLES / "abm_accounts_2025.csv"),
        read_cta_events(SAMPLES / "abm_cta_events_2025.csv"),
        read_nps_responses(SAMPLES / "abm_nps_2025.csv"),
        plan.abm,
    )
    sure = confidence(
        targets.monthly.top, funnel.rates, goal.planned_marketing_customers, goal.revenue_goal,
        plan.goals.avg_deal_size, n=500,
    )  # fmt: skip
    return {
        "revenue_bridge_chart": revenue_bridge_chart(goal, money),
        "customers_per_month_chart": customers_per_month_chart(goal.per_month(year, start), goal),
        "funnel_chart": funnel_chart(targets.monthly),
        "gap_chart": gap_chart(gap_to_today(targets.monthly, funnel.today)),
        "tornado_chart": tornado_chart(
            sensitivity(targets.monthly.bottom, funnel.rates, funnel.stages), funnel.stages[0], "points"
        ),
        "schedule_chart": schedule_chart(stage_schedule(funnel.funnel(), targets.monthly_customers), year, start),
        "share_chart": share_chart(summary),
        "cac_chart": cac_chart(summary, money),
        "roi_chart": roi_chart(summary),
        "fan_chart": fan_chart(sure, year, start),
        "revenue_histogram": revenue_histogram(sure, money),
        "timeline_chart": timeline_chart(
            quarter.initiatives, 1, *quarter_dates(year, 1, start), review_dates(year, 1, start)
        ),
        "budget_chart": budget_chart(plan.roadmap, money),
        "progress_chart": progress_chart(goal_progress(quarter, year, 1, start), 1),
        "hypothesis_chart": hypothesis_chart(
            hypothesis_table(quarter, funnel.funnel(), traffic.volume, plan.goals.avg_deal_size), money
        ),
        "engagement_heatmap": engagement_heatmap(report.engagement, report.current, report.directions),
        "account_funnel_chart": account_funnel_chart(report.funnel, report.current),
        "cta_chart": cta_chart(report.cta),
        "nps_chart": nps_chart(report.nps_breakdown, report.nps),
    }


def test_every_chart_function_is_checked_for_the_house_template(every_figure):
    public = {
        name
        for module in CHART_MODULES
        for name, function in inspect.getmembers(module, inspect.isfunction)
        if function.__module__ == module.__name__ and not name.startswith("_")
    }

    assert public == set(every_figure), "a new chart function needs a figure in every_figure"


def test_every_figure_carries_the_house_template_whatever_plotlys_default(every_figure):
    for name, fig in every_figure.items():
        assert fig.layout.template == pio.templates[TEMPLATE], name
        assert go.Figure(fig).layout.template == pio.templates[TEMPLATE], f"{name}, copied for a slide"


HOSTILE_STAGE = "<i>Leads</i> <a href='http://x'>link</a> & co"


def hostile_plan():
    plan = example_plan()
    stages = list(plan.funnel.stages)
    stages[1] = HOSTILE_STAGE
    return replace(plan, funnel=replace(plan.funnel, stages=tuple(stages)))


def test_a_stage_named_in_html_is_shown_as_typed_in_labels_titles_hovers_and_axes():
    plan = hostile_plan()
    targets = plan_targets(plan)
    ranked = sensitivity(targets.monthly.bottom, plan.funnel.rates, plan.funnel.stages, mode="points")
    figures = [funnel_chart(targets.monthly), tornado_chart(ranked, HOSTILE_STAGE, "points")]

    for fig in figures:
        shown = fig.to_json()
        assert "<i>" not in shown and "<a " not in shown
        assert "&lt;i&gt;" in shown
    assert figures[0].data[0].y[1] == "&lt;i&gt;Leads&lt;/i&gt; &lt;a href='http://x'&gt;link&lt;/a&gt; &amp; co"
    assert figures[1].layout.xaxis.title.text.startswith("Change in &lt;i&gt;leads")
    assert "%{meta}" in figures[1].data[0].hovertemplate


def test_the_figures_own_line_breaks_survive_and_the_slide_title_stays_plain():
    fig = revenue_bridge_chart(plan_goals(GoalInputs()), "USD")

    assert "<br>" in fig.layout.title.text and "<span style=" in fig.layout.title.text
    assert literal("Q1 push\nsecond line") == "Q1 push<br>second line"
    assert fig.layout.meta["title"] == fig.layout.meta["title"].replace("&lt;", "<")


def _title_lines(fig: go.Figure) -> list[str]:
    text = fig.layout.title.text.split("<span")[0]
    return [html.unescape(line) for line in text.split("<br>") if line]


def test_a_title_rewrapped_for_a_half_width_column_has_shorter_lines_and_more_room(every_figure):
    for name, fig in every_figure.items():
        desk = go.Figure(fig)
        narrow = fit_title(go.Figure(fig), NARROW_WIDTH, NARROW_TITLE_PX)
        assert all(len(line) <= line_chars(NARROW_WIDTH, NARROW_TITLE_PX) for line in _title_lines(narrow)), name
        assert len(_title_lines(narrow)) >= len(_title_lines(desk)), name
        if len(_title_lines(narrow)) > len(_title_lines(desk)):
            assert narrow.layout.margin.t > desk.layout.margin.t, f"{name}: the extra line needs room"
        assert narrow.layout.meta == desk.layout.meta, f"{name}: the slide keeps the plain title"


def test_in_a_meeting_room_every_label_value_and_note_is_at_least_twenty_pixels(every_figure):
    for name, fig in every_figure.items():
        room = for_room(go.Figure(fig))
        assert room.layout.title.font.size >= 28, name
        for axis in [*room.select_xaxes(), *room.select_yaxes()]:
            assert axis.tickfont.size >= 20, name
            assert axis.type != "log" or axis.dtick == 1, f"{name}: a log axis's small 2 and 5 labels"
        for trace in room.data:
            for font in ("textfont", "insidetextfont", "outsidetextfont"):
                if font in trace:
                    assert trace[font].size >= 20, f"{name}: {trace.type} {font}"
        assert all(note.font.size >= 20 for note in room.layout.annotations), name
        assert "font-size:20px" in room.layout.title.text or not room.layout.meta["subtitle"], name


def test_in_a_meeting_room_the_plot_grows_with_its_type_instead_of_giving_its_room_to_the_title(every_figure):
    for name, fig in every_figure.items():
        room = for_room(go.Figure(fig))
        desk_plot = (fig.layout.height or 450) - fig.layout.margin.t
        room_plot = room.layout.height - room.layout.margin.t
        assert room_plot >= desk_plot, f"{name}: the plot got shorter on a shared screen ({desk_plot} → {room_plot} px)"


def test_the_heatmap_keeps_room_for_its_month_labels_and_grows_with_its_title(every_figure):
    fig = every_figure["engagement_heatmap"]
    narrow = fit_title(go.Figure(fig), NARROW_WIDTH, NARROW_TITLE_PX)
    assert narrow.layout.height - narrow.layout.margin.t == fig.layout.height - fig.layout.margin.t
    assert narrow.layout.margin.t > fig.layout.margin.t


def test_the_cac_chart_names_each_cac_on_the_axis_so_the_portfolio_line_crosses_no_label(every_figure):
    fig = every_figure["cac_chart"]
    [bars] = fig.data
    assert bars.text is None, "no value beside a bar, where the dashed portfolio line runs"
    assert list(fig.layout.yaxis.tickvals) == list(bars.y), "the bars keep the channel names (the deck's categories)"
    assert all(re.search(r"\$[\d,.]+K?$", label) for label in fig.layout.yaxis.ticktext), fig.layout.yaxis.ticktext
    assert fig.layout.shapes and fig.layout.shapes[0].line.dash == "dash"


def test_the_cta_chart_gives_each_two_line_label_its_own_room_in_a_half_column(every_figure):
    fig = every_figure["cta_chart"]
    narrow = fit_title(go.Figure(fig), NARROW_WIDTH, NARROW_TITLE_PX)
    ctas = len(fig.data[0].y)
    assert all("<br>" in label for label in fig.data[0].y), "a CTA's name, then its stage"
    # 16 px type on two lines, two bars: about 70 px a CTA keeps one label clear of the next.
    assert narrow.layout.height - narrow.layout.margin.t >= 70 * ctas


def test_money_ticks_are_round_and_written_as_cards_write_money():
    ticks = money_ticks(0, 992_000, "USD")

    assert ticks["ticktext"][:6] == ["$0", "$200K", "$400K", "$600K", "$800K", "$1M"]
    assert max(ticks["tickvals"]) >= 992_000, "the tallest bar has a tick above it"
    below = money_ticks(-30_000, 120_000, "EUR")
    assert "−€50K" in below["ticktext"] and "€0" in below["ticktext"], "a loss reads with a minus sign"
    assert money_ticks(0, 0, "JPY") == {"tickprefix": "¥"}, "nothing to span: Plotly's ticks, with the sign"


def test_no_money_axis_leaves_its_ticks_to_plotly(every_figure):
    for name, fig in every_figure.items():
        for axis in (fig.layout[key] for key in fig.layout if key.startswith(("xaxis", "yaxis"))):
            if "(USD)" in (axis.title.text or ""):
                assert axis.ticktext and axis.tickprefix is None, f"{name}: Plotly would write $200k"


def test_round_ticks_step_by_one_two_or_five_and_reach_past_the_top():
    assert round_ticks(0, 992_000)[:6] == [0, 200_000, 400_000, 600_000, 800_000, 1_000_000]
    assert round_ticks(-0.8, 0.5, count=4)[:4] == [-1.0, -0.5, 0.0, 0.5], "a loss gets its own ticks"
    assert round_ticks(0, 0) == [], "nothing to span"


def test_the_roi_axis_marks_returns_not_the_room_left_for_a_small_loss_label(every_figure):
    axis = every_figure["roi_chart"].layout.xaxis
    shown = [text for value, text in zip(axis.tickvals, axis.ticktext, strict=True) if axis.range[0] <= value <= axis.range[1]]

    assert axis.range[0] < -0.38, "room left of zero for the −38% of the losing channel"
    assert shown == ["+0%", "+5,000%", "+10,000%"]
