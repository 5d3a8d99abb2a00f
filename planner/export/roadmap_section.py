"""The roadmap's section of the deck: a slide per quarter (focus, initiatives, SMART goals, reviews, timeline), then the year's budget."""

from __future__ import annotations

from datetime import date

import pandas as pd
from pptx.util import Inches

from planner.export.inputs import DeckInputs
from planner.export.layout import (
    CONTENT_H,
    CONTENT_TOP,
    CONTENT_W,
    FOOTER_TOP,
    MARGIN,
    Deck,
    fig_titles,
    money_format,
    one_line,
    table_height,
    text_height,
)
from planner.fiscal import quarter_dates
from planner.money import format_money
from planner.plan import Plan
from planner.roadmap import (
    Flag,
    budget_flags,
    focus_flags,
    goal_sentence,
    quarter_budget,
    review_dates,
    whole_money,
)
from planner.roadmap.charts import budget_chart, timeline_chart
from planner.words import counted

# The smallest timeline worth drawing under a quarter's text; a busier quarter gets its own slide.
MIN_TIMELINE_H = Inches(1.9)


def roadmap_section(deck: Deck, inputs: DeckInputs) -> None:
    """Each quarter's roadmap (focus, initiatives, SMART goals, reviews, timeline), then the year's budget."""
    plan = inputs.plan
    roadmap, money = plan.roadmap, plan.currency
    flags = [*budget_flags(roadmap, money), *focus_flags(roadmap)]
    for number in (1, 2, 3, 4):
        _quarter_slide(deck, plan, number, [f for f in flags if f.quarter == number])
    fig = budget_chart(roadmap, money)
    slide = deck.section_slide(*fig_titles(fig))
    year_flags = [f.message for f in flags if f.quarter == 0]
    notes_h = Inches(0.35) * len(year_flags)
    deck.add_chart(
        slide, fig, MARGIN, CONTENT_TOP, CONTENT_W, CONTENT_H - notes_h, number_format=money_format(money)
    )
    if year_flags:
        deck.text_box(
            slide, MARGIN, FOOTER_TOP - notes_h - Inches(0.1), CONTENT_W, notes_h,
            [(message, 13, "flag") for message in year_flags],
        )  # fmt: skip


def _quarter_slide(deck: Deck, plan: Plan, number: int, flags: list[Flag]) -> None:
    roadmap, money, funnel = plan.roadmap, plan.currency, plan.funnel.funnel()
    quarter = roadmap.quarter(number)
    first, last = quarter_dates(plan.fiscal_year, number, plan.fiscal_year_start_month)
    reviews = review_dates(plan.fiscal_year, number, plan.fiscal_year_start_month)
    budget = quarter_budget(roadmap, number)
    focus = one_line(" and ".join(quarter.focus_names), 70) or "no focus area yet"
    count = len(quarter.initiatives)
    if count:
        spent = format_money(budget.spend, money) + (
            "" if budget.allocation is None else f" of the {format_money(budget.allocation, money)} allocation"
        )
        title = f"Q{number}: {focus}; {counted(count, 'initiative')}, {spent}"
    else:
        title = f"Q{number}: No initiatives planned yet"
    slide = deck.section_slide(
        title,
        f"{first:%d %b} – {last:%d %b %Y} · mid-quarter check-in {reviews.mid_quarter:%d %b %Y} · "
        f"final review {reviews.final:%d %b %Y}",
    )
    y = CONTENT_TOP
    if count:
        shown = pd.DataFrame(
            {
                "Initiative": [i.name or "(not described yet)" for i in quarter.initiatives],
                "Focus area": [i.focus_area for i in quarter.initiatives],
                "Owner": [i.owner or "no owner yet" for i in quarter.initiatives],
                "Dates": [_dates(i.start, i.due) for i in quarter.initiatives],
                "Budget": [whole_money(i.budget, money) for i in quarter.initiatives],
            }
        )
        widths = (0.5, 0.17, 0.12, 0.13, 0.08)
        deck.add_table(slide, shown, MARGIN, y, CONTENT_W, font=11, widths=widths)
        y += table_height(shown, CONTENT_W, widths, 11) + Inches(0.15)
    paragraphs: list[tuple[str, int, str]] = []
    if not count:
        paragraphs.append(
            ("No initiatives planned yet: add focus areas, initiatives and SMART goals on the Quarterly "
             "roadmap page.", 14, "")
        )  # fmt: skip
        if quarter.focus_names:
            paragraphs.append((f"Focus areas: {', '.join(quarter.focus_names)}.", 12, ""))
    if quarter.goals:
        paragraphs.append(("SMART goals", 13, "head"))
        paragraphs += [(goal_sentence(goal, funnel), 12, "") for goal in quarter.goals]
    elif count:
        paragraphs.append(("No SMART goals yet: give the quarter at least one measurable goal.", 12, ""))
    carried = [a.name for a in quarter.focus_areas if a.carry_over]
    if carried and number < 4:
        paragraphs.append((f"Carries over into Q{number + 1}: {', '.join(carried)}.", 12, ""))
    paragraphs += [(flag.message, 12, "flag") for flag in flags]
    text_h = text_height(paragraphs, CONTENT_W)
    deck.text_box(slide, MARGIN, y, CONTENT_W, text_h, paragraphs)
    y += text_h + Inches(0.1)
    if not count:
        return
    fig = timeline_chart(quarter.initiatives, number, first, last, reviews)
    # Beside the plot, not under it: a short picture has no room below the date axis.
    fig.update_layout(legend={"orientation": "v", "x": 1.01, "xanchor": "left", "y": 1, "yanchor": "top"})
    room = FOOTER_TOP - Inches(0.1) - y
    if room < MIN_TIMELINE_H:
        slide = deck.section_slide(*fig_titles(fig))
        y, room = CONTENT_TOP, CONTENT_H
    # One bar does not need the whole slide: about half an inch a bar plus the axes.
    height = max(min(room, Inches(1.2) + Inches(0.5) * count), min(MIN_TIMELINE_H, room))
    deck.add_picture(slide, fig, MARGIN, y, CONTENT_W, height)


def _dates(start: date | None, due: date | None) -> str:
    if start is None or due is None:
        return "whole quarter"
    return f"{start:%d %b} – {due:%d %b}"
