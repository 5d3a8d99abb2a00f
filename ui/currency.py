"""The sidebar's currency choice: a new currency converts every amount at a typed rate, or relabels them, as the user says."""

from __future__ import annotations

from datetime import UTC, datetime

import streamlit as st

from planner.conversion import convert_currency, relabel_currency
from planner.money import CURRENCIES
from ui.markdown import plain
from ui.state import current_plan, forget_widgets, keep, set_plan

KEY = "sidebar_currency"
PENDING = "sidebar_currency_pending"


def _chosen() -> None:
    # A new currency waits for the user to say what happens to the amounts; nothing changes before.
    if st.session_state[KEY] != current_plan().currency:
        st.session_state[PENDING] = st.session_state[KEY]
    else:
        st.session_state.pop(PENDING, None)


def _done() -> None:
    st.session_state.pop(PENDING, None)
    st.session_state.pop(KEY, None)
    st.session_state.pop("sidebar_currency_rate", None)


def _convert(code: str) -> None:
    rate = st.session_state.get("sidebar_currency_rate")
    if not rate or rate <= 0:
        st.session_state["sidebar_currency_error"] = (
            f"Enter how many {code} one {current_plan().currency} buys, for example 0.92, or relabel instead."
        )
        return
    set_plan(convert_currency(current_plan(), code, float(rate), datetime.now(UTC)))
    st.session_state.pop("sidebar_currency_error", None)
    _done()
    # Every amount box holds the old figure; each must read the converted one from the plan.
    forget_widgets("")


def _relabel(code: str) -> None:
    set_plan(relabel_currency(current_plan(), code, datetime.now(UTC)))
    _done()


def currency_choice() -> None:
    """The currency box, and once another is chosen: convert at a rate, relabel only, or keep the old one."""
    plan = current_plan()
    keep(KEY, plan.currency)
    st.selectbox(
        "Currency", list(CURRENCIES), key=KEY, on_change=_chosen,
        format_func=lambda c: f"{c} ({CURRENCIES[c].symbol}) {CURRENCIES[c].name}",
    )  # fmt: skip
    code = st.session_state.get(PENDING)
    if code and code != plan.currency:
        with st.container(border=True):
            st.markdown(f"**From {plan.currency} to {code}: what happens to the amounts?**")
            st.number_input(
                f"{code} per {plan.currency}", key="sidebar_currency_rate", value=None, min_value=0.0,
                format="%.6g", placeholder="e.g. 0.92",
            )  # fmt: skip
            if error := st.session_state.get("sidebar_currency_error"):
                st.error(plain(error), icon=":material/error:")
            st.button("Convert every amount", key="sidebar_currency_convert", on_click=_convert, args=(code,))
            st.button("Relabel only, keep the numbers", key="sidebar_currency_relabel", on_click=_relabel, args=(code,))
            st.button(f"Keep {plan.currency}", key="sidebar_currency_cancel", on_click=_done, type="tertiary")
    elif plan.currency_change is not None:
        st.caption(plain(plan.currency_change.sentence()))
