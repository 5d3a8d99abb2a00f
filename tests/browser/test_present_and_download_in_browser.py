"""On a shared screen: `?present=1` shows charts and numbers with no inputs; a chart downloads as a slide-size PNG."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from playwright.sync_api import Page, expect
from pptx import Presentation

from planner.charts import SLIDE_HEIGHT, SLIDE_WIDTH
from tests.browser.app_state import TIMEOUT, metric_value, screenshot, script_run, wait_for_app

pytestmark = pytest.mark.browser
INPUTS = (
    "input:not([type=hidden]), textarea, select, [role=slider], [role=combobox], [data-testid=stFileUploader]"
)


def test_presentation_mode_has_no_inputs_and_keeps_it_across_pages(page: Page, server, output_path):
    page.goto(f"{server.url}/funnel?present=1")
    wait_for_app(page)

    expect(page.get_by_role("heading", name="Funnel", exact=True)).to_be_visible()
    assert metric_value(page, "Website visits needed a month") == "6,944"
    assert page.locator(".js-plotly-plot").count() >= 2
    visible_inputs = [el for el in page.locator(INPUTS).all() if el.is_visible()]
    assert not visible_inputs, [el.evaluate("e => e.outerHTML.slice(0, 120)") for el in visible_inputs]
    expect(page.locator('[data-testid="stSidebar"]')).to_be_hidden()
    screenshot(page, output_path, "funnel-presenting")

    with script_run(page):
        page.get_by_role("link", name="Overview").click()
    assert "present=1" in page.url
    expect(page.get_by_role("button", name="Leave presentation")).to_be_visible()
    assert not [el for el in page.locator(INPUTS).all() if el.is_visible()]

    page.get_by_role("button", name="Leave presentation").click()
    expect(page.get_by_label("Plan name")).to_be_visible(timeout=TIMEOUT)


def test_a_chart_downloads_as_a_1920_by_1080_png(page: Page, server):
    page.goto(server.url)
    wait_for_app(page)

    with page.expect_download(timeout=60_000) as download:
        page.locator(".st-key-chart_funnel_downloads").get_by_role("button", name="PNG").click()

    assert download.value.suggested_filename == "funnel.png"
    image = Image.open(download.value.path())
    assert image.size == (SLIDE_WIDTH, SLIDE_HEIGHT)


def test_the_deck_from_the_overview_carries_the_abm_data_loaded_on_the_abm_page(page: Page, server):
    page.goto(f"{server.url}/abm")
    with script_run(page):
        page.get_by_role("button", name="Load the sample").click()
    with script_run(page):
        page.get_by_role("link", name="Overview").click()

    with page.expect_download(timeout=120_000) as download:
        page.get_by_role("button", name="Download deck (PowerPoint)").click()

    deck = Presentation(io.BytesIO(download.value.path().read_bytes()))
    titles = [slide.shapes.title.text_frame.text for slide in deck.slides]
    assert [t[:3] for t in titles if t.startswith("Q")][:4] == ["Q1:", "Q2:", "Q3:", "Q4:"]
    assert any(t.startswith("ABM: 60 accounts") for t in titles)
    assert titles[-1].startswith("Healthiest accounts")


def test_arrow_keys_move_through_the_pages_on_a_shared_screen(page: Page, server):
    page.goto(f"{server.url}/?present=1")
    wait_for_app(page)
    expect(page.get_by_role("link", name="Next: Plans")).to_be_visible()

    with script_run(page):
        page.keyboard.press("ArrowRight")
    expect(page.get_by_role("heading", name="Plans", exact=True)).to_be_visible(timeout=TIMEOUT)
    assert "/plans" in page.url and "present=1" in page.url, page.url

    with script_run(page):
        page.keyboard.press("ArrowLeft")
    expect(page.get_by_role("link", name="Next: Plans")).to_be_visible(timeout=TIMEOUT)
    assert "/plans" not in page.url and "present=1" in page.url, page.url
