"""The working plan in `st.session_state`, and widgets bound to it that never lose a valid value."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import streamlit as st

from planner import undo
from planner.plan import Plan, example_plan
from planner.validation import explain
from ui import autosave
from ui.markdown import plain

PLAN_KEY = "plan"
ERRORS_KEY = "input_errors"
PAGE_KEY = "current_page"
# Table edits the plan refused, by table key: kept on screen, across page switches, until fixed.
PENDING_KEY = "pending_tables"
# Files a user loaded live under keys with this prefix; unlike widget values they outlive page switches.
DATA_PREFIX = "data_"
# What a page shows (which quarter, say) lives under keys with this prefix, also across page switches.
VIEW_PREFIX = "view_"
# The plans Undo and Redo bring back: the session's, not a widget's, so they outlive page switches.
UNDO_KEY = "undo_history"

Update = Callable[[Plan, Any], Plan]


def current_plan() -> Plan:
    """The plan this browser session is editing; the worked example on first start."""
    if PLAN_KEY not in st.session_state:
        st.session_state[PLAN_KEY] = example_plan()
    return st.session_state[PLAN_KEY]


def set_plan(plan: Plan) -> None:
    """Make `plan` the working plan, remember the change for Undo, and save it (see `ui.autosave`)."""
    before = st.session_state.get(PLAN_KEY)
    _put(plan)
    if before is not None:
        st.session_state[UNDO_KEY] = undo.record(undo_history(), before, plan, datetime.now(UTC))


def _put(plan: Plan) -> None:
    st.session_state[PLAN_KEY] = plan
    autosave.autosave(plan)


def load_plan(plan: Plan) -> None:
    """Replace the whole plan (a change Undo can take back) and make every widget start again from it."""
    set_plan(plan)
    _reread()


def _reread() -> None:
    forget_widgets("")
    st.session_state[ERRORS_KEY] = {}
    st.session_state[PENDING_KEY] = {}


def undo_history() -> undo.UndoHistory:
    """What Undo and Redo can bring back in this session, for the plan it has open."""
    return st.session_state.setdefault(UNDO_KEY, undo.UndoHistory())


def forget_undo() -> None:
    """Start Undo and Redo afresh: another plan is open, whose history is not this one's."""
    st.session_state[UNDO_KEY] = undo.UndoHistory()


def step_back() -> None:
    """Undo: show the plan as it was before the last change, save it, and let every widget re-read it."""
    _step(undo.undo)


def step_forward() -> None:
    """Redo: bring back the change the last Undo took away, saved like any change."""
    _step(undo.redo)


def _step(move: Callable[[undo.UndoHistory, Plan], undo.Step]) -> None:
    if autosave.saving().read_only:
        return
    try:
        step = move(undo_history(), current_plan())
    except ValueError:
        # A second click on a button that has just run out: nothing left to move.
        return
    st.session_state[UNDO_KEY] = step.history
    _put(step.plan)
    _reread()


def forget_widgets(prefix: str) -> None:
    """Drop widget values under `prefix` so the widgets re-read the plan on the next run."""
    for key in [k for k in st.session_state if isinstance(k, str) and k.startswith(prefix)]:
        # Table versions only grow, so a rebuilt table never meets an old edit of the same key.
        if (
            key not in (PLAN_KEY, ERRORS_KEY, PAGE_KEY, PENDING_KEY, UNDO_KEY, autosave.SAVED_KEY)
            and not key.endswith("_version")
            and not key.startswith((DATA_PREFIX, VIEW_PREFIX))
        ):
            del st.session_state[key]


def pending_tables() -> dict[str, Any]:
    """What the user typed into tables whose last edit the plan refused, by table key."""
    return st.session_state.setdefault(PENDING_KEY, {})


def errors() -> dict[str, str]:
    """Messages for widgets whose last value was refused, by widget key."""
    return st.session_state.setdefault(ERRORS_KEY, {})


# How a refusal ends: a table keeps the user's typing, a widget shows again the value the plan still uses.
KEPT = "The plan keeps its last valid value."
SHOWN_AGAIN = {
    "box": "The box shows the value the plan still uses.",
    "empty box": "The box is empty again, as the plan still has no value here.",
    "choice": "The choice shown is the one the plan still uses.",
}
# The widgets a user types into; any other bound widget is a choice.
BOXES = (st.number_input, st.text_input, st.text_area, st.date_input, st.time_input)
_TYPING = object()  # `in_effect` when a refused value stays on screen


def commit(
    key: str,
    label: str,
    update: Update,
    value: Any | None = None,
    *,
    in_effect: Any = _TYPING,
    shown_as: str = "box",
) -> bool:
    """Apply a widget's value to the plan; on a refused value keep the plan and record why.

    Given `in_effect` (the plan's value as the widget shows it), a refused widget is put back to it
    and the message says so, so the screen never shows a value the charts do not use. Without it
    (a table of pending edits) the user's typing stays, to be fixed.
    """
    value = st.session_state[key] if value is None else value
    try:
        plan = update(current_plan(), value)
    except (ValueError, TypeError) as exc:
        if in_effect is _TYPING:
            errors()[key] = f"{explain(exc, label)} {KEPT}"
        else:
            # Allowed in the widget's own on_change callback: it runs before the widget is drawn again.
            st.session_state[key] = in_effect
            empty = shown_as == "box" and in_effect in (None, "")
            errors()[key] = f"{explain(exc, label)} {SHOWN_AGAIN['empty box' if empty else shown_as]}"
        return False
    set_plan(plan)
    _release_refused(keep=key)
    return True


def _release_refused(keep: str) -> None:
    """After a valid change, widgets still showing a refused value start again from the plan.

    A value refused earlier (a goal below the upsell, say) may be fine now, or stale; either
    way the screen must show what the plan holds, not a value the plan never took.
    """
    errors().pop(keep, None)
    # A refused table edit is the user's typing, not a stale value: it stays until fixed.
    for key in [k for k in errors() if k not in pending_tables()]:
        del errors()[key]
        st.session_state.pop(key, None)
        if f"{key}_version" in st.session_state:
            st.session_state[f"{key}_version"] += 1


def show_error(key: str) -> None:
    message = errors().get(key)
    if message:
        st.error(plain(message), icon=":material/error:")


def keep(key: str, value: Any) -> None:
    """Start widget `key` from the plan's `value` unless the widget already holds one."""
    if key not in st.session_state:
        st.session_state[key] = value
        errors().pop(key, None)


def enter_page(name: str) -> None:
    """On arriving from another page, make every widget start again from the plan.

    Streamlit ties widget state to the page that drew it, so a value left from another
    page would be stale. Within a page the widgets keep their own state: assigning it
    again on every run would send old values back to a slider the user is still moving.
    """
    if st.session_state.get(PAGE_KEY) != name:
        forget_widgets("")
        st.session_state[ERRORS_KEY] = {}
        st.session_state[PAGE_KEY] = name


def bound(
    widget: Callable[..., Any],
    label: str,
    key: str,
    plan_value: Any,
    update: Update,
    *,
    field: str | None = None,
    restore: bool = True,
    tidy: Callable[[Any], Any] | None = None,
    **kwargs: Any,
) -> Any:
    """Render `widget` starting from `plan_value`; each valid change is written to the plan.

    The value lives in the plan, not in the widget, so it survives page switches (Streamlit
    drops a widget's state when a page stops drawing it). `label` is Markdown, with any user text
    in it escaped by the caller; `field` names the field in a refusal as plain text (default: `label`).
    A refused value is replaced by `plan_value` again, unless `restore` is False (a choice that opens
    the inputs to make it valid). `tidy` rewrites a taken value as the widget shows it ("12.5m" as
    "12,500,000").
    """
    keep(key, plan_value)
    in_effect = plan_value if restore else _TYPING
    shown_as = "box" if widget in BOXES else "choice"
    result = widget(
        label,
        key=key,
        on_change=_changed,
        args=(key, field or label, update, in_effect, shown_as, tidy),
        **kwargs,
    )
    show_error(key)
    return result


def _changed(
    key: str, label: str, update: Update, in_effect: Any, shown_as: str, tidy: Callable[[Any], Any] | None
) -> None:
    if commit(key, label, update, in_effect=in_effect, shown_as=shown_as) and tidy is not None:
        st.session_state[key] = tidy(st.session_state[key])
