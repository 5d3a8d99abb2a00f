"""What a user clicks: deep links, rate sliders moved with the keyboard, values kept across pages."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from planner import back_solve, format_count
from planner.rate_scale import LAST_POSITION, position_of
from tests.browser.app_state import (
    TIMEOUT,
    metric_value,
    screenshot,
    script_run,
    wait_for_app,
    wait_for_input,
    wait_until_drawn,
)
from tests.browser.grid import grid_cell, open_editor

pytestmark = pytest.mark.browser
EXAMPLE_RATES = [0.015, 0.20, 0.20, 0.40, 0.50]


def funnel_top(page: Page) -> float:
    """The required top-of-funnel volume the funnel chart holds (its first trace's data)."""
    return page.evaluate(
        """() => {
            const plots = [...document.querySelectorAll('.js-plotly-plot')];
            const funnel = plots.find(p => p.data && p.data[0].type === 'funnel');
            return funnel.data[0].customdata[0];
        }"""
    )


def test_funnel_deep_link_on_a_fresh_server_shows_frame_and_charts(page: Page, fresh_server, output_path):
    page.goto(f"{fresh_server.url}/funnel")
    wait_for_app(page)

    expect(page.get_by_role("heading", name="Funnel", exact=True)).to_be_visible()
    sidebar = page.locator('[data-testid="stSidebar"]')
    for label in ("Overview", "Goals", "Funnel"):
        expect(sidebar.get_by_role("link", name=label)).to_be_visible()
    expect(sidebar.get_by_label("Plan name")).to_have_value("Worked example: inbound plan")
    assert page.locator(".js-plotly-plot").count() >= 2
    assert metric_value(page, "Website visits needed a month") == "6,944"
    screenshot(page, output_path, "funnel")


def test_slider_moved_with_the_keyboard_updates_visits_and_chart(page: Page, server):
    page.goto(f"{server.url}/funnel")
    wait_for_app(page)
    assert funnel_top(page) == pytest.approx(back_solve(10 / 12, EXAMPLE_RATES).top)

    slider = page.get_by_role("slider", name="Website visits → Leads")
    expect(slider).to_have_attribute("aria-valuetext", "1.5%")
    slider.focus()
    # Each press is one stop of the track: a tenth of a point between 1% and 10%, so 1.5% → 2%.
    for _ in range(5):
        slider.press("ArrowRight")

    expected = back_solve(10 / 12, [0.02, *EXAMPLE_RATES[1:]]).top
    expect(page.locator('[data-testid="stMetric"]').filter(has_text="Website visits needed")).to_contain_text(
        format_count(expected), timeout=TIMEOUT
    )
    page.wait_for_function(
        "expected => [...document.querySelectorAll('.js-plotly-plot')].some(p => p.data"
        " && p.data[0].type === 'funnel' && Math.abs(p.data[0].customdata[0] - expected) < 1e-6)",
        arg=expected,
        timeout=TIMEOUT,
    )
    # While reruns overlap, Streamlit can briefly show the boxes of earlier runs; check once it settles.
    wait_until_drawn(page)
    expect(page.get_by_label("Website visits → Leads, exact %")).to_have_count(1, timeout=TIMEOUT)
    expect(page.get_by_label("Website visits → Leads, exact %")).to_have_value("2.00")
    expect(page.get_by_role("slider", name="Website visits → Leads")).to_have_attribute(
        "aria-valuetext", "2%"
    )


def test_a_typed_rate_between_stops_reads_as_typed_and_the_keyboard_goes_on_from_it(page: Page, server):
    page.goto(f"{server.url}/funnel")
    wait_for_app(page)
    box = page.get_by_label("Leads → MQLs, exact %")
    with script_run(page):
        box.fill("24.85")
        box.press("Enter")
    wait_until_drawn(page)
    slider = page.get_by_role("slider", name="Leads → MQLs")
    expect(slider).to_have_attribute("aria-valuetext", "24.9%")

    slider.focus()
    for _ in range(2):
        slider.press("ArrowRight")

    # From the stop nearest 24.85% (25%), two stops on; the thumb keeps focus as its label changes.
    expect(page.get_by_role("slider", name="Leads → MQLs")).to_have_attribute("aria-valuetext", "27%", timeout=TIMEOUT)
    expected = back_solve(10 / 12, [0.015, 0.27, *EXAMPLE_RATES[2:]]).top
    page.wait_for_function(
        "expected => [...document.querySelectorAll('.js-plotly-plot')].some(p => p.data"
        " && p.data[0].type === 'funnel' && Math.abs(p.data[0].customdata[0] - expected) < 1e-6)",
        arg=expected,
        timeout=TIMEOUT,
    )


def saved_version(page: Page) -> int:
    status = page.locator('[data-testid="stSidebar"]').get_by_text(re.compile(r"Saved .* · version \d+"))
    expect(status).to_have_count(1, timeout=TIMEOUT)
    return int(re.search(r"version (\d+)", status.inner_text()).group(1))


def test_a_rate_move_redraws_the_page_and_keeps_the_sidebar_true(page: Page, server):
    # A rate move reruns only the page below the frame; what the sidebar says must still follow it.
    page.goto(f"{server.url}/funnel")
    wait_for_app(page)
    sidebar = page.locator('[data-testid="stSidebar"]')
    expect(sidebar.get_by_role("button", name="Undo")).to_be_disabled()
    slider = page.get_by_role("slider", name="Website visits → Leads")

    # The first change saves the worked example as a plan: Undo, the name prompt and the status appear.
    with script_run(page):
        slider.focus()
        slider.press("ArrowRight")
    wait_until_drawn(page)
    expect(sidebar.get_by_role("button", name="Undo")).to_be_enabled(timeout=TIMEOUT)
    expect(sidebar.get_by_text("Your changes are saved as a new plan")).to_be_visible()
    before = saved_version(page)

    # A further move of the same slider changes nothing else in the sidebar but the saved version.
    with script_run(page):
        page.get_by_role("slider", name="Website visits → Leads").focus()
        page.get_by_role("slider", name="Website visits → Leads").press("ArrowRight")
    wait_until_drawn(page)
    expect(page.get_by_role("slider", name="Website visits → Leads")).to_have_attribute("aria-valuetext", "1.7%")
    expected = back_solve(10 / 12, [0.017, *EXAMPLE_RATES[1:]]).top
    assert funnel_top(page) == pytest.approx(expected)
    expect(sidebar.get_by_text(re.compile(rf"· version {before + 1}$"))).to_have_count(1, timeout=TIMEOUT)
    expect(sidebar.get_by_text(re.compile(r"· version"))).to_have_count(1)


def test_a_small_rate_is_set_with_one_mouse_click_on_its_track(page: Page, server):
    page.goto(f"{server.url}/funnel")
    wait_for_app(page)
    slider = page.get_by_role("slider", name="Website visits → Leads")
    track = page.locator('[data-testid="stSlider"]').filter(has=slider).get_by_test_id("stSliderTickBar")
    ends, thumb = track.bounding_box(), slider.locator("xpath=../..").bounding_box()

    # 2% is over a third of the way along the track, not within its first 2%: a click can hit it.
    with script_run(page):
        page.mouse.click(
            ends["x"] + ends["width"] * position_of(0.02) / LAST_POSITION, thumb["y"] + thumb["height"] / 2
        )

    box = page.get_by_label("Website visits → Leads, exact %")
    expect(box).to_have_count(1, timeout=TIMEOUT)
    typed = float(box.input_value())
    assert 1.9 <= typed <= 2.1, f"a click at 2% of the way gave {typed}%"
    rate = typed / 100
    expect(page.locator('[data-testid="stMetric"]').filter(has_text="Website visits needed")).to_contain_text(
        format_count(back_solve(10 / 12, [rate, *EXAMPLE_RATES[1:]]).top), timeout=TIMEOUT
    )


def test_value_is_kept_when_switching_pages_and_back(page: Page, server):
    page.goto(f"{server.url}/funnel")
    wait_for_app(page)
    box = page.get_by_label("MQLs → SQLs, exact %")
    box.fill("25")
    with script_run(page):
        box.press("Enter")
    expected = format_count(back_solve(10 / 12, [0.015, 0.2, 0.25, 0.4, 0.5]).top)
    expect(page.locator('[data-testid="stMetric"]').filter(has_text="Website visits needed")).to_contain_text(
        expected, timeout=TIMEOUT
    )

    with script_run(page):
        page.locator('[data-testid="stSidebar"]').get_by_role("link", name="Goals").click()
    expect(page.get_by_role("heading", name="Goals", exact=True)).to_be_visible(timeout=TIMEOUT)
    with script_run(page):
        page.locator('[data-testid="stSidebar"]').get_by_role("link", name="Funnel").click()

    expect(page.get_by_role("slider", name="MQLs → SQLs")).to_have_attribute("aria-valuetext", "25%")
    expect(page.locator('[data-testid="stMetric"]').filter(has_text="Website visits needed")).to_contain_text(
        expected, timeout=TIMEOUT
    )


def test_zero_rate_shows_one_message_in_the_browser(page: Page, server):
    page.goto(f"{server.url}/funnel")
    wait_for_app(page)

    box = page.get_by_label("Leads → MQLs, exact %")
    box.fill("0")
    with script_run(page):
        box.press("Enter")

    alert = page.locator('[data-testid="stAlertContentError"]')
    expect(alert).to_have_count(1, timeout=TIMEOUT)
    expect(alert).to_contain_text(
        re.compile(r"Leads → MQLs: .*above 0%.* The box shows the value the plan still uses\.")
    )
    assert page.locator('[data-testid="stException"]').count() == 0
    assert metric_value(page, "Website visits needed a month") == "6,944"
    wait_for_input(page, "Leads → MQLs, exact %", "20.00")
    expect(page.get_by_role("slider", name="Leads → MQLs")).to_have_attribute("aria-valuetext", "20%")


def test_an_amount_typed_with_separators_is_the_goal_and_a_refused_one_is_put_back(page: Page, server):
    page.goto(f"{server.url}/goals")
    wait_for_app(page)
    goal = page.get_by_role("textbox", name="New revenue goal (USD)")
    expect(goal).to_have_value("10,000,000")

    goal.fill("12.5M")
    with script_run(page):
        goal.press("Enter")

    expect(goal).to_have_value("12,500,000", timeout=TIMEOUT)
    assert metric_value(page, "Revenue goal") == "$12.5M"
    assert metric_value(page, "New customers needed") == "12"

    goal.fill("abc")
    with script_run(page):
        goal.press("Enter")

    alert = page.locator('[data-testid="stAlertContentError"]')
    expect(alert).to_have_count(1, timeout=TIMEOUT)
    expect(alert.get_by_role("paragraph")).to_have_text(
        "New revenue goal (USD): enter an amount in figures, for example 12,500,000 or 12.5M. "
        "The box shows the value the plan still uses."
    )
    expect(goal).to_have_value("12,500,000")
    assert metric_value(page, "Revenue goal") == "$12.5M"


@pytest.mark.parametrize(("path", "heading"), [("", None), ("goals", "Goals")], ids=["overview", "goals"])
def test_pages_render_in_the_browser(page: Page, server, output_path, path, heading):
    page.goto(f"{server.url}/{path}")
    wait_for_app(page)

    assert page.locator('[data-testid="stException"]').count() == 0
    if heading:
        expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible()
    else:
        expect(page.get_by_role("heading", name="Worked example: inbound plan")).to_be_visible()
    screenshot(page, output_path, path or "overview")


def test_renaming_a_stage_in_the_table_renames_its_slider_and_chart(page: Page, server):
    page.set_viewport_size({"width": 1600, "height": 1400})  # the whole table on screen
    page.goto(f"{server.url}/funnel")
    wait_for_app(page)
    stages = page.locator('[data-testid="stExpander"]', has_text="Stages, today's volumes and lags")
    stages.get_by_text("Stages, today's volumes and lags").click()
    # The table is drawn once the expander opens: a run of the page, not only a click in the browser.
    grid = stages.locator('[data-testid="stDataFrame"]')
    expect(grid).to_be_visible()

    # The grid is a canvas: select the Stage cell of the sixth row by its accessible copy, open the
    # grid's text editor for it, type over it, and read the cell back once the app has saved it.
    stage = grid_cell(grid, row=5, column="Stage")
    editor = open_editor(page, stage)
    expect(editor).to_have_value("Customers")
    editor.fill("Closed-won")
    with script_run(page):
        editor.press("Enter")
    expect(stage).to_have_text("Closed-won", timeout=TIMEOUT)
    renamed = page.get_by_role("slider", name="Opportunities → Closed-won")
    expect(renamed).to_be_visible(timeout=TIMEOUT)
    page.wait_for_function(
        "() => [...document.querySelectorAll('.js-plotly-plot')].some(p => p.data"
        " && p.data[0].type === 'funnel' && p.data[0].y.includes('Closed-won'))",
        timeout=TIMEOUT,
    )
    assert metric_value(page, "Website visits needed a month") == "6,944"


def test_how_sure_tab_follows_a_rate_slider(page: Page, server, output_path):
    page.goto(f"{server.url}/funnel")
    wait_for_app(page)
    with script_run(page):
        page.get_by_role("tab", name="How sure are we?").click()
    chance = page.locator('[data-testid="stMetric"]').filter(has_text="Chance of 10 customers")
    expect(chance).to_be_visible(timeout=TIMEOUT)
    before = chance.locator('[data-testid="stMetricValue"]').inner_text()

    slider = page.get_by_role("slider", name="Website visits → Leads")
    slider.focus()
    for _ in range(5):
        slider.press("ArrowRight")

    expect(chance.locator('[data-testid="stMetricValue"]')).not_to_have_text(before, timeout=TIMEOUT)
    # The chance can change after the first key press: read it once the app has taken the last one.
    wait_for_input(page, "Website visits → Leads, exact %", "2.00")
    after = chance.locator('[data-testid="stMetricValue"]').inner_text()
    assert int(after.rstrip("%")) > int(before.rstrip("%"))
    screenshot(page, output_path, "how-sure")
