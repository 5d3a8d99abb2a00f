"""Saved plans in a real browser: a typed value survives a reload and a server restart; plan files import."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.app_state import TIMEOUT, screenshot, script_run, wait_for_app
from tests.browser.conftest import StreamlitServer

pytestmark = pytest.mark.browser
EXAMPLE_FILE = Path(__file__).resolve().parents[2] / "sample_data" / "example_plan.json"
DEAL = "Average first-year deal size (USD)"


def deal_box(page: Page):
    return page.get_by_role("textbox", name=DEAL)


def customers(page: Page):
    return page.locator('[data-testid="stMetric"]').filter(has_text="New customers needed").first


def test_a_typed_value_survives_a_reload_and_a_server_restart(page: Page, tmp_path):
    first = StreamlitServer(data_dir=tmp_path)
    try:
        page.goto(f"{first.url}/goals")
        wait_for_app(page)
        deal_box(page).fill("2000000")
        with script_run(page):
            deal_box(page).press("Enter")
        expect(customers(page)).to_contain_text("5", timeout=TIMEOUT)
        page.wait_for_url(re.compile(r"[?&]plan=\w+"), timeout=TIMEOUT)
        plan_id = re.search(r"plan=(\w+)", page.url).group(1)

        page.reload()
        wait_for_app(page)

        expect(deal_box(page)).to_have_value("2,000,000", timeout=TIMEOUT)
        expect(customers(page)).to_contain_text("5")
    finally:
        first.stop()

    second = StreamlitServer(data_dir=tmp_path)
    try:
        page.goto(f"{second.url}/goals?plan={plan_id}")
        wait_for_app(page)

        expect(deal_box(page)).to_have_value("2,000,000", timeout=TIMEOUT)
        expect(customers(page)).to_contain_text("5")
    finally:
        second.stop()


def test_plans_page_refuses_a_bad_file_and_imports_a_plan(page: Page, server, tmp_path, output_path):
    bad = tmp_path / "channels.json"
    bad.write_text('{"channel": "Email", "spend": 100}')
    page.goto(f"{server.url}/plans")
    wait_for_app(page)
    page.get_by_role("tab", name="Import and export").click()
    uploader = page.locator('[data-testid="stFileUploader"] input[type="file"]')

    picture = tmp_path / "team photo.png"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n")

    # A file of another type gets the page's own sentence, not a red chip, and leaves the box.
    uploader.set_input_files(str(picture))
    expect(page.get_by_text("team photo.png is a .png file, which this box does not read")).to_be_visible(
        timeout=TIMEOUT
    )
    expect(page.locator('[data-testid="stFileUploader"]').get_by_text("team photo.png")).to_have_count(0)

    uploader = page.locator('[data-testid="stFileUploader"] input[type="file"]')
    uploader.set_input_files(str(bad))

    expect(page.get_by_text("channels.json: This file is not a marketing plan")).to_be_visible(
        timeout=TIMEOUT
    )
    expect(page.locator('[data-testid="stFileUploader"]').get_by_text("channels.json")).to_have_count(
        0, timeout=TIMEOUT
    )

    # The next refused file's sentence replaces the last one's: one sentence, about the file just chosen.
    uploader = page.locator('[data-testid="stFileUploader"] input[type="file"]')
    uploader.set_input_files(str(picture))
    expect(page.get_by_text("team photo.png is a .png file, which this box does not read")).to_be_visible(
        timeout=TIMEOUT
    )
    expect(page.get_by_text("channels.json: This file is not a marketing plan")).to_have_count(0)

    uploader = page.locator('[data-testid="stFileUploader"] input[type="file"]')
    uploader.set_input_files(str(EXAMPLE_FILE))

    expect(
        page.get_by_text("Imported “Worked example: inbound plan” from example_plan.json.")
    ).to_be_visible(timeout=TIMEOUT)
    page.wait_for_url(re.compile(r"[?&]plan=\w+"), timeout=TIMEOUT)
    imported_id = re.search(r"plan=(\w+)", page.url).group(1)
    # Other tests on this server saved plans too: act on the imported plan's own row.
    page.locator(f".st-key-plans_copy_{imported_id} button").click()
    expect(page.get_by_text("You are now editing the scenario")).to_be_visible(timeout=TIMEOUT)
    page.get_by_role("tab", name="Compare two plans").click()
    expect(page.get_by_text("0 of 19 measures differ")).to_be_visible(timeout=TIMEOUT)
    assert page.locator('[data-testid="stException"]').count() == 0
    page.get_by_role("tab", name="All plans").click()
    screenshot(page, output_path, "plans")
