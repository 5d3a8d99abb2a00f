"""The deck from its sections in order, as one 16:9 .pptx file."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from planner.export.abm_section import abm_section
from planner.export.budget_section import budget_section
from planner.export.inputs import AbmData, DeckInputs, ReviewData, Section
from planner.export.layout import Deck, PictureRenderer
from planner.export.roadmap_section import roadmap_section
from planner.export.sections import funnel_section, goals_section, review_section, title_section
from planner.plan import Plan, plan_targets

# Deck order as issue 7 lists it: title, goals and revenue bridge, funnel targets, last-year review,
# each quarter's roadmap, ABM KPIs; the channel budget (issue 14) between the review and the quarters,
# as the story runs: last year, the goal, the funnel, the money, the quarters.
DEFAULT_SECTIONS: tuple[Section, ...] = (
    title_section,
    goals_section,
    funnel_section,
    review_section,
    budget_section,
    roadmap_section,
    abm_section,
)


def build_deck(
    plan: Plan,
    review: ReviewData | None = None,
    *,
    abm: AbmData | None = None,
    today: date,
    render_picture: PictureRenderer,
    sections: Sequence[Section] = DEFAULT_SECTIONS,
    missing_pictures: list[str] | None = None,
) -> bytes:
    """The plan as a 16:9 .pptx file: title, goals, funnel targets, last-year review (given, or held by
    the plan), the channel budget (when one is chosen), the quarterly roadmap, ABM KPIs (given, or the
    files the plan keeps).

    The caller passes the day the title slide carries and what draws the charts PowerPoint cannot
    (`planner.io.images.render` in the app and the command line), so building a deck reads no clock
    and starts no browser of its own. Without Chromium, a chart that must be a picture becomes a note
    saying how to install it; its title is appended to `missing_pictures` so the caller can say so.
    """
    deck = new_deck(plan, render_picture)
    if missing_pictures is not None:
        deck.missing_pictures = missing_pictures
    abm = abm if abm is not None else AbmData.from_plan(plan)
    inputs = DeckInputs(plan=plan, targets=plan_targets(plan), today=today, review=review, abm=abm)
    for section in sections:
        section(deck, inputs)
    return deck.to_bytes()


def new_deck(plan: Plan, render_picture: PictureRenderer) -> Deck:
    """An empty deck in the house layout, its footer naming the plan and its fiscal year."""
    return Deck(footer=f"{plan.name} · FY{plan.fiscal_year}", render=render_picture)
