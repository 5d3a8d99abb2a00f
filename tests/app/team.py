"""AppTest sessions on a team server: sign-in configured, a person signed in, plans made by others."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from planner.access import Person, TeamRules
from planner.io.service import PlanService
from planner.io.store import PlanStore
from tests.app.conftest import ROOT, shown

# Only the section's presence switches sign-in on; AppTest never talks to a provider.
SECRETS = {
    "auth": {
        "redirect_uri": "http://localhost:8501/oauth2callback",
        "cookie_secret": "not-a-secret-only-for-tests",
        "client_id": "planner",
        "client_secret": "not-a-secret-only-for-tests",
        "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration",
    },
    "planner": {"admin_email": "admin@example.com", "team_domain": "example.com"},
}
RULES = TeamRules(admin_email="admin@example.com", team_domain="example.com")
ALICE = Person(email="alice@example.com", name="Alice Adams")
BOB = Person(email="bob@example.com", name="Bob Brown")


def service(person: Person) -> PlanService:
    """The store as `person` may use it, straight from Python: what a crafted session would reach."""
    return PlanService(PlanStore(), person, RULES)


def session(
    person: Person | None,
    page: str | None = None,
    plan: str | None = None,
    snapshot: str | None = None,
) -> AppTest:
    """A new browser session on a team server, signed in as `person` (None: signed out)."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.secrets = SECRETS
    at.user = (
        {"is_logged_in": True, "email": person.email, "name": person.name}
        if person
        else {"is_logged_in": False}
    )
    if plan:
        at.query_params["plan"] = plan
    if snapshot:
        at.query_params["snapshot"] = snapshot
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def texts(at: AppTest) -> str:
    """Everything the page says, in one string, to check what it shows and what it must not."""
    parts = [
        e.value for kind in ("title", "header", "subheader", "markdown", "caption") for e in getattr(at, kind)
    ]
    parts += [e.value for kind in ("info", "warning", "error", "success") for e in getattr(at, kind)]
    parts += [str(m.value) for m in at.metric] + [m.label for m in at.metric]
    return "\n".join(shown(str(p)) for p in parts)


# Widgets that choose what to look at, never what the plan holds.
VIEW_ONLY = {"roadmap_quarter"}


def inputs(at: AppTest) -> list:
    """Every widget that could change the plan, in the page and its sidebar."""
    kinds = (
        "number_input",
        "slider",
        "text_input",
        "selectbox",
        "date_input",
        "text_area",
        "toggle",
        "checkbox",
        "radio",
    )
    return [w for kind in kinds for w in getattr(at, kind) if w.key not in VIEW_ONLY]
