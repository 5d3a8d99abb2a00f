"""The Budget page in a real browser: the sample company's budget, a slider moved with the keyboard, the budget put into the plan."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from planner.money import format_money
from tests.browser.app_state import TIMEOUT, metric_value, screenshot, script_run, wait_for_app

pytestmark = pytest.mark.browser


def open_sample_budget(page: Page, url: str) -> None:
    page.goto(f"{url}/plans")
    wait_for_app(page)
    with script_run(page):
        page.get_by_role("button", name="New from the sample company").click()
    with script_run(page):
        page.locator('[data-testid="stSidebar"]').get_by_role("link", name="Budget").click()
    expect(page.get_by_role("heading", name="Budget", exact=True)).to_be_visible()


def roadmap_budget_said(page: Page) -> str:
    with script_run(page):
        page.locator('[data-testid="stSidebar"]').get_by_role("link", name="Quarterly roadmap").click()
    with script_run(page):
        page.get_by_role("tab", name="Budget", exact=True).click()
    return page.locator('[data-testid="stAlertContentInfo"]').filter(has_text="this year's budget is").inner_text()


def test_the_slider_moves_customers_and_cac_and_using_the_budget_changes_the_roadmaps(
    page: Page, fresh_server, output_path
):
    open_sample_budget(page, fresh_server.url)
    customers, cac = metric_value(page, "Customers it buys"), metric_value(page, "CAC")
    assert metric_value(page, "Budget needed").startswith("$")
    screenshot(page, output_path, "budget")

    slider = page.get_by_role("slider", name="Total channel budget (USD)")
    # Each press is one step of the slider; ten make a difference a marketer sees in the metrics.
    with script_run(page):
        slider.focus()
        for _ in range(10):
            slider.press("ArrowRight")
    expect(page.locator('[data-testid="stMetric"]').filter(has_text="Customers it buys")).not_to_contain_text(
        customers, timeout=TIMEOUT
    )
    moved_customers, moved_cac = metric_value(page, "Customers it buys"), metric_value(page, "CAC")
    assert float(moved_customers) > float(customers) and moved_cac != cac
    total = float(page.get_by_test_id("stSliderThumbValue").inner_text().strip("$").replace(",", ""))

    before = roadmap_budget_said(page)
    assert "this year's budget is $1.7M" in before
    with script_run(page):
        page.locator('[data-testid="stSidebar"]').get_by_role("link", name="Budget").click()
    with script_run(page):
        page.get_by_role("button", name="Use this budget in the plan").click()
    expect(page.locator('[data-testid="stAlertContentSuccess"]')).to_contain_text("budget is", timeout=TIMEOUT)

    after = roadmap_budget_said(page)
    assert after != before
    assert f"this year's budget is {format_money(total)}" in after
    assert "The roadmap allocates" in after and "all of the" in after
    screenshot(page, output_path, "roadmap-after-use")
