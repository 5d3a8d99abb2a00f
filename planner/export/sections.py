"""The plan's sections of the deck: title, goals and revenue bridge, funnel targets, and last year's review."""

from __future__ import annotations

import pandas as pd
from pptx.util import Inches

from planner.charts import (
    cac_chart,
    customers_per_month_chart,
    funnel_chart,
    gap_chart,
    revenue_bridge_chart,
    roi_chart,
    schedule_chart,
    share_chart,
    tornado_chart,
)
from planner.checks import check_plan
from planner.export.inputs import DeckInputs, ReviewData
from planner.export.layout import (
    CONTENT_H,
    CONTENT_TOP,
    CONTENT_W,
    MARGIN,
    VOLUME_FORMAT,
    Deck,
    fig_titles,
    money_format,
)
from planner.funnel import gap_to_today, sensitivity, stage_schedule
from planner.money import format_count, format_money, format_percent, format_rate
from planner.plan import targets_table
from planner.review import last_year_funnel, last_year_volumes, summary_total, verdicts
from planner.words import counted

# Section builders, in deck order. Add a section by writing `def my_section(deck, inputs)` that calls
# deck.chart_slide / numbers_slide / table_slide, and listing it in build.DEFAULT_SECTIONS (or passing
# `sections=` to build_deck).


def title_section(deck: Deck, inputs: DeckInputs) -> None:
    plan = inputs.plan
    deck.title_slide(
        plan.name,
        f"Marketing plan for fiscal year {plan.fiscal_year} · amounts in {plan.currency} · "
        f"{inputs.today:%d %B %Y}",
    )


def goals_section(deck: Deck, inputs: DeckInputs) -> None:
    plan, targets = inputs.plan, inputs.targets
    goal, monthly, money = targets.goal, targets.monthly, plan.currency
    deck.numbers_slide(
        f"{format_money(goal.revenue_goal, money)} of new revenue needs "
        f"{counted(goal.planned_customers, 'new customer')}",
        [
            ("Revenue goal", format_money(goal.revenue_goal, money)),
            ("New customers needed", format_count(goal.planned_customers)),
            (f"{monthly.stages[-1]} a month from marketing", format_count(monthly.bottom)),
            (f"{monthly.stages[0]} needed a month", format_count(monthly.top)),
        ],
        goal.rounding_statement(money),
    )
    deck.chart_slide(revenue_bridge_chart(goal, money))
    per_month = goal.per_month(plan.fiscal_year, plan.fiscal_year_start_month)
    deck.chart_slide(customers_per_month_chart(per_month, goal), number_format="0.00")


def funnel_section(deck: Deck, inputs: DeckInputs) -> None:
    plan, targets = inputs.plan, inputs.targets
    funnel, monthly = plan.funnel, targets.monthly
    fig = funnel_chart(monthly)
    slide = deck.section_slide(*fig_titles(fig))
    left_w = Inches(6.6)
    deck.add_picture(slide, fig, MARGIN, CONTENT_TOP, left_w, CONTENT_H)
    table = targets_table(targets)
    shown = pd.DataFrame(
        {
            "Stage": table["stage"],
            "Rate": ["" if pd.isna(r) else format_rate(r) for r in table["rate"]],
            "A month": [format_count(v) for v in table["per_month"]],
            "A year (whole)": [f"{int(v):,}" for v in table["per_year_whole"]],
        }
    )
    deck.add_table(
        slide, shown, MARGIN + left_w + Inches(0.3), CONTENT_TOP, CONTENT_W - left_w - Inches(0.3), font=13,
        widths=(0.34, 0.18, 0.2, 0.28),
    )  # fmt: skip
    check = check_plan(plan, targets)
    if not check.agrees:
        # No on-track slide for inputs that contradict each other: say which disagree and what to do.
        slide = deck.section_slide(
            "The plan's inputs disagree with last year", "So the deck shows no on-track verdict: what disagrees and what to do."
        )
        paragraphs = [(d.message, 16, "flag") for d in check.disagreements]
        paragraphs += [("What to do", 16, "head"), *((d.fix, 15, "") for d in check.disagreements)]
        deck.text_box(slide, MARGIN, CONTENT_TOP, CONTENT_W, CONTENT_H, paragraphs)
    elif funnel.today:
        deck.chart_slide(gap_chart(gap_to_today(monthly, funnel.today)), number_format=VOLUME_FORMAT)
    ranked = sensitivity(
        monthly.bottom, funnel.rates, funnel.stages, top_today=funnel.top_today, mode=funnel.lever_mode
    )
    deck.chart_slide(
        tornado_chart(ranked, funnel.stages[0], funnel.lever_mode), number_format="+#,##0;-#,##0;0"
    )
    schedule = stage_schedule(funnel.funnel(), targets.monthly_customers)
    deck.chart_slide(schedule_chart(schedule, plan.fiscal_year, plan.fiscal_year_start_month))


def review_section(deck: Deck, inputs: DeckInputs) -> None:
    """Last year's channels: the review given, else the one the plan holds; skipped when there is neither."""
    review = inputs.review if inputs.review is not None else ReviewData.from_plan(inputs.plan)
    if review is None:
        return
    summary, money = review.summary, inputs.plan.currency
    total = summary_total(summary)
    judged = verdicts(summary, inputs.plan.review_rules, money) if summary["spend"].notna().any() else None
    if judged is not None:
        title = (
            f"Last year: {format_count(total['customers'])} new customers from "
            f"{format_money(total['spend'], money)} of spend"
        )
        numbers = [
            ("Spend", format_money(total["spend"], money)),
            ("New customers", format_count(total["customers"])),
            ("CAC", format_money(total["cac"], money)),
            ("ROI", format_percent(total["roi"], signed=True)),
        ]
        note = f"From {review.source}, {review.months} months."
    else:
        # A CRM export has no spend: show what it does know rather than three "n/a".
        title = (
            f"Last year: {format_count(total['customers'])} new customers and "
            f"{format_money(total['revenue'], money)} of revenue"
        )
        numbers = [
            ("Leads", format_count(total["leads"])),
            ("New customers", format_count(total["customers"])),
            ("Lead → customer", format_rate(total["lead_to_customer_rate"])),
            ("Revenue", format_money(total["revenue"], money)),
        ]
        note = f"From {review.source}, {review.months} months; it has no spend, so no CAC, ROI or verdicts."
    deck.numbers_slide(title, numbers, note)
    deck.chart_slide(share_chart(summary), number_format="0%")
    if judged is not None:
        deck.chart_slide(cac_chart(summary, money), number_format=money_format(money))
        deck.chart_slide(roi_chart(summary), number_format="+0%;-0%;0%")
        counts = judged["verdict"].value_counts()
        deck.table_slide(
            "Scale, keep, fix or cut: " + ", ".join(f"{n} {v}" for v, n in counts.items()),
            judged.rename(columns={"channel": "Channel", "verdict": "Verdict", "reason": "Why"}),
            "Each channel against the whole portfolio: CAC, ROI and cost per lead",
            font=11,
            widths=(0.2, 0.12, 0.68),
        )
    volumes = last_year_volumes(last_year_funnel(summary, review.months))
    if volumes is not None:
        deck.chart_slide(funnel_chart(volumes, period="last year"))
