"""Waiting in a browser on the app's own state (its script runs and the page they draw), never on the clock."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Page
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

TIMEOUT = 30_000  # ms: how long a page may take to answer on a loaded two-core machine
# ms: how long a script run and the drawing of its page may take. Each test's fresh browser context
# loads and compiles the element code again (Plotly's alone is megabytes); on this two-core machine,
# shared with other work, drawing a chart page has taken over 30 s. The waits end as soon as it is drawn.
SETTLE_TIMEOUT = 90_000

# Streamlit 1.67 marks its root `[data-testid=stApp]` with `data-test-script-state` ("initial", then
# "running" / "notRunning"), but that attribute cannot say whether the run an action asked for has
# happened: right after a click it still reads "notRunning" until the server answers, and a short run
# whose "running" and "not running" messages arrive together is drawn in one render that never shows
# "running" at all. The app itself counts finished runs (`scriptRunFinishedSequence` in the state of
# its root component, the one that renders stApp), so SCRIPT_RUNS reads that count, per document.
SCRIPT_RUNS = """() => {
    const here = performance.timeOrigin;
    const root = document.querySelector('[data-testid="stApp"]');
    if (!root) return {document: here, finished: 0, state: 'not started'};
    const fiber = Object.keys(root).find(key => key.startsWith('__reactFiber$'));
    for (let node = root[fiber]; node; node = node.return) {
        const state = node.stateNode && node.stateNode.state;
        if (state && typeof state === 'object' && 'scriptRunFinishedSequence' in state) {
            return {document: here, finished: state.scriptRunFinishedSequence, state: state.scriptRunState};
        }
    }
    return null;
}"""

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


def wait_for(
    page: Page, condition: str, what: Callable[[], str], timeout: float = SETTLE_TIMEOUT, arg=None
) -> None:
    """Wait until the page's JavaScript `condition` holds, or fail saying what was waited for."""
    try:
        page.wait_for_function(condition, arg=arg, timeout=timeout)
    except PlaywrightTimeoutError:
        raise AssertionError(f"waited {timeout / 1000:g} s for {what()}") from None


def script_runs(page: Page) -> dict:
    """How many script runs this document has seen finish, and the app's run state now."""
    runs = page.evaluate(SCRIPT_RUNS)
    if runs is None:
        raise AssertionError(
            "cannot find the app's count of finished script runs (scriptRunFinishedSequence, checked on "
            "Streamlit 1.67): this Streamlit keeps it elsewhere; update SCRIPT_RUNS in tests/browser/app_state.py"
        )
    return runs


def wait_until_drawn(page: Page, timeout: float = SETTLE_TIMEOUT) -> None:
    """Wait until no script run is going and the page shows all of the last one (charts drawn)."""
    # The last thing seen pending is kept on the page, so a wait that runs out can say what held it up.
    wait_for(
        page,
        f"() => (window.__pending = ({PENDING})()) === ''",
        lambda: f"the app to settle; it was still waiting on {page.evaluate('() => window.__pending')}",
        timeout,
    )


def wait_for_input(page: Page, label: str, value: str, timeout: float = SETTLE_TIMEOUT) -> None:
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


def wait_for_app(page: Page, timeout: float = SETTLE_TIMEOUT) -> None:
    """After `goto` or `reload`: wait until this document's first script run has finished and is drawn."""
    wait_for(
        page,
        f"() => {{ const runs = ({SCRIPT_RUNS})(); return runs && runs.finished > 0; }}",
        lambda: f"the first script run of {page.url} to finish ({script_runs(page)})",
        timeout,
    )
    wait_until_drawn(page, timeout)


@contextmanager
def script_run(page: Page, timeout: float = SETTLE_TIMEOUT) -> Iterator[None]:
    """Around an action that makes the app run its script: afterwards, wait until that run is drawn.

    The app is first let settle, so the action's run cannot fold into one already going. A link to
    another page counts too: the next page is a new run (and, on a full load, a new document).
    An action that starts no run fails here after `timeout`: wait on what it does show instead.
    """
    if page.url != "about:blank":
        wait_until_drawn(page, timeout)
    before = script_runs(page)
    yield
    wait_for(
        page,
        f"""before => {{
            const now = ({SCRIPT_RUNS})();
            return now && now.finished > (now.document === before.document ? before.finished : 0);
        }}""",
        lambda: (
            f"a script run started by the action to finish (before it: {before}; now: {script_runs(page)})"
        ),
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
