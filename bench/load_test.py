"""A bounded load test: N browser sessions move funnel sliders on one app for a while, as fast as keys go.

Run: `.venv/bin/python bench/load_test.py --sessions 5 --seconds 60`. Needs Debian's chromium.
Each session opens the Funnel on its own copy of the worked example and presses ArrowRight and
ArrowLeft on a rate slider without waiting for the app, so its script runs overlap (the case in
which a session once mistook its own committed save for someone else's). At the end every page is
left to settle, then the script counts, per session: key presses, page exceptions, and "someone
saved this plan" warnings (all false here: nobody else edits a session's plan), and checks the
version saved last holds the slider's final value. Prints one line per session and a total.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from planner.io.store import PlanStore  # noqa: E402
from tests.browser.app_state import wait_for_app  # noqa: E402
from tests.browser.conftest import CHROMIUM_ARGS, StreamlitServer, chromium_path  # noqa: E402

SLIDER = "Website visits → Leads"
STALE = "Someone saved this plan"


def open_session(browser, url: str) -> Page:
    page = browser.new_context(viewport={"width": 1440, "height": 900}).new_page()
    page.goto(f"{url}/funnel")
    wait_for_app(page)
    return page


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=5)
    parser.add_argument("--seconds", type=float, default=60)
    args = parser.parse_args()

    server = StreamlitServer()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            pages = [open_session(browser, server.url) for _ in range(args.sessions)]
            presses = [0] * len(pages)
            deadline = time.monotonic() + args.seconds
            step = 0
            while time.monotonic() < deadline:
                for number, page in enumerate(pages):
                    if step % 10 == 0:
                        # Keys go to the focused element; a redraw can take the focus away now and then.
                        page.get_by_role("slider", name=SLIDER).focus()
                    # Up three, down two: the value drifts, so every session keeps changing its plan.
                    page.keyboard.press("ArrowRight" if step % 5 < 3 else "ArrowLeft")
                    presses[number] += 1
                step += 1
            totals = {"exceptions": 0, "stale": 0, "lost": 0}
            for number, page in enumerate(pages, start=1):
                wait_for_app(page, timeout=120_000)
                exceptions = page.locator('[data-testid="stException"]').count()
                stale = page.get_by_text(STALE).count()
                shown = page.get_by_label(f"{SLIDER}, exact %").input_value()
                plan_id = page.url.split("plan=")[-1].split("&")[0]
                saved = PlanStore(f"sqlite:///{server.data_dir / 'plans.sqlite3'}").get(plan_id)
                kept = f"{saved.plan.funnel.rates[0] * 100:.1f}"
                lost = int(abs(float(shown) - float(kept)) > 0.001)
                print(
                    f"session {number}: {presses[number - 1]} presses, version {saved.version}, "
                    f"{exceptions} page exceptions, {stale} stale warnings, slider {shown}% saved {kept}%"
                )
                totals["exceptions"] += exceptions
                totals["stale"] += stale
                totals["lost"] += lost
            print(
                f"{args.sessions} sessions, {args.seconds:.0f} s, {sum(presses)} presses: "
                f"{totals['exceptions']} page exceptions, {totals['stale']} false stale warnings, "
                f"{totals['lost']} sessions whose last move was not saved"
            )
            browser.close()
    finally:
        server.stop()


if __name__ == "__main__":
    main()
