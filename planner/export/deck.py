"""The plan as a 16:9 PowerPoint deck: native, editable charts where PowerPoint can draw them, pictures elsewhere."""

from __future__ import annotations

import io
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date

import pandas as pd
import plotly.graph_objects as go
from lxml import etree
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import (
    XL_AXIS_CROSSES,
    XL_CHART_TYPE,
    XL_LABEL_POSITION,
    XL_LEGEND_POSITION,
    XL_MARKER_STYLE,
    XL_TICK_LABEL_POSITION,
)
from pptx.enum.dml import MSO_LINE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.oxml.xmlchemy import OxmlElement
from pptx.util import Emu, Inches, Pt

from planner.abm import AbmReport, abm_report
from planner.abm.charts import account_funnel_chart, cta_chart, engagement_heatmap, nps_chart
from planner.charts import (
    PLAN_COLOUR,
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
from planner.fiscal import quarter_dates
from planner.funnel import gap_to_today, sensitivity, stage_schedule
from planner.io.images import ChromiumMissingError, render
from planner.money import currency as currency_info
from planner.money import format_count, format_money, format_percent, format_rate
from planner.plan import Plan, PlanTargets, plan_targets, targets_table
from planner.review import channel_summary, last_year_funnel, last_year_volumes, verdicts
from planner.roadmap import Flag, budget_flags, focus_flags, goal_sentence, quarter_spend, review_dates
from planner.roadmap.charts import budget_chart, timeline_chart
from planner.validation import number_or_none

# PowerPoint's own 16:9 size, 13.333 × 7.5 inches.
SLIDE_W, SLIDE_H = Emu(12192000), Emu(6858000)
MARGIN = Inches(0.6)
CONTENT_TOP = Inches(1.75)
FOOTER_TOP = Inches(7.0)
CONTENT_W = SLIDE_W - 2 * MARGIN
CONTENT_H = FOOTER_TOP - CONTENT_TOP - Inches(0.1)
INK, GREY, LIGHT = RGBColor(0x1D, 0x24, 0x33), RGBColor(0x5B, 0x64, 0x75), RGBColor(0xE6, 0xE9, 0xEF)
PLAN_BLUE = RGBColor.from_string(PLAN_COLOUR[1:].upper())
FLAG_RED = RGBColor(0xB4, 0x23, 0x18)
FONT = "Calibri"
# Plotly trace colours are hex strings; PowerPoint series take RGB.
NATIVE_TRACES = {"bar", "scatter"}
PICTURE_DPI = 150
# Like `format_count`: whole numbers from 100, one decimal from 10, two below.
VOLUME_FORMAT = "[>=100]#,##0;[>=10]0.0;0.00"


def _rgb(colour: str | None) -> RGBColor | None:
    if isinstance(colour, str) and re.fullmatch(r"#[0-9a-fA-F]{6}", colour):
        return RGBColor.from_string(colour[1:].upper())
    return None


@dataclass(frozen=True)
class ReviewData:
    """Last year's data for the review slides: the channel summary, as `channel_summary` returns it."""

    summary: pd.DataFrame
    months: int = 12
    source: str = "last year's channel table"

    @classmethod
    def from_plan(cls, plan: Plan) -> ReviewData | None:
        """The last year the plan holds, if any, as the review slides read it."""
        last = plan.last_year
        if last is None:
            return None
        return cls(channel_summary(last.channel_table()), last.months, last.source)


@dataclass(frozen=True)
class AbmData:
    """The ABM files for the ABM slides, as `planner.io`'s readers return them; CTA events and NPS are optional."""

    accounts: pd.DataFrame
    cta: pd.DataFrame | None = None
    nps: pd.DataFrame | None = None
    source: str = "the account activity file"

    def report(self, plan: Plan) -> AbmReport | None:
        """The report for the plan's own ABM selection (tiers, owners, period), as the ABM page shows it."""
        return abm_report(self.accounts, self.cta, self.nps, plan.abm)


@dataclass(frozen=True)
class DeckInputs:
    """What every section builder reads: the plan, its targets, and last year's and ABM data if loaded."""

    plan: Plan
    targets: PlanTargets
    review: ReviewData | None = None
    abm: AbmData | None = None


Section = Callable[["Deck", DeckInputs], None]


@dataclass
class Deck:
    """A python-pptx presentation with the house layout; section builders add slides through it."""

    footer: str
    render: Callable[[go.Figure, int, int], bytes]
    prs: Presentation = field(default_factory=Presentation)
    missing_pictures: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.prs.slide_width, self.prs.slide_height = SLIDE_W, SLIDE_H

    # Slides

    def title_slide(self, title: str, subtitle: str) -> None:
        slide = self.prs.slides.add_slide(self.prs.slide_layouts[0])
        title_box, subtitle_box = slide.placeholders[0], slide.placeholders[1]
        _place(title_box, MARGIN, Inches(2.3), CONTENT_W, Inches(1.8))
        _place(subtitle_box, MARGIN, Inches(4.2), CONTENT_W, Inches(1.2))
        _set_text(
            title_box.text_frame, title, _title_size(title, big=True), bold=True, anchor=MSO_ANCHOR.BOTTOM
        )
        _set_text(subtitle_box.text_frame, subtitle, 20, colour=GREY, anchor=MSO_ANCHOR.TOP)
        band = slide.shapes.add_shape(1, 0, 0, SLIDE_W, Inches(0.25))
        band.fill.solid()
        band.fill.fore_color.rgb = PLAN_BLUE
        band.line.fill.background()

    def section_slide(self, title: str, subtitle: str = "") -> object:
        """A slide with the title (and a one-line subtitle) in place; the caller fills the body."""
        slide = self.prs.slides.add_slide(self.prs.slide_layouts[5])
        title_box = slide.shapes.title
        _place(title_box, MARGIN, Inches(0.35), CONTENT_W, Inches(1.0))
        _set_text(title_box.text_frame, title, _title_size(title), bold=True, anchor=MSO_ANCHOR.BOTTOM)
        if subtitle:
            # One line: about 120 characters at 14 pt, 140 at 12 pt.
            box = slide.shapes.add_textbox(MARGIN, Inches(1.35), CONTENT_W, Inches(0.4))
            _set_text(
                box.text_frame, _one_line(subtitle, 140), 14 if len(subtitle) <= 120 else 12, colour=GREY
            )
        number = len(self.prs.slides)
        foot = slide.shapes.add_textbox(MARGIN, FOOTER_TOP, CONTENT_W, Inches(0.35))
        _set_text(foot.text_frame, f"{self.footer}  ·  {number}", 10, colour=GREY)
        return slide

    def chart_slide(self, fig: go.Figure, number_format: str | None = None) -> None:
        """One chart on its own slide, titled with the point the chart makes."""
        slide = self.section_slide(*_titles(fig))
        self.add_chart(slide, fig, MARGIN, CONTENT_TOP, CONTENT_W, CONTENT_H, number_format)

    def add_chart(self, slide, fig: go.Figure, x: int, y: int, w: int, h: int, number_format=None) -> None:
        """A native chart when PowerPoint can draw it (bars, lines), else a high-resolution picture."""
        if is_native(fig):
            _native_chart(slide, fig, x, y, w, h, number_format)
        else:
            self.add_picture(slide, fig, x, y, w, h)

    def add_picture(self, slide, fig: go.Figure, x: int, y: int, w: int, h: int) -> None:
        # The slide carries the title, so the picture drops its own and keeps the plot.
        bare = go.Figure(fig).update_layout(title=None, margin={"t": 30})
        width_px = round(Emu(w).inches * PICTURE_DPI * 2 / 3)
        height_px = round(Emu(h).inches * PICTURE_DPI * 2 / 3)
        try:
            image = self.render(bare, width_px, height_px)
        except ChromiumMissingError as exc:
            self.missing_pictures.append(_titles(fig)[0])
            box = slide.shapes.add_textbox(x, y, w, Inches(1))
            _set_text(box.text_frame, str(exc), 16, colour=GREY)
            return
        slide.shapes.add_picture(io.BytesIO(image), x, y, width=w, height=h)

    def numbers_slide(
        self,
        title: str,
        numbers: Sequence[tuple[str, str] | tuple[str, str, str]],
        note: str = "",
        *,
        per_row: int = 4,
        subtitle: str = "",
    ) -> object:
        """Key numbers in large type (value over label, and a change below it if given), `per_row`
        to a row, with an optional sentence below."""
        slide = self.section_slide(title, subtitle)
        columns = max(min(len(numbers), per_row), 1)
        rows = max(math.ceil(len(numbers) / columns), 1)
        gap = Inches(0.25)
        width = int((CONTENT_W - gap * (columns - 1)) / columns)
        height = Inches(1.9) if rows == 1 else Inches(1.55)
        value_size = 40 if columns <= 4 else 28
        for i, (label, value, *change) in enumerate(numbers):
            x = MARGIN + (i % columns) * (width + gap)
            y = CONTENT_TOP + (i // columns) * (height + gap)
            card = slide.shapes.add_shape(1, x, y, width, height)
            card.fill.solid()
            card.fill.fore_color.rgb = RGBColor(0xF4, 0xF6, 0xFA)
            card.line.color.rgb = LIGHT
            card.shadow.inherit = False
            frame = card.text_frame
            frame.margin_left = frame.margin_right = Inches(0.05)
            size = value_size if len(value) <= 8 else value_size * 3 // 4
            _set_text(frame, value, size, bold=True, colour=INK, align=PP_ALIGN.CENTER)
            label_par = frame.add_paragraph()
            label_par.alignment = PP_ALIGN.CENTER
            _run(label_par, label, 16 if columns <= 4 else 13, colour=GREY)
            if change and change[0]:
                change_par = frame.add_paragraph()
                change_par.alignment = PP_ALIGN.CENTER
                _run(change_par, change[0], 12, colour=GREY)
            frame.vertical_anchor = MSO_ANCHOR.MIDDLE
        if note:
            top = CONTENT_TOP + rows * (height + gap) + Inches(0.15)
            box = slide.shapes.add_textbox(MARGIN, top, CONTENT_W, FOOTER_TOP - top - Inches(0.1))
            _set_text(box.text_frame, note, 20 if rows == 1 else 14, colour=INK)
        return slide

    def text_box(
        self, slide, x: int, y: int, w: int, h: int, paragraphs: Sequence[tuple[str, int, str]]
    ) -> None:
        """A text box of paragraphs, each (text, size, kind): kind "head" is bold, "flag" red, "" plain."""
        frame = slide.shapes.add_textbox(x, y, w, h).text_frame
        frame.word_wrap = True
        for i, (text, size, kind) in enumerate(paragraphs):
            paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            if kind == "head" and i:
                paragraph.space_before = Pt(8)
            colour = FLAG_RED if kind == "flag" else INK
            _run(paragraph, text, size, bold=kind == "head", colour=colour)

    def add_table(
        self, slide, frame: pd.DataFrame, x: int, y: int, w: int, font: int = 14, widths: Sequence[float] = ()
    ) -> None:
        """A native table, header row in the plan colour, text already formatted; `widths` are shares of `w`."""
        rows, cols = len(frame) + 1, len(frame.columns)
        row_h = Inches(0.42 if font >= 13 else 0.34)
        table = slide.shapes.add_table(rows, cols, x, y, w, row_h * rows).table
        for column, share in zip(table.columns, widths, strict=False):
            column.width = int(w * share)
        for c, column in enumerate(frame.columns):
            _cell(table.cell(0, c), str(column), font, bold=True, colour=RGBColor(0xFF, 0xFF, 0xFF))
            table.cell(0, c).fill.solid()
            table.cell(0, c).fill.fore_color.rgb = PLAN_BLUE
        for r, row in enumerate(frame.itertuples(index=False), start=1):
            for c, value in enumerate(row):
                _cell(table.cell(r, c), "" if value is None else str(value), font, colour=INK)

    def table_slide(
        self,
        title: str,
        frame: pd.DataFrame,
        subtitle: str = "",
        font: int = 14,
        widths: Sequence[float] = (),
    ) -> object:
        slide = self.section_slide(title, subtitle)
        self.add_table(slide, frame, MARGIN, CONTENT_TOP, CONTENT_W, font, widths)
        return slide

    def to_bytes(self) -> bytes:
        out = io.BytesIO()
        self.prs.save(out)
        return out.getvalue()


# Section builders, in deck order. Add a section by writing `def my_section(deck, inputs)` that
# calls deck.chart_slide / numbers_slide / table_slide, and listing it here (or passing `sections=`).


def title_section(deck: Deck, inputs: DeckInputs) -> None:
    plan = inputs.plan
    deck.title_slide(
        plan.name,
        f"Marketing plan for fiscal year {plan.fiscal_year} · amounts in {plan.currency} · "
        f"{date.today():%d %B %Y}",
    )


def goals_section(deck: Deck, inputs: DeckInputs) -> None:
    plan, targets = inputs.plan, inputs.targets
    goal, monthly, money = targets.goal, targets.monthly, plan.currency
    deck.numbers_slide(
        f"{format_money(goal.revenue_goal, money)} of new revenue needs "
        f"{format_count(goal.planned_customers)} new customers",
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
    slide = deck.section_slide(*_titles(fig))
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
    if funnel.today:
        deck.chart_slide(gap_chart(gap_to_today(monthly, funnel.today)), number_format=VOLUME_FORMAT)
    today_top = funnel.today[0] if funnel.today and funnel.today[0] else None
    ranked = sensitivity(
        monthly.bottom, funnel.rates, funnel.stages, top_today=today_top, mode=funnel.lever_mode
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
    total = summary[summary["is_total"]].iloc[0]
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
        deck.chart_slide(cac_chart(summary, money), number_format=_money_format(money))
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


# The smallest timeline worth drawing under a quarter's text; a busier quarter gets its own slide.
MIN_TIMELINE_H = Inches(1.9)
# Accounts the heatmap slide shows (in health order) so that every name stays readable.
HEATMAP_ROWS = 25
TOP_ACCOUNTS = 10


def roadmap_section(deck: Deck, inputs: DeckInputs) -> None:
    """Each quarter's roadmap (focus, initiatives, SMART goals, reviews, timeline), then the year's budget."""
    plan = inputs.plan
    roadmap, money = plan.roadmap, plan.currency
    flags = [*budget_flags(roadmap, money), *focus_flags(roadmap)]
    for number in (1, 2, 3, 4):
        _quarter_slide(deck, plan, number, [f for f in flags if f.quarter == number])
    fig = budget_chart(roadmap, money)
    slide = deck.section_slide(*_titles(fig))
    year_flags = [f.message for f in flags if f.quarter == 0]
    notes_h = Inches(0.35) * len(year_flags)
    deck.add_chart(
        slide, fig, MARGIN, CONTENT_TOP, CONTENT_W, CONTENT_H - notes_h, number_format=_money_format(money)
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
    spend, allocation = quarter_spend(quarter), roadmap.allocation(number)
    focus = _one_line(" and ".join(quarter.focus_names), 70) or "no focus area yet"
    count = len(quarter.initiatives)
    if count:
        budget = format_money(spend, money) + (
            "" if allocation is None else f" of the {format_money(allocation, money)} allocation"
        )
        title = f"Q{number}: {focus}; {count} initiative{'s' if count != 1 else ''}, {budget}"
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
                "Budget": [_whole_money(i.budget, money) for i in quarter.initiatives],
            }
        )
        widths = (0.5, 0.17, 0.12, 0.13, 0.08)
        deck.add_table(slide, shown, MARGIN, y, CONTENT_W, font=11, widths=widths)
        y += _table_height(shown, CONTENT_W, widths, 11) + Inches(0.15)
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
    text_h = _text_height(paragraphs, CONTENT_W)
    deck.text_box(slide, MARGIN, y, CONTENT_W, text_h, paragraphs)
    y += text_h + Inches(0.1)
    if not count:
        return
    fig = timeline_chart(quarter.initiatives, number, first, last, reviews)
    # Beside the plot, not under it: a short picture has no room below the date axis.
    fig.update_layout(legend={"orientation": "v", "x": 1.01, "xanchor": "left", "y": 1, "yanchor": "top"})
    room = FOOTER_TOP - Inches(0.1) - y
    if room < MIN_TIMELINE_H:
        slide = deck.section_slide(*_titles(fig))
        y, room = CONTENT_TOP, CONTENT_H
    # One bar does not need the whole slide: about half an inch a bar plus the axes.
    height = max(min(room, Inches(1.2) + Inches(0.5) * count), min(MIN_TIMELINE_H, room))
    deck.add_picture(slide, fig, MARGIN, y, CONTENT_W, height)


def _whole_money(amount: float, currency: str) -> str:
    # A budget table reads in whole amounts ($12,000, not $12.0K beside $6,000).
    return format_money(amount, currency, compact=False).removesuffix(".00")


def _dates(start: date | None, due: date | None) -> str:
    if start is None or due is None:
        return "whole quarter"
    return f"{start:%d %b} – {due:%d %b}"


def _lines(text: str, width: int, size: int) -> int:
    # An average Calibri character is about half the font size wide.
    per_line = max(int(Emu(width).inches * 72 / (size * 0.5)), 1)
    return max(math.ceil(len(text) / per_line), 1)


def _table_height(frame: pd.DataFrame, width: int, widths: Sequence[float], size: int) -> int:
    """How tall PowerPoint draws the table once long cells wrap (rows grow to fit their text)."""
    line, padding = Pt(size * 1.2), Inches(0.1)
    height = line + padding
    for row in frame.itertuples(index=False):
        lines = max(
            _lines(str(v), int(width * w) - Inches(0.16), size) for v, w in zip(row, widths, strict=True)
        )
        height += lines * line + padding
    return int(height)


def _text_height(paragraphs: Sequence[tuple[str, int, str]], width: int) -> int:
    height = Inches(0.1)
    for text, size, kind in paragraphs:
        height += _lines(text, width - Inches(0.2), size) * Pt(size * 1.2) + (Pt(8) if kind == "head" else 0)
    return int(height)


def abm_section(deck: Deck, inputs: DeckInputs) -> None:
    """ABM KPIs for the plan's account selection; skipped when no ABM data was given (the plan does not hold it)."""
    if inputs.abm is None:
        return
    plan, money = inputs.plan, inputs.plan.currency
    report = inputs.abm.report(plan)
    selection = _abm_selection(plan)
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
    title, subtitle = _titles(full)
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


def _abm_selection(plan: Plan) -> str:
    settings = plan.abm
    tiers = ", ".join(settings.tiers) if settings.tiers else "all tiers"
    owners = ", ".join(settings.owners) if settings.owners else "all owners"
    return _one_line(f"{tiers} · {owners}", 80)


# Deck order as issue 7 lists it: title, goals and revenue bridge, funnel targets, last-year review,
# each quarter's roadmap, ABM KPIs.
DEFAULT_SECTIONS: tuple[Section, ...] = (
    title_section,
    goals_section,
    funnel_section,
    review_section,
    roadmap_section,
    abm_section,
)


def build_deck(
    plan: Plan,
    review: ReviewData | None = None,
    *,
    abm: AbmData | None = None,
    sections: Sequence[Section] = DEFAULT_SECTIONS,
    render_picture: Callable[[go.Figure, int, int], bytes] | None = None,
    missing_pictures: list[str] | None = None,
) -> bytes:
    """The plan as a 16:9 .pptx file: title, goals, funnel targets, last-year review (given, or held by
    the plan), the quarterly roadmap, ABM KPIs (if given).

    Without Chromium, a chart that must be a picture becomes a note saying how to install it;
    its title is appended to `missing_pictures` so the caller can say so.
    """
    deck = new_deck(plan, render_picture)
    if missing_pictures is not None:
        deck.missing_pictures = missing_pictures
    inputs = DeckInputs(plan=plan, targets=plan_targets(plan), review=review, abm=abm)
    for section in sections:
        section(deck, inputs)
    return deck.to_bytes()


def new_deck(plan: Plan, render_picture: Callable[[go.Figure, int, int], bytes] | None = None) -> Deck:
    def picture(fig: go.Figure, width: int, height: int) -> bytes:
        return render(fig, "png", width, height)

    return Deck(footer=f"{plan.name} · FY{plan.fiscal_year}", render=render_picture or picture)


# Native charts


def is_native(fig: go.Figure) -> bool:
    """Whether PowerPoint can draw the figure itself: only bars and lines, nothing else."""
    kinds = {trace.type for trace in fig.data}
    lines_only = all(t.type != "scatter" or "lines" in (t.mode or "lines") for t in fig.data)
    return bool(kinds) and kinds <= NATIVE_TRACES and lines_only


def native_chart_type(fig: go.Figure) -> XL_CHART_TYPE:
    """The PowerPoint chart type for a bar or line figure; lines over bars are drawn as a line on
    top of a chart of this type (see `_lines_over_bars`)."""
    if all(t.type == "scatter" for t in fig.data):
        return XL_CHART_TYPE.LINE_MARKERS
    horizontal = next(t for t in fig.data if t.type == "bar").orientation == "h"
    if fig.layout.barmode == "stack":
        return XL_CHART_TYPE.BAR_STACKED if horizontal else XL_CHART_TYPE.COLUMN_STACKED
    return XL_CHART_TYPE.BAR_CLUSTERED if horizontal else XL_CHART_TYPE.COLUMN_CLUSTERED


def chart_series(fig: go.Figure) -> tuple[list[str], list[tuple[str, list[float | None]]]]:
    """Categories and (name, values) per trace, read from the figure the app shows."""
    first = fig.data[0]
    horizontal = getattr(first, "orientation", None) == "h"
    categories = [_plain(str(c)) for c in (first.y if horizontal else first.x)]
    series = []
    for trace in fig.data:
        values = trace.x if horizontal else trace.y
        series.append((trace.name or "", [number_or_none(v) for v in values]))
    return categories, series


def _plain(label: str) -> str:
    """A Plotly label without its HTML: line breaks become " · ", tags go."""
    return re.sub(r"<[^>]+>", "", re.sub(r"<br\s*/?>", " · ", label)).strip()


def _native_chart(slide, fig: go.Figure, x: int, y: int, w: int, h: int, number_format: str | None) -> None:
    categories, series = chart_series(fig)
    data = CategoryChartData(number_format=number_format or "General")
    data.categories = categories
    for name, values in series:
        data.add_series(name, values)
    chart_type = native_chart_type(fig)
    chart = slide.shapes.add_chart(chart_type, x, y, w, h, data).chart
    horizontal = chart_type in (XL_CHART_TYPE.BAR_CLUSTERED, XL_CHART_TYPE.BAR_STACKED)
    chart.font.size, chart.font.name = Pt(14), FONT
    # PowerPoint titles a one-series chart with the series name; the slide already states the point.
    chart.has_title = False
    chart.has_legend = len(series) > 1
    if chart.has_legend:
        chart.legend.position = XL_LEGEND_POSITION.TOP
        chart.legend.include_in_layout = False
        chart.legend.font.size = Pt(14)
    plot = chart.plots[0]
    if chart_type != XL_CHART_TYPE.LINE_MARKERS:
        plot.gap_width = 60
        # Plotly's "overlay" draws the two bars on top of each other (a tornado); PowerPoint: 100% overlap.
        plot.overlap = 100 if fig.layout.barmode in ("overlay", "stack") else -10
    for index, trace in enumerate(fig.data):
        _colour_series(plot.series[index], trace)
    plot.has_data_labels = True
    labels = plot.data_labels
    labels.font.size = Pt(12)
    labels.number_format = number_format or "General"
    labels.number_format_is_linked = False
    if chart_type in (XL_CHART_TYPE.BAR_CLUSTERED, XL_CHART_TYPE.COLUMN_CLUSTERED):
        labels.position = XL_LABEL_POSITION.OUTSIDE_END
    elif chart_type in (XL_CHART_TYPE.BAR_STACKED, XL_CHART_TYPE.COLUMN_STACKED):
        # Inside a coloured segment, dark text is hard to read.
        labels.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
    value_axis, category_axis = chart.value_axis, chart.category_axis
    value_axis.has_major_gridlines = True
    value_axis.major_gridlines.format.line.color.rgb = LIGHT
    value_axis.tick_labels.number_format = number_format or "General"
    value_axis.tick_labels.number_format_is_linked = False
    value_axis.format.line.fill.background()
    category_axis.format.line.color.rgb = LIGHT
    axis = fig.layout.xaxis if horizontal else fig.layout.yaxis
    if axis.title and axis.title.text:
        value_axis.has_title = True
        value_axis.axis_title.text_frame.text = axis.title.text
        value_axis.axis_title.text_frame.paragraphs[0].runs[0].font.size = Pt(13)
    if axis.type == "log":
        positive = [v for _, values in series for v in values if v is not None and v > 0]
        _log_scale(value_axis, 10 ** math.floor(math.log10(min(positive))) if positive else 0.1)
    _every_label(category_axis)
    if len(categories) > 6:
        category_axis.tick_labels.font.size = Pt(12)
    if any(v is not None and v < 0 for _, values in series for v in values):
        # Category names sit left of (or below) the whole plot, not on the zero line among the bars.
        category_axis.tick_label_position = XL_TICK_LABEL_POSITION.LOW
    lines = [i for i, t in enumerate(fig.data) if t.type == "scatter"]
    if chart_type != XL_CHART_TYPE.LINE_MARKERS and lines:
        _lines_over_bars(chart, lines, [fig.data[i] for i in lines])
    if horizontal and fig.layout.yaxis.autorange == "reversed":
        # Plotly lists the first stage at the top; so does PowerPoint once the category axis is
        # reversed, and the value axis then stays at the bottom only if it crosses at the last category.
        category_axis.reverse_order = True
        value_axis._element.find(qn("c:crosses")).set("val", "max")


def _lines_over_bars(chart, indices: list[int], traces: list) -> None:
    """Move the series of line traces (an allocation, a target) out of the bar chart into a line
    chart on the same axes; their data stays in the chart's workbook, so it remains editable."""
    bar_chart = chart.plots[0]._element
    # An element of python-pptx's own class, so `chart.plots[1]` reads it as a line plot.
    line_chart = OxmlElement("c:lineChart")
    etree.SubElement(line_chart, qn("c:grouping")).set("val", "standard")
    etree.SubElement(line_chart, qn("c:varyColors")).set("val", "0")
    series = bar_chart.findall(qn("c:ser"))
    for index in indices:
        ser = series[index]
        for bar_only in (qn("c:invertIfNegative"), qn("c:dLbls")):
            for child in ser.findall(bar_only):
                ser.remove(child)
        line_chart.append(ser)
    etree.SubElement(line_chart, qn("c:marker")).set("val", "1")
    for axis in bar_chart.findall(qn("c:axId")):
        etree.SubElement(line_chart, qn("c:axId")).set("val", axis.get("val"))
    bar_chart.addnext(line_chart)
    for plot_series, trace in zip(chart.plots[1].series, traces, strict=True):
        plot_series.smooth = False
        if "markers" in (trace.mode or ""):
            # A short bar at each category: the level the line stands for (an allocation, a target).
            plot_series.marker.style, plot_series.marker.size = XL_MARKER_STYLE.DASH, 20
        else:
            plot_series.marker.style = XL_MARKER_STYLE.NONE
        line = plot_series.format.line
        line.width = Pt(2.5)
        if (trace.line.dash or "solid") != "solid":
            line.dash_style = MSO_LINE.DASH
        if rgb := _rgb(trace.line.color):
            plot_series.marker.format.fill.solid()
            plot_series.marker.format.fill.fore_color.rgb = rgb
            plot_series.marker.format.line.color.rgb = rgb


def _colour_series(series, trace) -> None:
    colour = trace.marker.color if trace.type == "bar" else trace.line.color
    if isinstance(colour, str) and (rgb := _rgb(colour)):
        fill = series.format.fill if trace.type == "bar" else series.format.line.fill
        fill.solid()
        fill.fore_color.rgb = rgb
    elif isinstance(colour, (list, tuple)):
        # One colour per bar (green below the portfolio's CAC, red above).
        for point_index, point_colour in enumerate(colour):
            if rgb := _rgb(point_colour):
                point = series.points[point_index]
                point.format.fill.solid()
                point.format.fill.fore_color.rgb = rgb


def _log_scale(value_axis, minimum: float) -> None:
    scaling = value_axis._element.find(qn("c:scaling"))
    log_base = etree.SubElement(scaling, qn("c:logBase"))
    log_base.set("val", "10")
    # The schema wants logBase first inside c:scaling.
    scaling.remove(log_base)
    scaling.insert(0, log_base)
    # On a log axis "zero" is 1, so bars below 1 would grow leftwards; start every bar at the axis minimum.
    value_axis.minimum_scale = minimum
    value_axis.crosses = XL_AXIS_CROSSES.MINIMUM


def _every_label(category_axis) -> None:
    # PowerPoint skips every other category name when they crowd; a channel without a name is useless.
    axis = category_axis._element
    skip = etree.Element(qn("c:tickLblSkip"))
    skip.set("val", "1")
    anchor = axis.find(qn("c:noMultiLvlLbl"))
    if anchor is not None:
        anchor.addprevious(skip)
    else:
        axis.append(skip)


def _money_format(currency: str) -> str:
    return f'"{currency_info(currency).symbol}"#,##0'


# Text helpers


def _titles(fig: go.Figure) -> tuple[str, str]:
    meta = fig.layout.meta or {}
    return meta.get("title", ""), meta.get("subtitle", "")


def _title_size(text: str, big: bool = False) -> int:
    # About 60 characters fit on one line of a 12-inch box at 28 pt; two lines fit the title area.
    sizes = (40, 34, 28) if big else (30, 26, 22)
    if len(text) <= 55:
        return sizes[0]
    return sizes[1] if len(text) <= 95 else sizes[2]


def _one_line(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def _place(shape, x: int, y: int, w: int, h: int) -> None:
    shape.left, shape.top, shape.width, shape.height = x, y, w, h


def _run(paragraph, text: str, size: int, *, bold: bool = False, colour: RGBColor = INK) -> None:
    run = paragraph.add_run()
    run.text = text
    run.font.size, run.font.bold, run.font.name = Pt(size), bold, FONT
    run.font.color.rgb = colour


def _set_text(
    frame,
    text: str,
    size: int,
    *,
    bold: bool = False,
    colour: RGBColor = INK,
    align: PP_ALIGN = PP_ALIGN.LEFT,
    anchor: MSO_ANCHOR = MSO_ANCHOR.TOP,
) -> None:
    frame.clear()
    frame.word_wrap = True
    frame.vertical_anchor = anchor
    paragraph = frame.paragraphs[0]
    paragraph.alignment = align
    _run(paragraph, text, size, bold=bold, colour=colour)


def _cell(cell, text: str, size: int, *, bold: bool = False, colour: RGBColor = INK) -> None:
    cell.text = ""
    cell.margin_left = cell.margin_right = Inches(0.08)
    cell.margin_top = cell.margin_bottom = Inches(0.03)
    _run(cell.text_frame.paragraphs[0], text, size, bold=bold, colour=colour)
