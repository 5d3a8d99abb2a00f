"""What a roadmap user clicks: add an initiative that breaks the budget, record actuals at the check-in."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, expect

from tests.browser.test_pages_in_browser import TIMEOUT, screenshot

pytestmark = pytest.mark.browser
ROW = 35  # the grid's row height in pixels, header included


def settle(page: Page) -> None:
    page.wait_for_timeout(700)
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=TIMEOUT)
    page.wait_for_timeout(500)


def open_roadmap(page: Page, url: str, tab: str | None = None):
    page.set_viewport_size({"width": 1600, "height": 1400})  # whole tables on screen
    page.goto(f"{url}/roadmap")
    settle(page)
    page.get_by_text("Q1", exact=True).click()
    settle(page)
    if tab:
        page.get_by_role("tab", name=tab).click()
        settle(page)


def type_into_cell(page: Page, grid_index: int, row: int, column: int, text: str) -> None:
    """Select a cell of the canvas grid by clicking its first column and moving right, then type.

    A click that lands while the grid is still settling (or being redrawn after the last edit)
    selects nothing or edits a grid that is about to go, so the edit is tried again until the
    grid's own accessible copy of the cell shows the typed text.
    """
    for _attempt in range(3):
        grid = page.locator('[data-testid="stDataFrame"]:visible').nth(grid_index)
        box = grid.bounding_box()
        page.mouse.click(box["x"] + 60, box["y"] + ROW * (row + 1) + ROW // 2)
        for _ in range(column):
            page.keyboard.press("ArrowRight")
        page.keyboard.press("Enter")
        # Text and numbers open a gdg input; dates open the browser's own date input.
        editor = page.locator("textarea.gdg-input:visible, input.gdg-input:visible, input[type=date]:visible")
        try:
            expect(editor.first).to_be_visible(timeout=5_000)
            editor.first.fill(text, timeout=5_000)
            expect(editor.first).to_have_value(text)
            editor.first.press("Enter")
            settle(page)
            # The grid's accessible copy numbers columns from 0, or from 1 where a row-marker column
            # (a table whose rows can be added) comes first; the edit counts only in the right cell.
            grid = page.locator('[data-testid="stDataFrame"]:visible').nth(grid_index)
            first = 0 if grid.locator('[id="glide-cell-0-0"]').count() else 1
            cell = grid.locator(f'[id="glide-cell-{column + first}-{row}"]')
            expect(cell).to_contain_text(text, timeout=10_000)
        except (AssertionError, PlaywrightError):
            # A wrong cell's editor (a date picker given a number, say) is closed without saving.
            page.keyboard.press("Escape")
            settle(page)
            continue
        return
    raise AssertionError(f"could not type {text!r} into row {row}, column {column}")


def test_an_initiative_added_in_the_grid_that_breaks_the_allocation_is_flagged(
    page: Page, server, output_path
):
    open_roadmap(page, server.url)
    page.locator('[data-testid="stDataFrame"]:visible').first.hover()
    page.get_by_role("button", name="Add row").first.click()
    settle(page)

    type_into_cell(page, 0, 3, 0, "Sponsor the industry summit")
    type_into_cell(page, 0, 3, 5, "30000")

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

    type_into_cell(page, 0, 2, 5, "-5000")

    expect(
        page.get_by_text(
            re.compile(r"Initiatives: row 3 \('Build a five-email.*'\): budget: must be 0 or more")
        )
    ).to_be_visible()
    page.get_by_role("link", name="Goals").click()
    settle(page)
    page.get_by_role("link", name="Quarterly roadmap").click()
    settle(page)
    expect(page.get_by_text("budget: must be 0 or more; got -5,000")).to_be_visible(timeout=TIMEOUT)


def test_mid_quarter_actuals_typed_at_the_review_show_each_goals_status(page: Page, server, output_path):
    open_roadmap(page, server.url, tab="Reviews")

    type_into_cell(page, 0, 0, 3, "1.65")
    type_into_cell(page, 0, 1, 3, "19")

    chart_title = page.locator(".js-plotly-plot .gtitle").filter(has_text="Q1 goals")
    expect(chart_title).to_contain_text("1 on track, 1 off track", timeout=TIMEOUT)
    screenshot(page, output_path, "roadmap-review")


def test_a_due_date_before_the_start_is_refused_and_fixed_in_the_date_picker(page: Page, server):
    open_roadmap(page, server.url)

    type_into_cell(page, 0, 0, 4, "2026-12-15")

    refused = page.get_by_text(
        re.compile(r"row 1 \(.*\): the due date 2026-12-15 is before the start 2027-01-01")
    )
    expect(refused).to_be_visible()
    type_into_cell(page, 0, 0, 4, "2027-02-20")
    # Wait for the app, not a fixed time: under load the rerun can start late.
    expect(page.locator('[data-testid="stAlert"]').filter(has_text="before the start")).to_have_count(
        0, timeout=TIMEOUT
    )
    settle(page)
    expect(page.locator('[data-testid="stAlert"]').filter(has_text="before the start")).to_have_count(0)
