"""What a roadmap user clicks: add an initiative that breaks the budget, record actuals at the check-in."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.app_state import TIMEOUT, screenshot, script_run, wait_for_app, wait_until_drawn
from tests.browser.grid import editable_table, type_into_cell

pytestmark = pytest.mark.browser
BUDGET = "Budget (USD)"


def open_roadmap(page: Page, url: str, tab: str | None = None):
    page.set_viewport_size({"width": 1600, "height": 1400})  # whole tables on screen
    page.goto(f"{url}/roadmap")
    wait_for_app(page)
    # Choosing the quarter already shown starts no script run, so there is nothing to wait for then.
    if not page.get_by_role("radio", name="Q1", exact=True).is_checked():
        with script_run(page):
            page.get_by_text("Q1", exact=True).click()
    if tab:
        with script_run(page):
            page.get_by_role("tab", name=tab).click()


def test_an_initiative_added_in_the_grid_that_breaks_the_allocation_is_flagged(
    page: Page, server, output_path
):
    open_roadmap(page, server.url)
    editable_table(page).hover()
    with script_run(page):
        page.get_by_role("button", name="Add row").first.click()

    type_into_cell(page, editable_table(page), 3, "Initiative", "Sponsor the industry summit")
    type_into_cell(page, editable_table(page), 3, BUDGET, "30000")

    alerts = page.locator('[data-testid="stAlert"]')
    expect(
        alerts.filter(has_text="'Sponsor the industry summit' costs $30,000, more than Q1's whole allocation")
    ).to_be_visible()
    expect(
        alerts.filter(has_text="Q1's initiatives cost $53,000, $28,000 over its allocation of $25,000.")
    ).to_be_visible()
    screenshot(page, output_path, "roadmap-over-allocation")


def test_a_negative_budget_is_refused_at_its_row_and_kept_on_screen(page: Page, server):
    open_roadmap(page, server.url)

    type_into_cell(page, editable_table(page), 2, BUDGET, "-5000")

    expect(
        page.get_by_text(
            re.compile(r"Initiatives: row 3 \('Build a five-email.*'\): budget: must be 0 or more")
        )
    ).to_be_visible()
    with script_run(page):
        page.get_by_role("link", name="Goals").click()
    with script_run(page):
        page.get_by_role("link", name="Quarterly roadmap").click()
    expect(page.get_by_text("budget: must be 0 or more; got -5,000")).to_be_visible(timeout=TIMEOUT)


def test_mid_quarter_actuals_typed_at_the_review_show_each_goals_status(page: Page, server, output_path):
    open_roadmap(page, server.url, tab="Reviews")

    type_into_cell(page, editable_table(page), 0, "Mid-quarter actual", "1.65")
    type_into_cell(page, editable_table(page), 1, "Mid-quarter actual", "19")

    chart_title = page.locator(".js-plotly-plot .gtitle").filter(has_text="Q1 goals")
    expect(chart_title).to_contain_text("1 on track, 1 off track", timeout=TIMEOUT)
    screenshot(page, output_path, "roadmap-review")


def test_a_due_date_before_the_start_is_refused_and_fixed_in_the_date_picker(page: Page, server):
    open_roadmap(page, server.url)

    type_into_cell(page, editable_table(page), 0, "Due", "2026-12-15")

    refused = page.get_by_text(
        re.compile(r"row 1 \(.*\): the due date 2026-12-15 is before the start 2027-01-01")
    )
    expect(refused).to_be_visible()
    type_into_cell(page, editable_table(page), 0, "Due", "2027-02-20")
    # Wait for the app, not a fixed time: under load the rerun can start late.
    expect(page.locator('[data-testid="stAlert"]').filter(has_text="before the start")).to_have_count(
        0, timeout=TIMEOUT
    )
    wait_until_drawn(page)
    expect(page.locator('[data-testid="stAlert"]').filter(has_text="before the start")).to_have_count(0)
