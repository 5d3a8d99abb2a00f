"""Waiting in a browser on the app's own state (its script runs and the page they draw), never on the clock."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Page
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

TIMEOUT = 30_000  # ms: how long a page may take to answer on a loaded two-core machine

# Streamlit 1.67 marks its root `[data-testid=stApp]` with `data-test-script-state`: "initial" before the
# first run, then "running" / "notRunning" ("rerunRequested", "stopRequested" while a run is asked for or
# stopped). Right after a click it still reads "notRunning" until the server answers, so the attribute
# alone cannot tell a finished run from one not started yet. RUN_WATCH (installed on every page by the
# `context` fixture in conftest.py) counts the runs that start and finish in its document, so
# `script_run` can wait for a run that started after its action.
RUN_WATCH = """
(() => {
    const runs = {page: Math.random().toString(36).slice(2), started: 0, finished: 0};
    window.__streamlitRuns = runs;
    const busy = state => ['running', 'rerunRequested', 'stopRequested'].includes(state);
    new MutationObserver(records => {
        for (const record of records) {
            const now = record.target.getAttribute('data-test-script-state');
            if (busy(now) && !busy(record.oldValue)) runs.started += 1;
            if (!busy(now) && busy(record.oldValue)) runs.finished += 1;
        }
    }).observe(document, {
        subtree: true, attributes: true, attributeOldValue: true,
        attributeFilter: ['data-test-script-state'],
    });
})();
"""

# A finished run is not yet a drawn page: an element whose code is still loading shows a `stSkeleton`,
# one the run did not send again stays `data-stale` until it goes, and a Plotly chart draws its
# `.main-svg` after its element is in place. PENDING names what of that is still to come, or "".
PENDING = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    const state = app && app.getAttribute('data-test-script-state');
    if (state !== 'notRunning') return `the script run (state ${state})`;
    const stale = document.querySelectorAll('[data-testid="stElementContainer"][data-stale="true"]').length;
    if (stale) return `${stale} stale element(s) of the previous run`;
    const loading = document.querySelectorAll('[data-testid="stSkeleton"]').length;
    if (loading) return `${loading} element(s) still loading`;
    const undrawn = [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
        .filter(chart => chart.checkVisibility() && !chart.querySelector('.main-svg')).length;
    if (undrawn) return `${undrawn} chart(s) not drawn yet`;
    return '';
}"""


def wait_for(page: Page, condition: str, what: Callable[[], str], timeout: float = TIMEOUT, arg=None) -> None:
    """Wait until the page's JavaScript `condition` holds, or fail saying what was waited for."""
    try:
        page.wait_for_function(condition, arg=arg, timeout=timeout)
    except PlaywrightTimeoutError:
        raise AssertionError(f"waited {timeout / 1000:g} s for {what()}") from None


def runs(page: Page) -> dict:
    watch = page.evaluate("() => window.__streamlitRuns || null")
    if watch is None:
        raise AssertionError(
            "no script-run watch on this page: open it from the `page` fixture of tests/browser (its context installs RUN_WATCH)"
        )
    return watch


def wait_until_drawn(page: Page, timeout: float = TIMEOUT) -> None:
    """Wait until no script run is going and the page shows all of the last one (charts drawn)."""
    wait_for(
        page,
        f"() => ({PENDING})() === ''",
        lambda: (
            f"the app to settle; still waiting on {page.evaluate(PENDING) or 'nothing (it settled late)'}"
        ),
        timeout,
    )


def wait_for_input(page: Page, label: str, value: str, timeout: float = TIMEOUT) -> None:
    """Wait until the settled page has one input labelled `label`, and it holds `value`.

    While reruns overlap, Streamlit shows the inputs of earlier runs beside the new one (a widget
    whose key carries its value is a new widget on every run); only a settled page has one.
    """
    shown = f"""([label, value]) => {{
        const inputs = [...document.querySelectorAll('input')].filter(i => i.getAttribute('aria-label') === label);
        return ({PENDING})() === '' && inputs.length === 1 && inputs[0].value === value;
    }}"""
    wait_for(
        page,
        shown,
        lambda: (
            f"one {label!r} input holding {value!r}; the page shows {page.get_by_label(label).all_input_values()}"
        ),
        timeout,
        arg=[label, value],
    )


def wait_for_app(page: Page, timeout: float = TIMEOUT) -> None:
    """After `goto` or `reload`: wait until this document's first script run has finished and is drawn."""
    wait_for(
        page,
        "() => window.__streamlitRuns && window.__streamlitRuns.finished > 0",
        lambda: f"the first script run of {page.url} to finish ({runs(page)})",
        timeout,
    )
    wait_until_drawn(page, timeout)


@contextmanager
def script_run(page: Page, timeout: float = TIMEOUT) -> Iterator[None]:
    """Around an action that makes the app run its script: afterwards, wait until that run is drawn.

    The app is first let settle, so the action's run cannot fold into one already going. A link to
    another page counts too: the next page is a new run (and, on a full load, a new document).
    An action that starts no run fails here after `timeout`: wait on what it does show instead.
    """
    if page.url != "about:blank":
        wait_until_drawn(page, timeout)
        before = runs(page)
    else:
        before = {"page": None, "started": 0}
    yield
    wait_for(
        page,
        """before => {
            const now = window.__streamlitRuns;
            return now && (now.page !== before.page || now.started > before.started);
        }""",
        lambda: f"the action to start a script run (runs before {before}, now {runs(page)})",
        timeout,
        arg=before,
    )
    wait_until_drawn(page, timeout)


def metric_value(page: Page, label: str) -> str:
    metric = page.locator('[data-testid="stMetric"]').filter(has_text=label).first
    return metric.locator('[data-testid="stMetricValue"]').inner_text()


def screenshot(page: Page, output_path: str, name: str) -> None:
    """A tall screenshot of the whole page, saved in the test's output folder for a person to look at."""
    size = page.viewport_size
    page.set_viewport_size({"width": size["width"], "height": 3000})
    wait_until_drawn(page)
    # The taller window is laid out and painted by the browser, not the app: two animation frames
    # later it has been (the first frame lays out, the second paints what the first laid out).
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    folder = Path(output_path)
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=folder / f"{name}.png")
    page.set_viewport_size(size)
