"""Plotly figures shared by the pages, the slide export and the tests, in one projector-ready style."""

from planner.charts.confidence import (
    fan_chart,
    revenue_histogram,
)
from planner.charts.plan import (
    customers_per_month_chart,
    funnel_chart,
    gap_chart,
    revenue_bridge_chart,
    schedule_chart,
    tornado_chart,
)
from planner.charts.review import (
    cac_chart,
    roi_chart,
    share_chart,
)
from planner.charts.style import (
    BAD_COLOUR,
    GOOD_COLOUR,
    HOUSE_TEMPLATE,
    MUTED,
    PLAN_COLOUR,
    SLIDE_HEIGHT,
    SLIDE_WIDTH,
    SUBTITLE_CHARS,
    TEMPLATE,
    TITLE_CHARS,
    TODAY_COLOUR,
    hbar,
    layout,
    literal,
    slide_config,
    wrap,
)

__all__ = [
    "BAD_COLOUR",
    "GOOD_COLOUR",
    "HOUSE_TEMPLATE",
    "MUTED",
    "PLAN_COLOUR",
    "SLIDE_HEIGHT",
    "SLIDE_WIDTH",
    "SUBTITLE_CHARS",
    "TEMPLATE",
    "TITLE_CHARS",
    "TODAY_COLOUR",
    "cac_chart",
    "customers_per_month_chart",
    "fan_chart",
    "funnel_chart",
    "gap_chart",
    "hbar",
    "layout",
    "literal",
    "revenue_bridge_chart",
    "revenue_histogram",
    "roi_chart",
    "schedule_chart",
    "share_chart",
    "slide_config",
    "tornado_chart",
    "wrap",
]
