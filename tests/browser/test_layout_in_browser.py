"""Every page with all the sample company's data, at a laptop's and a shared screen's width: no chart
text outside its chart or running into other text, no `None` or `nan` on the page, nothing fetched
from outside the machine, and presentation mode's chart type large enough to read from the back of a room."""

from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Page

from tests.browser.app_state import screenshot, script_run, wait_for_app, wait_until_drawn

pytestmark = pytest.mark.browser

PAGES = ("", "review", "goals", "funnel", "budget", "roadmap", "abm", "plans")
SIZES = {"1440x900": (1440, 900), "1920x1080": (1920, 1080)}
EMPTY_WORDS = re.compile(r"(?<![\w.])(None|nan|NaN|undefined|null)(?![\w.])")

# Every piece of text Plotly draws around a chart, with the chart's box (its outer SVG) to hold it.
CHART_TEXT = """() => {
    const out = [];
    for (const plot of document.querySelectorAll('.js-plotly-plot')) {
        if (!plot.checkVisibility()) continue;
        const svg = plot.querySelector('.main-svg');
        const box = svg.getBoundingClientRect();
        const parts = plot.querySelectorAll(
            '.gtitle, .g-xtitle text, .g-ytitle text, .xtick text, .ytick text, .annotation-text, '
            + '.legendtext, .bartext, .textpoint text'
        );
        for (const part of parts) {
            const r = part.getBoundingClientRect();
            if (!r.width || !part.textContent.trim()) continue;
            const size = parseFloat(getComputedStyle(part).fontSize);
            out.push({
                text: part.textContent, kind: part.getAttribute('class') || part.parentNode.getAttribute('class'),
                left: r.left - box.left, right: box.right - r.right, top: r.top - box.top, bottom: box.bottom - r.bottom,
                size: size, chart: (plot.querySelector('.gtitle') || {}).textContent || '(untitled)',
            });
        }
    }
    return out;
}"""


# A value written beside a bar or a point, or a note on the chart, that touches an axis label or another
# value (within 2 px): "Trade shows & events−38%" reads as one word.
COLLISIONS = """() => {
    const out = [];
    const gap = 2;
    for (const plot of document.querySelectorAll('.js-plotly-plot')) {
        if (!plot.checkVisibility()) continue;
        const chart = (plot.querySelector('.gtitle') || {}).textContent || '(untitled)';
        const boxes = selector => [...plot.querySelectorAll(selector)]
            .map(part => ({text: part.textContent, box: part.getBoundingClientRect()}))
            .filter(part => part.box.width && part.text.trim());
        const values = boxes('.bartext, .textpoint text, .annotation-text');
        const labels = boxes('.xtick text, .ytick text, .g-xtitle text, .g-ytitle text');
        const touch = (a, b) => a.left < b.right + gap && b.left < a.right + gap && a.top < b.bottom && b.top < a.bottom;
        for (const [i, value] of values.entries()) {
            for (const other of [...labels, ...values.slice(i + 1)]) {
                if (touch(value.box, other.box)) out.push(`${chart}: ${value.text} runs into ${other.text}`);
            }
        }
    }
    return out;
}"""


def sample_plan(page: Page, url: str) -> str:
    page.goto(f"{url}/plans")
    wait_for_app(page)
    with script_run(page):
        page.get_by_role("button", name="New from the sample company").click()
    wait_until_drawn(page)
    return re.search(r"plan=([0-9a-f]+)", page.url).group(1)


def outside(parts: list[dict]) -> list[str]:
    return [
        f"{p['chart']!r}: {p['text']!r} ({p['kind']}) sticks out "
        + ", ".join(f"{side} by {-p[side]:.0f} px" for side in ("left", "right", "top", "bottom") if p[side] < -1)
        for p in parts
        if min(p["left"], p["right"], p["top"], p["bottom"]) < -1
    ]


@pytest.fixture
def outside_requests(page: Page) -> list[str]:
    asked: list[str] = []
    page.on(
        "request",
        lambda request: asked.append(request.url)
        if urlparse(request.url).hostname not in ("127.0.0.1", "localhost", None) and request.url.startswith("http")
        else None,
    )
    return asked


# Plotly redraws a chart to its new width after the window's resize event: wait until each has.
CHARTS_FIT = """() => [...document.querySelectorAll('.js-plotly-plot')].filter(p => p.checkVisibility()).every(p => {
    const svg = p.querySelector('.main-svg');
    return svg && Math.abs(svg.getBoundingClientRect().width - p.getBoundingClientRect().width) < 2;
})"""


def test_every_page_with_the_sample_company_fits_its_charts_and_shows_no_empty_words(
    page: Page, server, output_path, outside_requests
):
    plan_id = sample_plan(page, server.url)
    problems: list[str] = []
    for name in PAGES:
        page.set_viewport_size({"width": 1440, "height": 900})
        page.goto(f"{server.url}/{name}?plan={plan_id}")
        wait_for_app(page)
        wait_until_drawn(page)
        # Each page is measured at a laptop's width, then on a shared screen's, without a reload.
        for size, (width, height) in SIZES.items():
            page.set_viewport_size({"width": width, "height": height})
            page.wait_for_function(CHARTS_FIT, timeout=30_000)
            screenshot(page, output_path, f"{name or 'overview'}-{size}")
            problems += [f"/{name} at {size}: {problem}" for problem in outside(page.evaluate(CHART_TEXT))]
            problems += [f"/{name} at {size}: {problem}" for problem in page.evaluate(COLLISIONS)]
        text = page.locator('[data-testid="stMain"]').inner_text()
        problems += [
            f"/{name}: shows {m.group(0)!r} in …{text[max(0, m.start() - 40) : m.end() + 20]!r}…"
            for m in EMPTY_WORDS.finditer(text)
        ]
    assert not problems, "\n".join(problems)
    assert not outside_requests, f"the app fetched from outside the machine: {outside_requests[:5]}"


def test_presentation_mode_on_a_shared_screen_draws_chart_type_a_room_can_read(page: Page, server, output_path):
    page.set_viewport_size({"width": 1920, "height": 1080})
    plan_id = sample_plan(page, server.url)
    small: list[str] = []
    for name in PAGES:
        page.goto(f"{server.url}/{name}?plan={plan_id}&present=1")
        wait_for_app(page)
        wait_until_drawn(page)
        screenshot(page, output_path, f"present-{name or 'overview'}")
        for part in page.evaluate(CHART_TEXT):
            least = 28 if part["kind"] == "gtitle" else 18
            if part["size"] < least:
                small.append(f"/{name}: {part['chart']!r}: {part['text']!r} ({part['kind']}) at {part['size']:g} px < {least}")
        problems = outside(page.evaluate(CHART_TEXT)) + page.evaluate(COLLISIONS)
        assert not problems, "\n".join(problems)
    assert not small, "\n".join(small[:20])
