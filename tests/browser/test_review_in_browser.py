"""Last-year review in a real browser: upload an export, read the verdicts, carry the rates to the Funnel."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from planner.io import read_channel_table
from planner.money import format_rate
from planner.rate_scale import position_of, rate_at
from planner.review import channel_summary, last_year_funnel
from tests.browser.app_state import TIMEOUT, screenshot, script_run, wait_for_app

pytestmark = pytest.mark.browser
SAMPLE = Path(__file__).resolve().parents[2] / "sample_data" / "channels_2025.csv"


def test_upload_review_and_push_rates_to_the_funnel(page: Page, server, output_path):
    page.goto(f"{server.url}/review")
    expect(page.get_by_role("heading", name="Last-year review", exact=True)).to_be_visible(timeout=TIMEOUT)

    with script_run(page):
        page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(SAMPLE))

    expect(page.get_by_text("Channel table: channels_2025.csv, 9 channels.")).to_be_visible(timeout=TIMEOUT)
    expect(page.locator('[data-testid="stMetric"]').filter(has_text="New customers")).to_contain_text("110")
    assert page.locator('[data-testid="stException"]').count() == 0
    screenshot(page, output_path, "review")

    page.get_by_role("button", name="Use last year's rates in the Funnel").click()
    expect(page.get_by_text("The Funnel now starts from last year's rates.")).to_be_visible(timeout=TIMEOUT)
    with script_run(page):
        page.get_by_role("link", name="Open the Funnel").click()

    last = last_year_funnel(channel_summary(read_channel_table(SAMPLE)))
    expect(page.get_by_label("Leads → MQLs, exact %")).to_have_value(
        f"{last.rates[1] * 100:.2f}", timeout=TIMEOUT
    )
    expect(page.get_by_role("slider", name="Website visits → Leads")).to_have_attribute(
        "aria-valuetext", format_rate(rate_at(position_of(last.rates[0])))
    )


def test_the_loaded_sample_is_still_reviewed_after_a_browser_reload(page: Page, server, output_path):
    page.goto(f"{server.url}/review")
    expect(page.get_by_role("heading", name="Last-year review", exact=True)).to_be_visible(timeout=TIMEOUT)
    page.get_by_role("button", name="Load the sample").click()
    expect(page.get_by_text("Channel table: channels_2025.csv, 9 channels.")).to_be_visible(timeout=TIMEOUT)
    page.wait_for_url(re.compile(r"[?&]plan=\w+"), timeout=TIMEOUT)

    page.reload()
    wait_for_app(page)

    expect(page.get_by_text("Channel table: channels_2025.csv, 9 channels.")).to_be_visible(timeout=TIMEOUT)
    expect(
        page.get_by_text(re.compile(r"Channel table for 2025 \(12 months\), loaded \d+ \w+ \d{4}"))
    ).to_be_visible()
    expect(page.locator('[data-testid="stMetric"]').filter(has_text="New customers")).to_contain_text("110")
    expect(page.locator(".js-plotly-plot")).to_have_count(4, timeout=TIMEOUT)
    assert page.locator('[data-testid="stException"]').count() == 0
    screenshot(page, output_path, "review-after-reload")

    page.get_by_role("button", name="Remove", exact=True).click()
    page.get_by_role("button", name="Remove it from the plan").click()
    expect(page.get_by_text("Upload last year's channel table or CRM export")).to_be_visible(timeout=TIMEOUT)
    page.reload()
    expect(page.get_by_text("Upload last year's channel table or CRM export")).to_be_visible(timeout=TIMEOUT)


HOSTILE = Path(__file__).resolve().parents[1] / "data" / "hostile"


def test_a_wrong_or_unreadable_file_is_said_in_one_sentence_and_leaves_the_box(page: Page, server, tmp_path):
    page.goto(f"{server.url}/review")
    expect(page.get_by_role("heading", name="Last-year review", exact=True)).to_be_visible(timeout=TIMEOUT)
    uploader = page.locator('[data-testid="stFileUploader"]')
    picture = tmp_path / "team photo.png"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)

    with script_run(page):
        uploader.locator('input[type="file"]').set_input_files(str(picture))
    expect(page.get_by_text("team photo.png is a .png file, which this box does not read")).to_be_visible(
        timeout=TIMEOUT
    )
    expect(uploader.get_by_text("team photo.png")).to_have_count(0)

    with script_run(page):
        uploader.locator('input[type="file"]').set_input_files(str(HOSTILE / "old_excel.xls"))
    expect(page.get_by_text("old_excel.xls is a .xls file")).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_text("team photo.png", exact=False)).to_have_count(0)

    with script_run(page):
        uploader.locator('input[type="file"]').set_input_files(str(HOSTILE / "header_only.csv"))
    expect(page.locator('[data-testid="stAlertContentError"]').filter(has_text="header_only.csv")).to_be_visible(
        timeout=TIMEOUT
    )
    expect(uploader.get_by_text("header_only.csv")).to_have_count(0)

    # A file chosen next is the only one the page speaks of: the unreadable one's sentence goes.
    with script_run(page):
        uploader.locator('input[type="file"]').set_input_files(str(picture))
    expect(page.get_by_text("team photo.png is a .png file, which this box does not read")).to_be_visible(
        timeout=TIMEOUT
    )
    expect(page.get_by_text("header_only.csv", exact=False)).to_have_count(0)
    assert page.locator('[data-testid="stException"]').count() == 0
