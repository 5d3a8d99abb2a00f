"""The Plans page's team parts: who a plan is shared with, and versions frozen for meetings."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import streamlit as st
from pydantic import ValidationError

from planner.access import (
    ROLE_WORDS,
    AccessDeniedError,
    Share,
    ShareRole,
    TeamRules,
    may_change,
    normalise_email,
)
from planner.io.service import ListedPlan
from planner.io.snapshots import Snapshot
from planner.io.store import PlanVersion
from planner.validation import explain
from ui import autosave
from ui.markdown import plain

SHARE_ROLES: dict[str, ShareRole] = {"Can view": "viewer", "Can edit": "editor"}
NOT_SHARED = "Not shared"


def _notice(text: str) -> None:
    autosave.saving().notice = text


@autosave.politely("The plan was not shared")
def _share_with(plan_id: str, email_key: str, role_key: str) -> None:
    role = SHARE_ROLES[st.session_state[role_key]]
    try:
        email = normalise_email(st.session_state[email_key])
        autosave.store().share(plan_id, Share(email=email, role=role))
    except AccessDeniedError as exc:
        _notice(str(exc))
        return
    except ValueError as exc:
        _notice(f"Not shared: {exc}")
        return
    st.session_state[email_key] = ""
    _notice(f"Shared with {email}: they {ROLE_WORDS[role]} it.")


@autosave.politely("The plan's sharing did not change")
def _unshare(plan_id: str, grantee: str) -> None:
    try:
        autosave.store().unshare(plan_id, grantee)
    except AccessDeniedError as exc:
        _notice(str(exc))
        return
    who = f"everyone at {grantee}" if grantee.startswith("@") else grantee
    _notice(f"The plan is no longer shared with {who}.")


@autosave.politely("The plan's sharing did not change")
def _share_domain(plan_id: str, domain: str, key: str) -> None:
    choice = st.session_state[key]
    try:
        if choice == NOT_SHARED:
            autosave.store().unshare(plan_id, f"@{domain}")
        else:
            autosave.store().share(plan_id, Share(domain=domain, role=SHARE_ROLES[choice]))
    except (AccessDeniedError, ValueError) as exc:
        _notice(str(exc))


def share_popover(container, listed: ListedPlan, rules: TeamRules) -> None:
    """The owner's "Share" button on a plan's row: people by email, and optionally the whole team."""
    with container.popover("Share", icon=":material/share:"):
        st.markdown(f"Who may open **{plain(listed.name)}**")
        people = [s for s in listed.shares if s.email is not None]
        if not people:
            st.caption("Only you, so far.")
        for share in people:
            line = st.container(horizontal=True, vertical_alignment="center")
            line.markdown(f"{plain(share.grantee)} · {ROLE_WORDS[share.role]}")
            line.button(
                "Remove", key=f"plans_unshare_{listed.id}_{share.grantee}", type="tertiary",
                on_click=_unshare, args=(listed.id, share.grantee), icon=":material/person_remove:",
            )  # fmt: skip
        email_key, role_key = f"plans_share_email_{listed.id}", f"plans_share_role_{listed.id}"
        st.text_input("Email address", key=email_key, placeholder="name@company.com", max_chars=320)
        st.radio("They", list(SHARE_ROLES), key=role_key, horizontal=True)
        st.button(
            "Share", key=f"plans_share_{listed.id}", type="primary", icon=":material/person_add:",
            on_click=_share_with, args=(listed.id, email_key, role_key),
        )  # fmt: skip
        if rules.team_domain:
            team = next((s for s in listed.shares if s.domain == rules.team_domain), None)
            choices = [NOT_SHARED, *SHARE_ROLES]
            current = NOT_SHARED if team is None else next(k for k, v in SHARE_ROLES.items() if v == team.role)
            key = f"plans_share_team_{listed.id}"
            st.selectbox(
                f"Everyone at @{plain(rules.team_domain)}", choices, index=choices.index(current), key=key,
                on_change=_share_domain, args=(listed.id, rules.team_domain, key),
            )  # fmt: skip


def _today() -> date:
    try:
        return datetime.now(ZoneInfo(st.context.timezone or "UTC")).date()
    except (KeyError, ValueError):
        return datetime.now(ZoneInfo("UTC")).date()


@autosave.politely("The snapshot was not frozen")
def _freeze(plan_id: str) -> None:
    state = st.session_state
    try:
        snapshot = autosave.store().freeze(
            plan_id, state["plans_freeze_version"], state["plans_freeze_name"], state["plans_freeze_date"]
        )
    except ValidationError as exc:
        _notice(f"Not frozen. {explain(exc, 'Meeting name')}")
        return
    except (AccessDeniedError, LookupError) as exc:
        _notice(f"Not frozen. {exc}")
        return
    _notice(f"Version {snapshot.version} is frozen as “{snapshot.name}”; its link below always shows it.")


def snapshot_link(snapshot: Snapshot) -> str:
    """The snapshot's address as the browser sees this server, so it works for a colleague."""
    base = (st.context.url or "").split("?")[0].removesuffix("/").removesuffix("/plans")
    return f"{base}/?{autosave.SNAPSHOT_PARAM}={snapshot.id}"


def snapshot_list(snapshots: list[Snapshot]) -> None:
    """Each snapshot of the open plan: name, meeting date, version, and the link that shows it."""
    if not snapshots:
        st.caption("No meeting snapshots of this plan yet.")
    for snapshot in snapshots:
        with st.container(border=True):
            st.markdown(
                f"**{plain(snapshot.name)}** · meeting on {snapshot.meeting_on:%d %b %Y} · version {snapshot.version}"
            )
            st.code(snapshot_link(snapshot), language=None)
            st.page_link(
                "app.py", label="Present this snapshot", icon=":material/co_present:",
                query_params={autosave.SNAPSHOT_PARAM: snapshot.id},
            )  # fmt: skip


def snapshots_tab(versions: list[PlanVersion], snapshots: list[Snapshot]) -> None:
    """Freeze a version for a meeting (for those who may change the plan), then list the snapshots."""
    info = autosave.saving()
    if info.id is None:
        st.caption("The worked example has no versions to freeze until you change it.")
        return
    st.caption(
        "A snapshot pins one version under a meeting's name and date. Its link always opens exactly "
        "that version, read-only, in presentation mode, and its deck is that version's deck."
    )
    if may_change(info.role):
        with st.form("plans_freeze", border=True):
            name_col, date_col, version_col = st.columns([3, 2, 2])
            name_col.text_input("Meeting", value="Board review", key="plans_freeze_name", max_chars=80)
            date_col.date_input("Meeting date", value=_today(), key="plans_freeze_date", format="DD/MM/YYYY")
            version_col.selectbox(
                "Version", [v.version for v in versions], key="plans_freeze_version",
                format_func=lambda v: f"v{v}" + (" (current)" if v == info.version else ""),
            )  # fmt: skip
            st.form_submit_button(
                "Freeze for a meeting", icon=":material/push_pin:", type="primary", on_click=_freeze, args=(info.id,)
            )
    snapshot_list(snapshots)
