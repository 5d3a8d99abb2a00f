"""Who is using the app: sign-in through the team's OpenID Connect provider when `[auth]` is set up."""

from __future__ import annotations

from typing import Any

import streamlit as st
from pydantic import ValidationError
from streamlit.errors import StreamlitAuthError

from planner.access import LOCAL_USER, Person, TeamRules
from ui.markdown import plain

SETTINGS = "planner"


def _secrets() -> Any:
    try:
        return st.secrets.to_dict()
    except FileNotFoundError:
        # No secrets file at all: a laptop install, one local user and no sign-in.
        return {}


def sign_in_required() -> bool:
    """Whether `.streamlit/secrets.toml` has an `[auth]` section: then every page asks for sign-in."""
    return "auth" in _secrets()


def team_rules() -> TeamRules:
    """The `[planner]` settings of the secrets file: the admin address and the team's email domain."""
    settings = _secrets().get(SETTINGS, {})
    return TeamRules(admin_email=settings.get("admin_email"), team_domain=settings.get("team_domain"))


def person() -> Person:
    """Who this session acts for: the signed-in person, or the one local user without sign-in."""
    if not sign_in_required():
        return LOCAL_USER
    if not st.user.get("is_logged_in"):
        # Never the local user, who may do everything: with sign-in on, nobody signed in may do nothing.
        raise PermissionError("Sign in first.")
    email = str(st.user.get("email") or "")
    return Person(email=email, name=str(st.user.get("name") or email))


def _sign_in_screen() -> None:
    st.title("Marketing planner")
    st.write("Sign in with your work account to see and plan with your team's marketing plans.")
    if st.query_params.get("plan") or st.query_params.get("snapshot"):
        # Streamlit's sign-in always returns to the home page, so the link's plan is not kept.
        st.caption("After you sign in, open the link you followed again to see its plan.")
    if st.button("Sign in", key="sign_in", type="primary", icon=":material/login:"):
        try:
            st.login()
        except StreamlitAuthError:
            st.error(
                "Sign-in is not set up correctly on this server; ask your administrator to check it.",
                icon=":material/error:",
            )


def _refusal() -> str | None:
    """Why a signed-in person cannot go on, in one sentence; None when nothing is wrong."""
    try:
        team_rules()
    except ValidationError:
        return "The server's admin address or team domain setting is not valid; ask your administrator."
    if st.user.get("email_verified") is False:
        return "Your sign-in provider has not confirmed your email address; confirm it, then sign in again."
    try:
        person()
    except ValidationError:
        return "Your sign-in did not give an email address; ask your administrator to include it."
    return None


def require_sign_in() -> Person:
    """The person using the app; with sign-in on, a signed-out visitor sees only the sign-in screen."""
    if not sign_in_required():
        return LOCAL_USER
    if not st.user.get("is_logged_in"):
        _sign_in_screen()
        st.stop()
    refusal = _refusal()
    if refusal is not None:
        st.title("Marketing planner")
        st.error(refusal, icon=":material/error:")
        sign_out_button()
        st.stop()
    return person()


def sign_out_button() -> None:
    st.button("Sign out", key="sign_out", icon=":material/logout:", on_click=st.logout, type="tertiary")


def signed_in_line(who: Person) -> None:
    """Who is signed in, and the way out; nothing without sign-in."""
    if who.local:
        return
    address = f"  \n{plain(who.email or '')}" if who.name != who.email else ""
    st.caption(f":material/account_circle: Signed in as **{plain(who.name)}**{address}")
    sign_out_button()
