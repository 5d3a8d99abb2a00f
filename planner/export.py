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
    XL_TICK_LABEL_POSITION,
)
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Pt

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
from planner.funnel import gap_to_today, sensitivity, stage_schedule
from planner.images import ChromiumMissingError, render
from planner.money import currency as currency_info
from planner.money import format_count, format_money, format_percent, format_rate
from planner.plan import Plan, PlanTargets, plan_targets, targets_table
from planner.review import channel_summary, last_year_funnel, last_year_volumes, verdicts

# PowerPoint's own 16:9 size, 13.333 × 7.5 inches.
SLIDE_W, SLIDE_H = Emu(12192000), Emu(6858000)
MARGIN = Inches(0.6)
CONTENT_TOP = Inches(1.75)
FOOTER_TOP = Inches(7.0)
CONTENT_W = SLIDE_W - 2 * MARGIN
CONTENT_H = FOOTER_TOP - CONTENT_TOP - Inches(0.1)
INK, GREY, LIGHT = RGBColor(0x1D, 0x24, 0x33), RGBColor(0x5B, 0x64, 0x75), RGBColor(0xE6, 0xE9, 0xEF)
PLAN_BLUE = RGBColor.from_string(PLAN_COLOUR[1:].upper())
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
class DeckInputs:
    """What every section builder reads: the plan, its targets, and last year's data if loaded."""

    plan: Plan
    targets: PlanTargets
    review: ReviewData | None = None


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
            box = slide.shapes.add_textbox(MARGIN, Inches(1.35), CONTENT_W, Inches(0.4))
            _set_text(box.text_frame, _one_line(subtitle, 150), 14, colour=GREY)
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

    def numbers_slide(self, title: str, numbers: Sequence[tuple[str, str]], note: str = "") -> object:
        """Key numbers in large type (value over label), with an optional sentence below."""
        slide = self.section_slide(title)
        count = max(len(numbers), 1)
        gap = Inches(0.25)
        width = int((CONTENT_W - gap * (count - 1)) / count)
        for i, (label, value) in enumerate(numbers):
            x = MARGIN + i * (width + gap)
            card = slide.shapes.add_shape(1, x, CONTENT_TOP, width, Inches(1.9))
            card.fill.solid()
            card.fill.fore_color.rgb = RGBColor(0xF4, 0xF6, 0xFA)
            card.line.color.rgb = LIGHT
            card.shadow.inherit = False
            frame = card.text_frame
            _set_text(
                frame, value, 40 if len(value) <= 8 else 30, bold=True, colour=INK, align=PP_ALIGN.CENTER
            )
            label_par = frame.add_paragraph()
            label_par.alignment = PP_ALIGN.CENTER
            _run(label_par, label, 16, colour=GREY)
            frame.vertical_anchor = MSO_ANCHOR.MIDDLE
        if note:
            box = slide.shapes.add_textbox(MARGIN, CONTENT_TOP + Inches(2.3), CONTENT_W, Inches(2.5))
            _set_text(box.text_frame, note, 20, colour=INK)
        return slide

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


DEFAULT_SECTIONS: tuple[Section, ...] = (title_section, review_section, goals_section, funnel_section)


def build_deck(
    plan: Plan,
    review: ReviewData | None = None,
    *,
    sections: Sequence[Section] = DEFAULT_SECTIONS,
    render_picture: Callable[[go.Figure, int, int], bytes] | None = None,
    missing_pictures: list[str] | None = None,
) -> bytes:
    """The plan as a 16:9 .pptx file: title, last-year review (given, or held by the plan), goals, funnel targets.

    Without Chromium, a chart that must be a picture becomes a note saying how to install it;
    its title is appended to `missing_pictures` so the caller can say so.
    """
    deck = new_deck(plan, render_picture)
    if missing_pictures is not None:
        deck.missing_pictures = missing_pictures
    inputs = DeckInputs(plan=plan, targets=plan_targets(plan), review=review)
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
    """The PowerPoint chart type for a bar or line figure."""
    if all(t.type == "scatter" for t in fig.data):
        return XL_CHART_TYPE.LINE_MARKERS
    horizontal = fig.data[0].orientation == "h"
    if fig.layout.barmode == "stack":
        return XL_CHART_TYPE.BAR_STACKED if horizontal else XL_CHART_TYPE.COLUMN_STACKED
    return XL_CHART_TYPE.BAR_CLUSTERED if horizontal else XL_CHART_TYPE.COLUMN_CLUSTERED


def chart_series(fig: go.Figure) -> tuple[list[str], list[tuple[str, list[float | None]]]]:
    """Categories and (name, values) per trace, read from the figure the app shows."""
    first = fig.data[0]
    horizontal = getattr(first, "orientation", None) == "h"
    categories = [str(c) for c in (first.y if horizontal else first.x)]
    series = []
    for trace in fig.data:
        values = trace.x if horizontal else trace.y
        series.append((trace.name or "", [_number(v) for v in values]))
    return categories, series


def _number(value) -> float | None:
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else float(value)


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
    if horizontal and fig.layout.yaxis.autorange == "reversed":
        # Plotly lists the first stage at the top; so does PowerPoint once the category axis is
        # reversed, and the value axis then stays at the bottom only if it crosses at the last category.
        category_axis.reverse_order = True
        value_axis._element.find(qn("c:crosses")).set("val", "max")


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
