"""The plan as a 16:9 PowerPoint deck."""

from planner.export.abm_section import (
    HEATMAP_ROWS,
    TOP_ACCOUNTS,
    abm_section,
)
from planner.export.budget_section import budget_section
from planner.export.build import (
    DEFAULT_SECTIONS,
    build_deck,
    new_deck,
)
from planner.export.inputs import (
    AbmData,
    DeckInputs,
    ReviewData,
    Section,
)
from planner.export.layout import (
    CONTENT_H,
    CONTENT_TOP,
    CONTENT_W,
    FLAG_RED,
    FONT,
    FOOTER_TOP,
    GREY,
    INK,
    LIGHT,
    MARGIN,
    PICTURE_DPI,
    PLAN_BLUE,
    SLIDE_H,
    SLIDE_W,
    VOLUME_FORMAT,
    Deck,
    PictureRenderer,
)
from planner.export.native import (
    NATIVE_TRACES,
    add_native_chart,
    chart_series,
    is_native,
    native_chart_type,
)
from planner.export.roadmap_section import (
    MIN_TIMELINE_H,
    roadmap_section,
)
from planner.export.sections import (
    funnel_section,
    goals_section,
    review_section,
    title_section,
)

__all__ = [
    "CONTENT_H",
    "CONTENT_TOP",
    "CONTENT_W",
    "DEFAULT_SECTIONS",
    "FLAG_RED",
    "FONT",
    "FOOTER_TOP",
    "GREY",
    "HEATMAP_ROWS",
    "INK",
    "LIGHT",
    "MARGIN",
    "MIN_TIMELINE_H",
    "NATIVE_TRACES",
    "PICTURE_DPI",
    "PLAN_BLUE",
    "SLIDE_H",
    "SLIDE_W",
    "TOP_ACCOUNTS",
    "VOLUME_FORMAT",
    "AbmData",
    "Deck",
    "DeckInputs",
    "PictureRenderer",
    "ReviewData",
    "Section",
    "abm_section",
    "add_native_chart",
    "budget_section",
    "build_deck",
    "chart_series",
    "funnel_section",
    "goals_section",
    "is_native",
    "native_chart_type",
    "new_deck",
    "review_section",
    "roadmap_section",
    "title_section",
]
