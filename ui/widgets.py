"""Widgets the pages share: rate slider with exact box, plan-bound tables, percent and amount inputs, charts."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from planner.amounts import format_amount, parse_amount, parse_amount_or_none
from planner.charts import (
    NARROW_TITLE_PX,
    NARROW_WIDTH,
    ROOM_NARROW_WIDTH,
    ROOM_WIDTH,
    fit_title,
    for_room,
    slide_config,
)
from planner.checks import PlanCheck
from planner.export import build_deck
from planner.io.downloads import file_slug, table_csv, table_xlsx
from planner.io.images import INSTALL_HINT, images_available, render
from planner.money import format_rate, rate_in_percent, round_count, whole_amount, whole_percent
from planner.plan import Plan, replace
from planner.rate_scale import LAST_POSITION, position_of, rate_at
from planner.validation import explain, is_blank
from ui.frame import offering_downloads, on_shared_screen, presenting
from ui.markdown import plain
from ui.state import bound, commit, current_plan, errors, forget_widgets, keep, pending_tables, show_error

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX_MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"

RATE_PREFIX = "funnel_rate_"
RATE_POSITIONS = range(LAST_POSITION + 1)
# What a read-only table shows for a missing value, instead of Streamlit's grey "None".
EMPTY_CELL = "—"


def set_funnel(field: str, convert: Callable[[Any], Any] = float) -> Callable[[Plan, Any], Plan]:
    """An update that sets one field of the plan's funnel, validated."""
    return lambda plan, value: replace(plan, funnel=replace(plan.funnel, **{field: convert(value)}))


def set_goal(**converters: Callable[[Any], Any]) -> Callable[[Plan, Any], Plan]:
    """An update that sets goal fields from one widget value (each through its converter), validated."""
    return lambda plan, value: replace(
        plan, goals=replace(plan.goals, **{field: convert(value) for field, convert in converters.items()})
    )


def show_chart(fig: go.Figure, name: str, narrow: bool = False) -> None:
    """A chart in the plan's own template, with PNG (1920×1080) and SVG downloads under it.

    `narrow` for a chart in a half-width column: its title is wrapped to fit there. On a shared
    screen, every label is in large type. The images are drawn only when a download is clicked
    (Streamlit runs the callable then), so a slider move never waits for Chromium; the toolbar
    camera works without it. `fig` is the chart's own: it is resized in place, not copied, as a copy
    would cost a slider move a few milliseconds a chart.
    """
    if presenting():
        for_room(fig, ROOM_NARROW_WIDTH if narrow else ROOM_WIDTH)
    elif narrow:
        fit_title(fig, NARROW_WIDTH, NARROW_TITLE_PX)
    st.plotly_chart(fig, theme=None, config=slide_config(name), key=f"chart_{name}")
    if not offering_downloads():
        return
    if not images_available():
        st.caption(INSTALL_HINT)
        return
    with st.container(horizontal=True, gap="small", key=f"chart_{name}_downloads"):
        for fmt, mime in (("png", "image/png"), ("svg", "image/svg+xml")):
            st.download_button(
                fmt.upper(), data=partial(render, fig, fmt), file_name=f"{name}.{fmt}", mime=mime,
                key=f"chart_{name}_{fmt}", on_click="ignore", type="tertiary", icon=":material/download:",
                help=f"Download this chart as {fmt.upper()}" + (" (1920×1080)" if fmt == "png" else " (vector)"),
            )  # fmt: skip


def opened(label: str, key: str) -> DeltaGenerator | None:
    """An expander whose contents are drawn only while it is open: the expander, or None while closed.

    A closed expander's contents are otherwise built, sent and drawn (hidden) on every run: a table
    editor in one made a colleague's first look at the page wait for the browser's table code.
    """
    box = st.expander(label, key=key, on_change="rerun")
    return box if box.open else None


def table_downloads(frame: pd.DataFrame, name: str, labels: dict[str, str] | None = None) -> None:
    """CSV and Excel downloads of a table, with readable column names; no cell can run as a formula."""
    if not offering_downloads():
        return
    shown = frame.rename(columns=labels or {})
    with st.container(horizontal=True, gap="small", key=f"table_{name}_downloads"):
        st.download_button(
            "CSV", data=partial(table_csv, shown), file_name=f"{name}.csv", mime="text/csv",
            key=f"table_{name}_csv", on_click="ignore", type="tertiary", icon=":material/download:",
        )  # fmt: skip
        st.download_button(
            "Excel", data=partial(table_xlsx, shown, name), file_name=f"{name}.xlsx", mime=XLSX_MIME,
            key=f"table_{name}_xlsx", on_click="ignore", type="tertiary", icon=":material/download:",
        )  # fmt: skip


# A column of `show_table`: its label alone, or a `st.column_config` column (a dict holding its label).
TableColumn = str | dict[str, Any]


def show_table(
    frame: pd.DataFrame,
    name: str,
    columns: dict[str, TableColumn],
    *,
    download: pd.DataFrame | None = None,
    room_rows: int | None = None,
    counts: Sequence[str] = (),
    rates: Sequence[str] = (),
    percents: Sequence[str] = (),
    amounts: Sequence[str] = (),
    **kwargs: Any,
) -> None:
    """A read-only table of `columns` (in that order) with its CSV and Excel downloads under it.

    Each column's label is written once, in `columns`, and serves the table and the files alike.
    `download` is what the files hold when it differs from what is shown (rounded, say). On a shared
    screen a room cannot read a grid: the table shows only its first `room_rows` rows (a ranking's
    head), or gives way to the page's charts and key numbers when `room_rows` is None. `counts` are
    volume columns, shown as the app writes volumes (85,442 visits, 79.8 SQLs, 8.67 customers); `rates`
    are fractions shown as the app writes rates (24.9%, 1.5%, 0.75%); `percents` are ratios shown as
    whole percentages (ROI 432%); `amounts` are a year's totals in whole currency units (90,692).
    Their files keep the exact figures.
    """
    # Such a column is given by its label alone: its rounding and format are the app's, not the page's.
    rules = [
        (counts, round_count, "localized"), (rates, rate_in_percent, "%g%%"), (percents, whole_percent, "%d%%"),
        (amounts, whole_amount, "localized"),
    ]  # fmt: skip
    if any(chosen for chosen, _, _ in rules):
        download = frame if download is None else download
        for chosen, rounded, fmt in rules:
            frame = frame.assign(**{column: frame[column].map(rounded) for column in chosen})
            columns = {
                column: st.column_config.NumberColumn(label, format=fmt) if column in chosen else label
                for column, label in columns.items()
            }
    if on_shared_screen():
        if room_rows is None:
            return
        if len(frame) > room_rows:
            st.caption(f"The first {room_rows} of {len(frame):,}; the whole table is on this page at a desk.")
            frame = frame.head(room_rows)
            kwargs.pop("height", None)
    st.dataframe(
        frame[list(columns)], hide_index=True, column_config=columns, placeholder=EMPTY_CELL, **kwargs
    )
    labels = {column: config if isinstance(config, str) else config.get("label") or column
              for column, config in columns.items()}  # fmt: skip
    table_downloads((frame if download is None else download)[list(columns)], name, labels)


def inputs_disagree(check: PlanCheck) -> None:
    """Why no verdict is shown: the inputs that contradict each other, each with what to do."""
    st.warning(plain(check.summary()), icon=":material/balance:")
    for disagreement in check.disagreements:
        st.warning(plain(f"{disagreement.message} {disagreement.fix}"), icon=":material/arrow_right:")


def deck_download(plan: Plan) -> None:
    """The "Download deck" button: the plan (with last year's review and the ABM files when it holds them)
    as a 16:9 PowerPoint file.

    The deck is built when clicked, so the page does not pay for it on every rerun.
    """

    def deck() -> bytes:
        # Called on the click, so the title slide carries the day of the download.
        return build_deck(plan, today=date.today(), render_picture=render)

    st.download_button(
        "Download deck (PowerPoint)", data=deck, file_name=f"{file_slug(plan.name)}.pptx",
        mime=PPTX_MIME, key="deck_download", on_click="ignore", icon=":material/slideshow:",
        help="Title, goals and revenue bridge, funnel targets, last-year review (if the plan holds one), each "
        "quarter's roadmap, ABM KPIs (if loaded); bar and line charts stay editable in PowerPoint.",
    )  # fmt: skip
    if not images_available():
        st.caption(INSTALL_HINT)


def percent_input(label: str, key: str, fraction: float, update: Callable[[Plan, float], Plan], **kw: Any):
    """A number box in percent for a value the plan keeps as a fraction."""
    return bound(
        st.number_input,
        label,
        key,
        round(fraction * 100, 6),
        lambda plan, pct: update(plan, pct / 100),
        step=1.0,
        format="%.2f",
        **kw,
    )


def amount_input(
    label: str,
    key: str,
    amount: float | None,
    update: Callable[[Plan, float | None], Plan],
    code: str,
    *,
    optional: bool = False,
    **kw: Any,
):
    """A box for an amount in the plan's currency, shown with separators (12,000,000).

    It takes what a marketer types (12,000,000; 12 000 000; 12M; $12.5m) and, once the plan has
    the amount, shows it written out with separators again. `optional`: a blank box clears it.
    """
    read = parse_amount_or_none if optional else parse_amount
    return bound(
        st.text_input,
        label,
        key,
        format_amount(amount, code),
        lambda plan, text: update(plan, read(text, code)),
        tidy=lambda text: format_amount(read(text, code), code),
        **kw,
    )


# Every stop's label, written once: a select slider formats all its 271 options on every run, for five rates.
RATE_LABELS = tuple(format_rate(rate_at(position)) for position in RATE_POSITIONS)


def rate_input(index: int, label: str, rate: float) -> None:
    """One conversion rate: a slider on a log-like track and an exact box, kept in sync, bound to the plan.

    The slider's stops run from 0.1% to 100%, each decade as long as the next (`planner.rate_scale`),
    so a small rate can be set with a mouse and an arrow key moves it by a step of its size (1.5% →
    1.6%, 20% → 21%); the box takes any rate exactly.

    Neither widget writes into the other's state: a value pushed into a slider while the
    user is still moving it would snap it back. Instead each widget starts from the plan,
    and the box's key carries the rate, so a slider move draws a fresh box; a typed rate
    bumps the slider's version, which draws a fresh slider. The browser may still report
    a replaced widget once more; its callbacks ignore such echoes.
    """
    pct = round(rate * 100, 6)
    version_key = f"{RATE_PREFIX}{index}_version"
    version = st.session_state.setdefault(version_key, 0)
    slider_key = f"{RATE_PREFIX}slider_{index}_{label}_{version}"
    box_key = f"{RATE_PREFIX}box_{index}_{label}_{pct}"
    # Passing `value=` would change the slider's identity on every move and drop keyboard focus.
    here, in_effect = position_of(rate), format_rate(rate)
    keep(slider_key, here)
    keep(box_key, pct)
    slider_col, box_col = st.columns([4, 1], vertical_alignment="bottom")
    slider_col.select_slider(
        plain(label),
        options=RATE_POSITIONS,
        # The thumb reads the rate in effect as the chart writes it, also one between two stops (typed
        # in the box, or from last year's data): 24.85% reads 24.9%, not the nearest stop's 25%.
        format_func=lambda position: in_effect if position == here else RATE_LABELS[position],
        key=slider_key,
        on_change=_rate_moved,
        args=(index, label, slider_key, version_key, version),
    )
    box_col.number_input(
        f"{plain(label)}, exact %",
        step=0.1,
        format="%.2f",
        key=box_key,
        on_change=_rate_typed,
        args=(index, label, box_key, version_key, pct),
        label_visibility="collapsed",
    )
    show_error(box_key)


def _rate_update(index: int, to_rate: Callable[[Any], float]) -> Callable[[Plan, Any], Plan]:
    return lambda plan, value: replace(plan, funnel=plan.funnel.with_rate(index, to_rate(value)))


def _rate_moved(index: int, label: str, key: str, version_key: str, version: int) -> None:
    # Every stop of the track is a rate the plan takes, so a slider move is never refused.
    if st.session_state.get(version_key) == version:
        commit(key, label, _rate_update(index, rate_at))


def _rate_typed(index: int, label: str, key: str, version_key: str, drawn_pct: float) -> None:
    typed = st.session_state.get(key)
    drawn_for_current_rate = round(current_plan().funnel.rates[index] * 100, 6) == drawn_pct
    if typed is None or typed == drawn_pct or not drawn_for_current_rate:
        return
    # A refused rate puts the box back at the plan's rate; the slider never left it.
    if commit(key, label, _rate_update(index, lambda pct: pct / 100), in_effect=drawn_pct):
        st.session_state[version_key] += 1


def apply_editor_changes(
    frame: pd.DataFrame, changes: dict, date_columns: Sequence[str] = ()
) -> pd.DataFrame:
    """The table after a `st.data_editor` edit: its edited, deleted and added rows applied.

    The editor reports a typed date as ISO text; in `date_columns` it becomes a date again, so a
    table kept on screen after a refused edit still offers a date picker there.
    """
    rows = frame.to_dict("records")
    for position, edits in changes.get("edited_rows", {}).items():
        rows[int(position)].update(edits)
    deleted = set(changes.get("deleted_rows", []))
    rows = [row for position, row in enumerate(rows) if position not in deleted]
    rows += [
        {column: added.get(column) for column in frame.columns} for added in changes.get("added_rows", [])
    ]
    for row in rows:
        for column in date_columns:
            if isinstance(row.get(column), str) and row[column]:
                row[column] = date.fromisoformat(row[column][:10])
    edited = pd.DataFrame(rows, columns=frame.columns).astype(object)
    return edited.where(edited.notna(), None)


@dataclass(frozen=True)
class Draft:
    """A table edit the plan refused: the table the user started from, and what they typed."""

    base: pd.DataFrame
    typed: pd.DataFrame


def _same(first: Any, second: Any) -> bool:
    if is_blank(first) or is_blank(second):
        return is_blank(first) and is_blank(second)
    return bool(first == second)


def rebase(draft: Draft, current: pd.DataFrame) -> pd.DataFrame:
    """What the user typed, over the table as the plan holds it now.

    The plan may have moved on since the refused edit (a new fiscal year moves every date): cells
    the user changed keep their typing, every other cell shows the plan. Where rows were added or
    removed, cells cannot be matched, and the typing is shown as it was.
    """
    shapes = {draft.base.shape, draft.typed.shape, current.shape}
    if len(shapes) > 1 or list(draft.base.columns) != list(current.columns):
        return draft.typed
    merged = current.astype(object).copy()
    for column in current.columns:
        for row in range(len(current)):
            typed = draft.typed[column].iloc[row]
            if not _same(typed, draft.base[column].iloc[row]):
                merged.iloc[row, merged.columns.get_loc(column)] = typed
    return merged


def _date_columns(column_config: dict | None) -> list[str]:
    return [
        column
        for column, config in (column_config or {}).items()
        if isinstance(config, dict) and (config.get("type_config") or {}).get("type") == "date"
    ]


def bound_table(
    label: str,
    key: str,
    frame: pd.DataFrame,
    update: Callable[[Plan, pd.DataFrame], Plan],
    after: Callable[[], None] | None = None,
    **kwargs: Any,
) -> None:
    """An editable table bound to the plan: each valid edit is written back; a refused one stays
    on screen with its message, across page switches, until the user fixes it."""
    draft = pending_tables().get(key)
    shown = frame if draft is None else rebase(draft, frame)
    if draft is not None and key not in errors():
        # Arriving from another page clears messages; say again why this table is not saved.
        try:
            update(current_plan(), shown)
        except (ValueError, TypeError) as exc:
            errors()[key] = f"{explain(exc, label)} The plan keeps its last valid value."
    version_key = f"{key}_version"
    editor_key = f"{key}_{st.session_state.setdefault(version_key, 0)}"
    dates = _date_columns(kwargs.get("column_config"))
    st.data_editor(
        shown,
        key=editor_key,
        # An empty cell the user may fill stays blank: a grey "None" reads as a value someone typed.
        placeholder="",
        on_change=_table_changed,
        args=(label, key, editor_key, frame, shown, update, after, dates),
        **kwargs,
    )
    show_error(key)


def _table_changed(label, key, editor_key, frame, shown, update, after, dates) -> None:
    edited = apply_editor_changes(shown, st.session_state[editor_key], dates)
    # Either way a fresh editor starts from what is now true (the plan, or the refused typing),
    # so no edit is applied twice.
    st.session_state[f"{key}_version"] += 1
    if commit(key, label, update, value=edited):
        pending_tables().pop(key, None)
        if after:
            after()
    else:
        pending_tables()[key] = Draft(base=frame, typed=edited)


def forget_funnel_widgets() -> None:
    """After a stage edit, rate and cost widgets refer to other stages: draw them again from the plan."""
    forget_widgets(RATE_PREFIX)
    forget_widgets("funnel_cost")
