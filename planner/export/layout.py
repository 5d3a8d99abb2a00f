"""The deck's layout on python-pptx: 16:9 slide sizes, house colours and type, and the Deck that places titles, text, tables, pictures and charts."""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

import pandas as pd
import plotly.graph_objects as go
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Emu, Inches, Pt

from planner.charts import PLAN_COLOUR
from planner.export.native import add_native_chart, is_native
from planner.io.images import ChromiumMissingError
from planner.money import currency as currency_info

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
PICTURE_DPI = 150
# Like `format_count`: whole numbers from 100, one decimal from 10, two below.
VOLUME_FORMAT = "[>=100]#,##0;[>=10]0.0;0.00"


class PictureRenderer(Protocol):
    """Draws a figure as PNG bytes, `width` × `height` in layout pixels: `planner.io.images.render` (kaleido
    and the system Chromium) in the app and the command line, a stand-in in tests. Without a browser it
    raises `ChromiumMissingError`, and the deck leaves a note instead of the picture."""

    def __call__(self, fig: go.Figure, *, width: int, height: int) -> bytes: ...


@dataclass
class Deck:
    """A python-pptx presentation with the house layout; section builders add slides through it."""

    footer: str
    render: PictureRenderer
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
                box.text_frame, one_line(subtitle, 140), 14 if len(subtitle) <= 120 else 12, colour=GREY
            )
        number = len(self.prs.slides)
        foot = slide.shapes.add_textbox(MARGIN, FOOTER_TOP, CONTENT_W, Inches(0.35))
        _set_text(foot.text_frame, f"{self.footer}  ·  {number}", 10, colour=GREY)
        return slide

    def chart_slide(self, fig: go.Figure, number_format: str | None = None) -> None:
        """One chart on its own slide, titled with the point the chart makes."""
        slide = self.section_slide(*fig_titles(fig))
        self.add_chart(slide, fig, MARGIN, CONTENT_TOP, CONTENT_W, CONTENT_H, number_format)

    def add_chart(
        self, slide, fig: go.Figure, x: int, y: int, w: int, h: int, number_format=None, *, data_labels: bool = True
    ) -> None:
        """A native chart when PowerPoint can draw it (bars, lines), else a high-resolution picture."""
        if is_native(fig):
            add_native_chart(slide, fig, x, y, w, h, number_format, font=FONT, grid=LIGHT, data_labels=data_labels)
        else:
            self.add_picture(slide, fig, x, y, w, h)

    def add_picture(self, slide, fig: go.Figure, x: int, y: int, w: int, h: int) -> None:
        # The slide carries the title, so the picture drops its own and keeps the plot.
        bare = go.Figure(fig).update_layout(title=None, margin={"t": 30})
        width_px = round(Emu(w).inches * PICTURE_DPI * 2 / 3)
        height_px = round(Emu(h).inches * PICTURE_DPI * 2 / 3)
        try:
            image = self.render(bare, width=width_px, height=height_px)
        except ChromiumMissingError as exc:
            self.missing_pictures.append(fig_titles(fig)[0])
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


def _lines(text: str, width: int, size: int) -> int:
    # An average Calibri character is about half the font size wide.
    per_line = max(int(Emu(width).inches * 72 / (size * 0.5)), 1)
    return max(math.ceil(len(text) / per_line), 1)


def table_height(frame: pd.DataFrame, width: int, widths: Sequence[float], size: int) -> int:
    """How tall PowerPoint draws the table once long cells wrap (rows grow to fit their text)."""
    line, padding = Pt(size * 1.2), Inches(0.1)
    height = line + padding
    for row in frame.itertuples(index=False):
        lines = max(
            _lines(str(v), int(width * w) - Inches(0.16), size) for v, w in zip(row, widths, strict=True)
        )
        height += lines * line + padding
    return int(height)


def text_height(paragraphs: Sequence[tuple[str, int, str]], width: int) -> int:
    """How tall a `Deck.text_box` of these paragraphs grows once its lines wrap."""
    height = Inches(0.1)
    for text, size, kind in paragraphs:
        height += _lines(text, width - Inches(0.2), size) * Pt(size * 1.2) + (Pt(8) if kind == "head" else 0)
    return int(height)


def money_format(currency: str) -> str:
    """A native chart's number format for whole amounts in the currency: "$"#,##0."""
    return f'"{currency_info(currency).symbol}"#,##0'


# Text helpers


def fig_titles(fig: go.Figure) -> tuple[str, str]:
    """The chart's plain title and subtitle (as `planner.charts.layout` keeps them), for the slide's own."""
    meta = fig.layout.meta or {}
    return meta.get("title", ""), meta.get("subtitle", "")


def _title_size(text: str, big: bool = False) -> int:
    # About 60 characters fit on one line of a 12-inch box at 28 pt; two lines fit the title area.
    sizes = (40, 34, 28) if big else (30, 26, 22)
    if len(text) <= 55:
        return sizes[0]
    return sizes[1] if len(text) <= 95 else sizes[2]


def one_line(text: str, limit: int) -> str:
    """`text` cut at a word before `limit` characters, with an ellipsis, so it keeps to one line."""
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
