"""How long a colleague waits: a shared plan link's first chart, and a switch between pages, against a minimal page.

Run: `.venv/bin/python bench/first_chart.py --runs 5` (needs Debian's chromium). A warm server (one visit
first), then each run opens a fresh browser context, as a colleague clicking the link does. Prints the
median and range of: the minimal page's chart; the sample company's plan link on the Overview and on the
Funnel; and a page switch (Overview → Funnel by the sidebar link, until its first chart and until all of
its charts are drawn). Targets: a link's first chart within 3 s, a page switch within 1 s.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import Browser, Page, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from planner.io.plan_file import read_plan_file  # noqa: E402
from planner.io.store import SQLITE_FILE, PlanStore  # noqa: E402
from tests.browser.conftest import CHROMIUM_ARGS, StreamlitServer, chromium_path  # noqa: E402

SAMPLE_PLAN = ROOT / "sample_data" / "sample_company_plan.json"
FIRST_CHART = "() => [...document.querySelectorAll('.js-plotly-plot .main-svg')].length > 0"
ALL_CHARTS = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
    if (document.querySelector('[data-testid="stSkeleton"]')) return false;
    const charts = [...document.querySelectorAll('[data-testid="stPlotlyChart"]')].filter(c => c.checkVisibility());
    return charts.length > 0 && charts.every(c => c.querySelector('.main-svg'));
}"""


def open_link(browser: Browser, url: str) -> tuple[float, float]:
    """Seconds from opening `url` in a fresh context to its first chart, and to all its charts drawn."""
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    start = time.perf_counter()
    page.goto(url)
    page.wait_for_function(FIRST_CHART, timeout=120_000, polling="raf")
    first = time.perf_counter() - start
    page.wait_for_function(ALL_CHARTS, timeout=120_000, polling="raf")
    every = time.perf_counter() - start
    context.close()
    return first, every


def switch_page(page: Page, url: str) -> tuple[float, float]:
    """Seconds from clicking the sidebar's Funnel link on the Overview to its first chart and all charts."""
    page.goto(url)
    page.wait_for_function(ALL_CHARTS, timeout=120_000)
    start = time.perf_counter()
    page.locator('[data-testid="stSidebar"]').get_by_role("link", name="Funnel").click()
    page.wait_for_function(
        "() => [...document.querySelectorAll('h1')].some(h => h.textContent.trim() === 'Funnel')"
        f" && ({FIRST_CHART})()",
        timeout=120_000, polling="raf",
    )  # fmt: skip
    first = time.perf_counter() - start
    page.wait_for_function(ALL_CHARTS, timeout=120_000, polling="raf")
    return first, time.perf_counter() - start


def report(name: str, timings: list[tuple[float, float]]) -> None:
    for which, values in (("first chart", [t[0] for t in timings]), ("all charts", [t[1] for t in timings])):
        print(
            f"{name:<40} {which:<11} median {statistics.median(values):5.2f} s"
            f"  (range {min(values):.2f}–{max(values):.2f} s, n={len(values)})"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if not chromium_path():
        sys.exit("No Chromium found: install Debian's chromium (apt-get install chromium).")
    data = Path(tempfile.mkdtemp(prefix="planner-bench-"))
    plan_id = PlanStore(f"sqlite:///{data / SQLITE_FILE}").create(read_plan_file(SAMPLE_PLAN)).id
    app, minimal = StreamlitServer(data_dir=data), StreamlitServer(script="bench/minimal_app.py")
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            links = {
                "Minimal page": minimal.url,
                "Plan link, Overview": f"{app.url}/?plan={plan_id}",
                "Plan link, Funnel": f"{app.url}/funnel?plan={plan_id}",
            }
            for url in links.values():  # a warm server: caches filled, code compiled
                open_link(browser, url)
            results = {name: [open_link(browser, url) for _ in range(args.runs)] for name, url in links.items()}
            page = browser.new_page(viewport={"width": 1440, "height": 900})
            switch_page(page, links["Plan link, Overview"])
            results["Page switch, Overview → Funnel"] = [
                switch_page(page, links["Plan link, Overview"]) for _ in range(args.runs)
            ]
            browser.close()
    finally:
        app.stop()
        minimal.stop()
    for name, timings in results.items():
        report(name, timings)


if __name__ == "__main__":
    main()
