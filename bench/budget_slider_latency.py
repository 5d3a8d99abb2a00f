"""Time from a key press on the Budget page's total-budget slider to its spend chart's new data, vs the minimal page.

Run: `.venv/bin/python bench/budget_slider_latency.py --presses 15`. Needs Debian's chromium. The app
opens the sample company's plan (saved in a temporary data folder) on the Budget page; the minimal
page is `bench/minimal_app.py`, timed as `bench/slider_latency.py` times it. Prints the medians and
their ratio (target: at most 2×, the slider latency target of issue 3).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from bench.slider_latency import press_timings, press_to_chart, summary  # noqa: E402
from planner.io.plan_file import read_plan_file  # noqa: E402
from planner.io.store import DATA_DIR_ENV, PlanStore  # noqa: E402
from tests.browser.conftest import CHROMIUM_ARGS, StreamlitServer, chromium_path  # noqa: E402

SLIDER = "Total channel budget (USD)"
# The planned bars of the spend chart (its second trace) hold the split the slider's total buys.
PLANNED = """() => {
    const plot = [...document.querySelectorAll('.js-plotly-plot')].find(p => p.data && p.data[1] && p.data[1].name === 'Planned');
    return plot && plot._fullData && plot._fullData[1] ? JSON.stringify(Array.from(plot._fullData[1].x)) : null;
}"""


def press_to_split(page: Page, url: str, presses: int) -> list[float]:
    """Seconds from each ArrowRight on the total-budget slider to the spend chart holding the new split."""
    page.goto(url)
    page.wait_for_function(f"() => ({PLANNED})() !== null", timeout=90_000)
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=90_000)
    return press_timings(page, SLIDER, PLANNED, presses)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--presses", type=int, default=15)
    args = parser.parse_args()
    if not chromium_path():
        sys.exit("No Chromium found: install Debian's chromium (apt-get install chromium).")
    data = Path(tempfile.mkdtemp(prefix="planner-bench-"))
    import os

    os.environ[DATA_DIR_ENV] = str(data)
    plan_id = PlanStore().create(read_plan_file(ROOT / "sample_data" / "sample_company_plan.json")).id
    app, minimal = StreamlitServer(data_dir=data), StreamlitServer(script="bench/minimal_app.py")
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1600, "height": 1000})
            minimal_times = press_to_chart(page, minimal.url, args.presses)
            budget_times = press_to_split(page, f"{app.url}/budget?plan={plan_id}", args.presses)
            browser.close()
    finally:
        app.stop()
        minimal.stop()
    base = summary("Minimal page", minimal_times)
    budget = summary("Budget page, total-budget slider", budget_times)
    print(f"Ratio (Budget / minimal medians): {budget / base:.2f}×  (target ≤ 2×)")


if __name__ == "__main__":
    main()
