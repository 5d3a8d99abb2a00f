"""Chart images: PNG at 1920×1080 and valid SVG from the same figure, one Chromium per process."""

import io
import xml.etree.ElementTree as ET

import kaleido
import pytest
from PIL import Image

from planner import example_plan, plan_targets
from planner.charts import SLIDE_HEIGHT, SLIDE_WIDTH, funnel_chart
from planner.io import images as images_module
from planner.io.images import INSTALL_HINT, ChromiumMissingError, render


@pytest.fixture
def fig():
    return funnel_chart(plan_targets(example_plan()).monthly)


def test_png_is_slide_size(chromium, fig):
    png = render(fig, "png")

    assert Image.open(io.BytesIO(png)).size == (SLIDE_WIDTH, SLIDE_HEIGHT)


def test_svg_is_a_valid_vector_image_with_the_chart_text(chromium, fig):
    svg = render(fig, "svg")

    root = ET.fromstring(svg)
    assert root.tag.endswith("svg")
    assert "6,944" in svg.decode()  # the funnel's top stage, as the chart labels it


def test_the_browser_starts_once_for_many_images(chromium, fig, monkeypatch):
    starts = []
    original = kaleido.start_sync_server
    monkeypatch.setattr(kaleido, "start_sync_server", lambda *a, **k: starts.append(1) or original(*a, **k))

    for fmt in ("png", "svg", "png"):
        render(fig, fmt)

    assert len(starts) <= 1


def test_without_chromium_the_error_says_how_to_install_it(fig, monkeypatch):
    monkeypatch.setattr(images_module, "chromium_path", lambda: None)
    monkeypatch.setattr(images_module, "_started", False)

    with pytest.raises(ChromiumMissingError, match="apt-get install chromium"):
        render(fig, "png")
    assert str(ChromiumMissingError()) == INSTALL_HINT
    assert INSTALL_HINT.count(". ") == 0, "one sentence"
