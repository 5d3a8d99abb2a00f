"""User text is text: a plan, a stage, a channel and a file named in Markdown and HTML reach every page as typed."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from google.protobuf.json_format import MessageToDict
from markdown_it import MarkdownIt

from planner.io import read_channel_file
from planner.io.store import PlanStore
from planner.plan import example_plan, replace, set_last_year
from planner.review.last_year import last_year_from_channels
from tests.app.conftest import open_link, shown
from ui.markdown import WORD_JOINER

SAMPLE = Path(__file__).resolve().parents[2] / "sample_data" / "channels_2025.csv"

PLAN = "![x](http://127.0.0.1:9/p.png) **bold** <b>x</b>"
STAGE = "<i>Leads</i> [link](http://x)"
CHANNEL = "**Best** :red[x]"
FILE = "**file** <b>f</b>.csv"
# What any of them would look like had it reached a page's Markdown unescaped.
RAW = ("![x](", "**bold**", "<b>", "<i>", "[link](", "**Best**", ":red[x]", "**file**")
PAGES = ("app.py", "pages/plans.py", "pages/review.py", "pages/goals.py", "pages/funnel.py", "pages/roadmap.py",
         "pages/abm.py", "pages/budget.py")  # fmt: skip
# Where each name must show, as typed: (page, text).
SEEN = [("app.py", PLAN), ("pages/plans.py", PLAN), ("pages/review.py", CHANNEL), ("pages/review.py", FILE),
        ("pages/goals.py", FILE), ("pages/funnel.py", STAGE)]  # fmt: skip
# The proto fields Streamlit renders as Markdown: element bodies, and labels and help of widgets and blocks.
MARKDOWN_FIELDS = {"body", "label", "help"}


@pytest.fixture
def hostile_plan_id(tmp_path) -> str:
    """A saved plan named in Markdown and HTML, with such a stage, and last year's channels from such a file."""
    csv = tmp_path / "channels.csv"
    csv.write_text(SAMPLE.read_text().replace("Blog / SEO", CHANNEL))
    read = read_channel_file(csv)
    plan = example_plan()
    stages = list(plan.funnel.stages)
    stages[1] = STAGE
    plan = replace(plan, name=PLAN, funnel=replace(plan.funnel, stages=tuple(stages)))
    plan = set_last_year(plan, last_year_from_channels(read.table, FILE, datetime.now(UTC), read.warnings))
    return PlanStore().create(plan, note=f"imported from {FILE}").id


def markdown_shown(at) -> list[str]:
    """Every Markdown source on the page: element bodies, and the labels and help texts."""
    found = []

    def collect(value, key=None):
        if isinstance(value, dict):
            for k, v in value.items():
                collect(v, k)
        elif isinstance(value, list):
            for v in value:
                collect(v, key)
        elif isinstance(value, str) and key in MARKDOWN_FIELDS:
            found.append(value)

    def walk(node):
        if getattr(node, "proto", None) is not None:
            collect(MessageToDict(node.proto))
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    return found


@pytest.mark.parametrize("page", PAGES)
def test_names_in_markdown_and_html_reach_every_page_as_typed(hostile_plan_id, page):
    at = open_link(hostile_plan_id, page)
    sources = markdown_shown(at)

    for source in sources:
        assert not any(raw in source for raw in RAW), source
        rendered = MarkdownIt("commonmark").render(source)
        assert not any(tag in rendered for tag in ("<img", "<a ", "<b>", "<i>")), rendered
    for text in (text for where, text in SEEN if where == page):
        assert any(text in shown(source) for source in sources), f"{text!r} not shown on {page}"
    for chart in at.get("plotly_chart"):
        assert not any(tag in chart.proto.spec for tag in ("<b>", "<i>", "<a ")), page


def test_the_plan_name_renders_back_to_exactly_what_was_typed(hostile_plan_id):
    at = open_link(hostile_plan_id)

    [title] = at.title
    assert shown(title.value) == PLAN
    escaped = PLAN.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    assert MarkdownIt("commonmark").render(title.value).replace(WORD_JOINER, "") == f"<p>{escaped}</p>\n"
