"""User text is text in a real browser: a plan named with an image fetches nothing and shows as typed."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from planner.io.store import PlanStore
from planner.plan import example_plan, replace
from tests.browser.app_state import TIMEOUT, screenshot, wait_for_app
from tests.browser.conftest import StreamlitServer
from ui.markdown import WORD_JOINER

pytestmark = pytest.mark.browser
# Nothing listens on the discard port: a fetch of it would fail, but the browser would still ask.
TRAP = "127.0.0.1:9"
NAME = f"![x](http://{TRAP}/p.png) **b** <b>x</b> www.x.io :material/home: :red[r]"


def test_a_plan_named_with_an_image_fetches_nothing_and_shows_as_typed(page: Page, data_dir, output_path):
    plan_id = PlanStore().create(replace(example_plan(), name=NAME), note="named with an image").id
    asked = []
    page.on("request", lambda request: asked.append(request.url))
    app = StreamlitServer(data_dir=data_dir)
    try:
        for path, title in (("", "**b** <b>x</b>"), ("/plans", "Plans")):
            page.goto(f"{app.url}{path}?plan={plan_id}")
            wait_for_app(page)

            heading = page.locator("h1").first
            expect(heading).to_contain_text(title, timeout=TIMEOUT)
            screenshot(page, output_path, f"user-text{path.replace('/', '-') or '-overview'}")
            if path == "":
                assert heading.inner_text().replace(WORD_JOINER, "") == NAME
                # Streamlit's own "link to heading" anchor points into the page; no other link may appear.
                assert heading.locator("img, a:not([href^='#']), b, strong, [data-testid=stIconMaterial], [class*=stMarkdownColored]").count() == 0
            else:
                editing = page.get_by_text("Editing", exact=False).first
                assert NAME in editing.inner_text().replace(WORD_JOINER, "")
                assert editing.locator("img, a, b, [data-testid=stIconMaterial]").count() == 0
        assert not [url for url in asked if TRAP in url]
    finally:
        app.stop()
