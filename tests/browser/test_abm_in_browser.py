"""ABM KPIs in a real browser: load the sample, filter to tier 1, watch the tiles and the heatmap follow."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from pptx import Presentation

from planner.abm import AbmSettings, abm_report
from planner.io import read_account_activity, read_cta_events, read_nps_responses
from tests.browser.app_state import (
    TIMEOUT,
    metric_value,
    screenshot,
    script_run,
    wait_for_app,
    wait_until_drawn,
)

pytestmark = pytest.mark.browser
SAMPLES = Path(__file__).resolve().parents[2] / "sample_data"


def expected(**settings) -> tuple[str, int]:
    """Engaged accounts as the tile shows them, and the heatmap's rows, straight from planner."""
    report = abm_report(
        read_account_activity(SAMPLES / "abm_accounts_2025.csv"),
        read_cta_events(SAMPLES / "abm_cta_events_2025.csv"),
        read_nps_responses(SAMPLES / "abm_nps_2025.csv"),
        AbmSettings(**settings),
    )
    return report.kpis[0].shown(), len(report.engagement)


def heatmap_rows(page: Page) -> int:
    return page.evaluate(
        """() => {
            const plots = [...document.querySelectorAll('.js-plotly-plot')];
            const heatmap = plots.find(p => p.data && p.data[0].type === 'heatmap');
            return heatmap ? heatmap.data[0].y.length : -1;
        }"""
    )


def test_load_the_sample_and_filter_to_tier_one(page: Page, server, output_path):
    page.goto(f"{server.url}/abm")
    expect(page.get_by_role("heading", name="ABM KPIs", exact=True)).to_be_visible(timeout=TIMEOUT)

    with script_run(page):
        page.get_by_role("button", name="Load the sample").click()

    everyone, all_rows = expected()
    expect(page.locator('[data-testid="stMetric"]').filter(has_text="Engaged accounts")).to_contain_text(
        everyone, timeout=TIMEOUT
    )
    assert heatmap_rows(page) == all_rows == 60
    assert page.locator('[data-testid="stException"]').count() == 0
    screenshot(page, output_path, "abm")

    page.get_by_role("combobox", name="Tiers").click()
    page.get_by_role("option", name="Tier 1", exact=True).click()
    page.keyboard.press("Escape")

    tier_one, tier_rows = expected(tiers=("Tier 1",))
    expect(page.locator('[data-testid="stMetric"]').filter(has_text="Engaged accounts")).to_contain_text(
        tier_one, timeout=TIMEOUT
    )
    wait_until_drawn(page)
    page.wait_for_function(
        "rows => [...document.querySelectorAll('.js-plotly-plot')].some(p => p.data"
        " && p.data[0].type === 'heatmap' && p.data[0].y.length === rows)",
        arg=tier_rows,
        timeout=TIMEOUT,
    )
    assert metric_value(page, "Engaged accounts") == tier_one != everyone
    screenshot(page, output_path, "abm-tier-1")


def test_a_colleague_opening_the_plan_link_sees_the_same_abm_tiles_and_gets_them_in_the_deck(
    page: Page, server, browser, output_path
):
    page.goto(f"{server.url}/abm")
    expect(page.get_by_role("heading", name="ABM KPIs", exact=True)).to_be_visible(timeout=TIMEOUT)
    with script_run(page):
        page.get_by_role("button", name="Load the sample").click()
    page.wait_for_url(re.compile(r"[?&]plan=\w+"), timeout=TIMEOUT)
    plan_id = re.search(r"plan=(\w+)", page.url).group(1)
    everyone, _ = expected()
    assert metric_value(page, "Engaged accounts") == everyone

    colleague = browser.new_context(viewport={"width": 1600, "height": 1000})
    try:
        theirs = colleague.new_page()
        theirs.goto(f"{server.url}/abm?plan={plan_id}")
        wait_for_app(theirs)
        expect(theirs.locator('[data-testid="stMetric"]').filter(has_text="Engaged accounts")).to_contain_text(
            everyone, timeout=TIMEOUT
        )
        assert theirs.get_by_text("0 of 3 files loaded").count() == 0
        screenshot(theirs, output_path, "abm-colleague")

        with script_run(theirs):
            theirs.get_by_role("link", name="Overview").click()
        with theirs.expect_download(timeout=120_000) as download:
            theirs.get_by_role("button", name="Download deck (PowerPoint)").click()
        deck = Presentation(io.BytesIO(download.value.path().read_bytes()))
        titles = [slide.shapes.title.text_frame.text for slide in deck.slides if slide.shapes.title]
        assert any(t.startswith("ABM: 60 accounts") for t in titles), titles
    finally:
        colleague.close()
