"""Plotly figures as native, editable PowerPoint charts: bars, columns and lines, with the figure's own numbers and colours."""

from __future__ import annotations

import html
import math
import re

import plotly.graph_objects as go
from lxml import etree
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
from pptx.oxml.ns import qn
from pptx.oxml.xmlchemy import OxmlElement
from pptx.util import Pt

from planner.validation import number_or_none

# The Plotly traces PowerPoint can draw itself; anything else becomes a picture.
NATIVE_TRACES = {"bar", "scatter"}


def _rgb(colour: str | None) -> RGBColor | None:
    # Plotly trace colours are hex strings; PowerPoint series take RGB.
    if isinstance(colour, str) and re.fullmatch(r"#[0-9a-fA-F]{6}", colour):
        return RGBColor.from_string(colour[1:].upper())
    return None


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
        series.append((html.unescape(trace.name or ""), [number_or_none(v) for v in values]))
    return categories, series


def _plain(label: str) -> str:
    """A Plotly label as text: a month over its year reads "Jan 2027", other line breaks become " · ",
    tags go, entities become their characters."""
    label = re.sub(r"<br\s*/?>(?=\d{4}\b)", " ", label)
    return html.unescape(re.sub(r"<[^>]+>", "", re.sub(r"<br\s*/?>", " · ", label))).strip()


def add_native_chart(
    slide, fig: go.Figure, x: int, y: int, w: int, h: int, number_format: str | None, *, font: str, grid: RGBColor,
    data_labels: bool = True,
) -> None:
    """The figure as an editable chart on the slide, in the deck's `font` with `grid` for gridlines and axes;
    `number_format` (Excel's, "0%") for the labels and the value axis. `data_labels=False` leaves the
    values to the axis, for a chart whose many segments would bury them."""
    categories, series = chart_series(fig)
    data = CategoryChartData(number_format=number_format or "General")
    data.categories = categories
    for name, values in series:
        data.add_series(name, values)
    chart_type = native_chart_type(fig)
    chart = slide.shapes.add_chart(chart_type, x, y, w, h, data).chart
    horizontal = chart_type in (XL_CHART_TYPE.BAR_CLUSTERED, XL_CHART_TYPE.BAR_STACKED)
    chart.font.size, chart.font.name = Pt(14), font
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
    plot.has_data_labels = data_labels
    if data_labels:
        _label(plot.data_labels, chart_type, number_format)
    value_axis, category_axis = chart.value_axis, chart.category_axis
    value_axis.has_major_gridlines = True
    value_axis.major_gridlines.format.line.color.rgb = grid
    value_axis.tick_labels.number_format = number_format or "General"
    value_axis.tick_labels.number_format_is_linked = False
    value_axis.format.line.fill.background()
    category_axis.format.line.color.rgb = grid
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


def _label(labels, chart_type: XL_CHART_TYPE, number_format: str | None) -> None:
    labels.font.size = Pt(12)
    labels.number_format = number_format or "General"
    labels.number_format_is_linked = False
    if chart_type in (XL_CHART_TYPE.BAR_CLUSTERED, XL_CHART_TYPE.COLUMN_CLUSTERED):
        labels.position = XL_LABEL_POSITION.OUTSIDE_END
    elif chart_type in (XL_CHART_TYPE.BAR_STACKED, XL_CHART_TYPE.COLUMN_STACKED):
        # Inside a coloured segment, dark text is hard to read.
        labels.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)


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
