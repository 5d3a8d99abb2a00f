"""The channel budget's section of the deck: planned against last year's spend and spend by month as native charts, then the response curves as a picture."""

from __future__ import annotations

from pptx.util import Inches

from planner.budget.charts import curves_chart, monthly_chart, spend_chart
from planner.budget_plan import budget_view, chosen_budget, has_channel_budget, needed_statement
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
    text_height,
)
from planner.money import format_count, format_money_figures

GAP = Inches(0.3)


def budget_section(deck: Deck, inputs: DeckInputs) -> None:
    """What the goal costs and where the money goes, when the plan has chosen a channel budget on the Budget page."""
    plan = inputs.plan
    if not has_channel_budget(plan):
        return
    view = budget_view(plan)
    chosen = chosen_budget(view, view.total)
    money = plan.currency
    allocation = chosen.allocation
    title = (
        f"{format_money_figures(allocation.budget, money)} across the channels buys "
        f"{format_count(allocation.customers)} of the {format_count(view.customers)} new customers the goal needs"
    )
    slide = deck.section_slide(title, needed_statement(view))
    spend = spend_chart(allocation, money)
    months = monthly_chart(chosen.phasing, plan.fiscal_year, plan.fiscal_year_start_month, money, view.lag_days)
    notes = [(f"Left: {fig_titles(spend)[0]}. Right: {fig_titles(months)[0]}.", 12, ""),
             *((statement, 11, "") for statement in chosen.statements[1:])]  # fmt: skip
    notes_h = text_height(notes, CONTENT_W)
    half, chart_h = (CONTENT_W - GAP) // 2, CONTENT_H - notes_h
    deck.add_chart(slide, spend, MARGIN, CONTENT_TOP, half, chart_h, number_format=money_format(money))
    # A dozen months stacked by channel: the segments' own labels would bury the bars.
    deck.add_chart(
        slide, months, MARGIN + half + GAP, CONTENT_TOP, half, chart_h, number_format=money_format(money),
        data_labels=False,
    )  # fmt: skip
    deck.text_box(slide, MARGIN, FOOTER_TOP - notes_h, CONTENT_W, notes_h, notes)
    curves = curves_chart(view.setup, allocation, money)
    slide = deck.section_slide(*fig_titles(curves))
    deck.add_picture(slide, curves, MARGIN, CONTENT_TOP, CONTENT_W, CONTENT_H)
