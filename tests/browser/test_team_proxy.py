"""Two app processes behind nginx on one PostgreSQL database: sign-in, changes and stale saves across them."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import create_engine

from planner.access import Person, Share, TeamRules
from planner.io.service import PlanService
from planner.io.store import PlanStore
from tests.browser.team import APP_READY, TIMEOUT, Provider, TeamServer, need_nginx, sign_in
from tests.planner.io.postgres import empty_postgres, postgres_url

pytestmark = pytest.mark.browser
DEAL = "Average first-year deal size (USD)"
EXAMPLE_FILE = Path(__file__).resolve().parents[2] / "sample_data" / "example_plan.json"


@pytest.fixture(scope="module")
def provider() -> Iterator[Provider]:
    oidc = Provider()
    oidc.add_person("alice@example.com", "Alice Adams")
    oidc.add_person("bob@example.com", "Bob Brown")
    yield oidc
    oidc.stop()


@pytest.fixture(scope="module")
def team(provider) -> Iterator[TeamServer]:
    need_nginx()
    empty_postgres().dispose()
    server = TeamServer(provider, postgres_url(), processes=2)
    yield server
    server.stop()


def browser_on(browser: Browser, team: TeamServer, route: str) -> Page:
    """A browser whose route cookie sends every request to one chosen app process."""
    context = browser.new_context(viewport={"width": 1600, "height": 1000})
    context.add_cookies([{"name": "planner_route", "value": route, "url": team.url}])
    return context.new_page()


def set_deal(page: Page, amount: int) -> None:
    box = page.get_by_role("textbox", name=DEAL)
    box.fill(str(amount))
    box.press("Enter")


def saved_version(page: Page, version: int) -> None:
    expect(page.locator('[data-testid="stSidebar"]').get_by_text(f"version {version}")).to_be_visible(
        timeout=TIMEOUT
    )


def test_two_people_on_two_processes_share_one_database(browser: Browser, team: TeamServer):
    first, second = team.routes_to_each_process()
    assert team.process_for(first) != team.process_for(second)
    bob, alice = browser_on(browser, team, first), browser_on(browser, team, second)

    # Sign-in through the proxy: the provider sends each browser back to nginx, to its own process.
    sign_in(bob, team.url, "bob@example.com")
    sign_in(alice, team.url, "alice@example.com")

    bob.goto(f"{team.url}/goals")
    set_deal(bob, 2_000_000)
    bob.wait_for_url(re.compile(r"[?&]plan=\w+"), timeout=TIMEOUT)
    plan_id = re.search(r"plan=(\w+)", bob.url).group(1)
    saved_version(bob, 1)
    store = PlanStore(engine=create_engine(postgres_url()))
    PlanService(store, Person(email="bob@example.com", name="Bob Brown"), TeamRules()).share(
        plan_id, Share(email="alice@example.com", role="editor")
    )

    alice.goto(f"{team.url}/goals?plan={plan_id}")
    expect(alice.get_by_role("textbox", name=DEAL)).to_have_value("2,000,000", timeout=TIMEOUT)

    # A change through one process is seen after a reload through the other.
    set_deal(bob, 3_000_000)
    saved_version(bob, 2)
    alice.reload()
    expect(alice.get_by_role("textbox", name=DEAL)).to_have_value("3,000,000", timeout=TIMEOUT)
    saved_version(alice, 2)

    # A stale save across them is refused: the version check lives in the database, not a process.
    set_deal(bob, 4_000_000)
    saved_version(bob, 3)
    set_deal(alice, 5_000_000)
    expect(alice.get_by_text("Someone saved this plan (version 3) after you opened version 2")).to_be_visible(
        timeout=TIMEOUT
    )
    assert store.get(plan_id).plan.goals.avg_deal_size == 4_000_000

    # Alice, an editor, takes Bob's version and changes it: the history names her.
    alice.get_by_role("button", name="Reload their version").click()
    # The notice is drawn early in the run that reloads; once that run ends, only its widgets remain.
    expect(alice.get_by_text("Reloaded the latest saved version")).to_be_visible(timeout=TIMEOUT)
    alice.wait_for_selector(APP_READY, timeout=TIMEOUT)
    expect(alice.get_by_role("textbox", name=DEAL)).to_have_value("4,000,000", timeout=TIMEOUT)
    set_deal(alice, 6_000_000)
    saved_version(alice, 4)
    bob.goto(f"{team.url}/plans?plan={plan_id}")
    bob.get_by_role("tab", name="History of this plan").click(timeout=TIMEOUT)
    expect(bob.get_by_text("Alice Adams")).to_be_visible(timeout=TIMEOUT)
    # Bob's two quick changes may be one history entry (less than a minute apart): count authors, not entries.
    latest, *earlier = (v.author_name for v in store.versions(plan_id))
    assert latest == "Alice Adams" and set(earlier) == {"Bob Brown"}

    # An upload goes to the process that holds the browser's session, through nginx's body limit.
    alice.goto(f"{team.url}/plans")
    alice.get_by_role("tab", name="Import and export").click(timeout=TIMEOUT)
    alice.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(EXAMPLE_FILE))
    expect(alice.get_by_text("from example_plan.json.")).to_be_visible(timeout=TIMEOUT)

    # Every request of each browser, its WebSockets included, stayed on its own process.
    bob.context.close()
    alice.context.close()
    for route in (first, second):
        lines = team.logged(route, until=lambda found: any("/_stcore/stream" in line for line in found))
        assert {re.search(r"upstream=(\S+)", line).group(1) for line in lines} == {team.process_for(route)}
