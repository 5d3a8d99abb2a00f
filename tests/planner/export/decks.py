"""What the deck tests share: the sample files, the day the decks are made, and ways to read a slide."""

import io
from datetime import UTC, date, datetime
from pathlib import Path

from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from planner import example_plan
from planner.export import DEFAULT_SECTIONS, abm_section, roadmap_section
from planner.io import read_channel_table, read_crm_export
from planner.plan import set_last_year
from planner.review import last_year_from_channels, last_year_from_crm

SAMPLES = Path(__file__).resolve().parents[3] / "sample_data"
SAMPLE = SAMPLES / "channels_2025.csv"
WITHOUT_ROADMAP_OR_ABM = tuple(s for s in DEFAULT_SECTIONS if s not in (roadmap_section, abm_section))
# The day every test deck is made, so a title slide reads the same whichever day the suite runs.
TODAY = date(2026, 11, 24)


def slide_text(slide) -> str:
    return "\n".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)


def table_rows(slide) -> list[list[str]]:
    (table,) = [shape.table for shape in slide.shapes if shape.has_table]
    return [[cell.text for cell in row.cells] for row in table.rows]


def open_deck(data: bytes):
    return Presentation(io.BytesIO(data))


def slide_title(slide) -> str:
    return slide.shapes.title.text_frame.text


def slide_by_title(deck, start: str):
    return next(s for s in deck.slides if slide_title(s).startswith(start))


def charts(slide):
    return [shape.chart for shape in slide.shapes if shape.has_chart]


def pictures(slide):
    return [shape for shape in slide.shapes if shape.shape_type == MSO_SHAPE_TYPE.PICTURE]


def chart_title(fig) -> str:
    return fig.layout.meta["title"]


def last_year_plan(file_name: str):
    path, now = SAMPLE.parent / file_name, datetime(2026, 11, 24, tzinfo=UTC)
    if file_name.startswith("crm"):
        return set_last_year(example_plan(), last_year_from_crm(read_crm_export(path), file_name, now))
    return set_last_year(example_plan(), last_year_from_channels(read_channel_table(path), file_name, now))


def texts(deck) -> list[list[str]]:
    return [[shape.text_frame.text for shape in s.shapes if shape.has_text_frame] for s in deck.slides]
