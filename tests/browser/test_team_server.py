"""Sign-in in a real browser through a real OpenID Connect provider: who sees which plan, and snapshots."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from pptx import Presentation

from planner.access import Person, Share, TeamRules
from planner.io.service import PlanService
from planner.io.store import PlanStore
from planner.plan import example_plan, replace
from tests.browser.team import APP_READY, TIMEOUT, Provider, SignedInApp, sign_in

pytestmark = pytest.mark.browser
RULES = TeamRules(admin_email="admin@example.com", team_domain="example.com")
BOB = Person(email="bob@example.com", name="Bob Brown")


@pytest.fixture(scope="module")
def provider() -> Iterator[Provider]:
    oidc = Provider()
    oidc.add_person("alice@example.com", "Alice Adams")
    oidc.add_person("bob@example.com", "Bob Brown")
    yield oidc
    oidc.stop()


@pytest.fixture(scope="module")
def app(provider) -> Iterator[SignedInApp]:
    server = SignedInApp(provider)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def alice(browser: Browser, app) -> Iterator[Page]:
    """A browser in which Alice signed in, once for the tests of this module."""
    context = browser.new_context(viewport={"width": 1600, "height": 1000})
    page = context.new_page()
    sign_in(page, app.url, "alice@example.com")
    yield page
    context.close()


def as_bob(app) -> PlanService:
    return PlanService(PlanStore(app.database_url), BOB, RULES)


def test_sign_in_names_the_person_and_sign_out_asks_again(browser: Browser, app, output_path):
    context = browser.new_context(viewport={"width": 1600, "height": 1000})
    page = context.new_page()
    page.goto(f"{app.url}/goals")
    expect(page.get_by_role("button", name="Sign in")).to_be_visible(timeout=TIMEOUT)
    assert page.get_by_role("spinbutton").count() == 0, "nothing of the app before sign-in"
    page.screenshot(path=_shot(output_path, "sign-in"))

    sign_in(page, app.url, "alice@example.com")

    sidebar = page.locator('[data-testid="stSidebar"]')
    expect(sidebar.get_by_text("Signed in as Alice Adams")).to_be_visible()
    expect(sidebar.get_by_text("alice@example.com")).to_be_visible()
    sidebar.get_by_role("button", name="Sign out").click()
    # The provider asks to end its session too, then sends the browser back to the app.
    page.get_by_role("button", name="End session").click(timeout=TIMEOUT)
    expect(page.get_by_role("button", name="Sign in")).to_be_visible(timeout=TIMEOUT)
    assert page.get_by_text("Signed in as").count() == 0
    context.close()


def test_alice_cannot_open_bobs_plan_by_its_link(alice: Page, app, output_path):
    bob = as_bob(app).create(replace(example_plan(), name="Bob's confidential launch"))

    alice.goto(f"{app.url}/goals?plan={bob.id}")
    alice.wait_for_selector(APP_READY, timeout=TIMEOUT)

    expect(
        alice.get_by_text("This plan is not shared with you; ask bob@example.com to share it.")
    ).to_be_visible(timeout=TIMEOUT)
    assert alice.get_by_text("confidential launch").count() == 0
    alice.goto(f"{app.url}/plans")
    expect(alice.get_by_role("heading", name="Plans", exact=True)).to_be_visible(timeout=TIMEOUT)
    assert alice.get_by_text("confidential launch").count() == 0, "nor is it listed"
    alice.screenshot(path=_shot(output_path, "plans-signed-in"), full_page=True)


def test_a_viewer_sees_no_inputs_and_a_snapshot_link_keeps_its_version(alice: Page, app, output_path):
    bob_store = as_bob(app)
    bob = bob_store.create(replace(example_plan(), name="Bob's board plan"))
    bob_store.share(bob.id, Share(email="alice@example.com", role="viewer"))
    frozen = bob_store.freeze(bob.id, 1, "Q1 board review", date(2027, 1, 15))
    bob_store.save(
        bob.id, replace(bob.plan, goals=replace(bob.plan.goals, avg_deal_size=2_000_000)), based_on=1
    )

    alice.goto(f"{app.url}/goals?plan={bob.id}")
    expect(alice.get_by_text("You can view this plan and download its deck and files")).to_be_visible(
        timeout=TIMEOUT
    )
    assert alice.get_by_role("spinbutton").count() == 0 and alice.get_by_role("slider").count() == 0
    assert alice.get_by_label("Average first-year deal size (USD)").count() == 0, "amount boxes are text boxes"
    assert alice.locator('[data-testid="stSidebar"]').is_hidden()

    alice.goto(f"{app.url}/?snapshot={frozen.id}")

    expect(alice.get_by_text("Meeting snapshot Q1 board review for 15 Jan 2027")).to_be_visible(
        timeout=TIMEOUT
    )
    customers = alice.locator('[data-testid="stMetric"]').filter(has_text="New customers needed").first
    expect(customers).to_contain_text("10", timeout=TIMEOUT)
    with alice.expect_download(timeout=120_000) as download:
        alice.get_by_role("button", name="Download deck (PowerPoint)").click()
    deck = Presentation(io.BytesIO(download.value.path().read_bytes()))
    titles = [slide.shapes.title.text_frame.text for slide in deck.slides if slide.shapes.title]
    assert "$10.0M of new revenue needs 10 new customers" in titles, "the frozen version's deck, not the live $2M"
    alice.get_by_role("link", name="Goals").first.click()
    expect(alice).to_have_url(re.compile(rf"snapshot={frozen.id}"), timeout=TIMEOUT)
    expect(alice.get_by_text("Meeting snapshot Q1 board review")).to_be_visible(timeout=TIMEOUT)
    assert alice.get_by_role("spinbutton").count() == 0
    assert alice.get_by_label("Average first-year deal size (USD)").count() == 0
    assert PlanStore(app.database_url).get(bob.id).version == 2, "nothing was saved by looking"
    alice.screenshot(path=_shot(output_path, "snapshot"))


def _shot(output_path: str, name: str) -> str:
    folder = Path(output_path)
    folder.mkdir(parents=True, exist_ok=True)
    return str(folder / f"{name}.png")
