"""The deck's layout: every shape on the slide, titles that fit, high-resolution pictures, and a note where Chromium is missing."""

from planner import example_plan, plan_targets
from planner.charts import funnel_chart
from planner.export import build_deck
from planner.io import images as images_module
from planner.io.images import INSTALL_HINT, render
from planner.plan import replace
from tests.planner.export.decks import (
    TODAY,
    chart_title,
    charts,
    open_deck,
    pictures,
    slide_by_title,
)


def test_every_shape_sits_inside_the_slide_and_titles_fit_two_lines(fake_pictures, review, abm):
    plan = replace(example_plan(), name="A plan with a rather long name for the quarterly leadership review")

    deck = open_deck(build_deck(plan, review, abm=abm, today=TODAY, render_picture=fake_pictures))

    for number, slide in enumerate(deck.slides, start=1):
        for shape in slide.shapes:
            assert shape.left >= 0 and shape.top >= 0, f"slide {number}: {shape.name} starts off the slide"
            assert shape.left + shape.width <= deck.slide_width, f"slide {number}: {shape.name} too wide"
            assert shape.top + shape.height <= deck.slide_height, f"slide {number}: {shape.name} too low"
        title = slide.shapes.title
        size = title.text_frame.paragraphs[0].runs[0].font.size.pt
        # An average character is about half the font size wide; the title box allows two lines.
        chars_per_line = title.width / 12700 / (size * 0.55)
        assert len(title.text_frame.text) <= 2 * chars_per_line, f"slide {number}'s title overflows"


def test_without_chromium_picture_charts_become_a_note_and_the_deck_still_builds(monkeypatch):
    monkeypatch.setattr(images_module, "chromium_path", lambda: None)
    monkeypatch.setattr(images_module, "_started", False)
    missing = []

    deck = open_deck(build_deck(example_plan(), today=TODAY, render_picture=images_module.render, missing_pictures=missing))

    assert len(missing) == 7  # bridge, funnel, month by month, four quarters' timelines
    texts = [shape.text_frame.text for slide in deck.slides for shape in slide.shapes if shape.has_text_frame]
    assert texts.count(INSTALL_HINT) == 7
    assert charts(slide_by_title(deck, "Off track at")), "native charts need no browser"


def test_real_pictures_are_high_resolution(chromium):
    deck = open_deck(build_deck(example_plan(), today=TODAY, render_picture=render))

    picture = pictures(slide_by_title(deck, chart_title(funnel_chart(plan_targets(example_plan()).monthly))))[
        0
    ]
    width_px, _ = picture.image.size
    assert width_px / (picture.width / 914400) >= 140, "at least 140 pixels per inch on the slide"
