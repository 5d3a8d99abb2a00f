"""The ABM section of the deck: KPI tiles, engagement heatmap, account funnel, CTA conversion, NPS and the healthiest accounts."""

from __future__ import annotations

import pandas as pd
from pptx.util import Inches

from planner.abm import selection_label
from planner.abm.charts import account_funnel_chart, cta_chart, engagement_heatmap, nps_chart
from planner.export.inputs import DeckInputs
from planner.export.layout import CONTENT_H, CONTENT_TOP, CONTENT_W, MARGIN, Deck, fig_titles, one_line

# Accounts the heatmap slide shows (in health order) so that every name stays readable.
HEATMAP_ROWS = 25
TOP_ACCOUNTS = 10


def abm_section(deck: Deck, inputs: DeckInputs) -> None:
    """ABM KPIs for the plan's account selection; skipped when no ABM data was given (the plan does not hold it)."""
    if inputs.abm is None:
        return
    plan, money = inputs.plan, inputs.plan.currency
    report = inputs.abm.report(plan)
    selection = one_line(selection_label(plan.abm), 80)
    if report is None:
        slide = deck.section_slide("ABM KPIs: no account matches the plan's selection", selection)
        deck.text_box(
            slide, MARGIN, CONTENT_TOP, CONTENT_W, Inches(1),
            [("Choose other tiers or owners on the ABM KPIs page to put accounts in the deck.", 16, "")],
        )  # fmt: skip
        return
    ignored = " ".join(
        f"{row.kpi} ({row.value}) is shown, not chased; count instead: {row.instead}"
        for row in report.ignored.itertuples()
    )
    deck.numbers_slide(
        f"ABM: {report.accounts} accounts, {report.current.label()}",
        [(kpi.name, kpi.shown(money), kpi.change(money) or "") for kpi in report.kpis],
        ignored,
        per_row=6,
        subtitle=" · ".join(
            part
            for part in (
                selection,
                f"from {inputs.abm.source}" if inputs.abm.source else "",
                f"changes against {report.previous.label()}" if report.has_previous else "no period before",
            )
            if part
        ),
    )
    full = engagement_heatmap(report.engagement, report.current, report.directions)
    shown = report.engagement.head(HEATMAP_ROWS)
    title, subtitle = fig_titles(full)
    if len(shown) < len(report.engagement):
        subtitle = (
            f"The {len(shown)} healthiest of {len(report.engagement)} accounts (all on the ABM page); "
            "orange box: the period; ▲ surging, ▼ going quiet"
        )
    slide = deck.section_slide(title, subtitle)
    deck.add_picture(
        slide,
        engagement_heatmap(shown, report.current, report.directions),
        MARGIN,
        CONTENT_TOP,
        CONTENT_W,
        CONTENT_H,
    )
    deck.chart_slide(account_funnel_chart(report.funnel, report.current))
    if report.cta is not None and not report.cta.empty:
        deck.chart_slide(cta_chart(report.cta), number_format="0%")
    if report.nps_breakdown is not None:
        deck.chart_slide(nps_chart(report.nps_breakdown, report.nps), number_format="0")
    top = report.health.head(TOP_ACCOUNTS)
    deck.table_slide(
        f"Healthiest accounts: {', '.join(top['account'].head(3))}",
        pd.DataFrame(
            {
                "#": top["rank"].astype(int).astype(str),
                "Account": top["account"],
                "Tier": top["tier"],
                "Owner": top["owner"],
                "Stage": top["stage"],
                "Health": [f"{h:.0f}" for h in top["health"]],
                # round() first: -0.3 shows as +0, not -0.
                "Change": ["" if pd.isna(c) else f"{round(c):+d}" for c in top["change"]],
                "NPS": top["nps_label"],
                "Why it moved": top["reason"],
            }
        ),
        f"Top {len(top)} of {report.accounts} by health (0–100), {report.current.label()}; the reason names "
        "what moved the score most since the period before",
        font=11,
        widths=(0.04, 0.16, 0.07, 0.12, 0.1, 0.07, 0.07, 0.09, 0.28),
    )
