"""The upload flow the review and ABM pages share: a file picker that reads each upload once, and the mapping form."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import streamlit as st

from planner.io import LIMITS, AmbiguousColumnsError, MissingColumnsError
from ui.markdown import plain

UPLOAD_TYPES = ["csv", "tsv", "txt", "xlsx"]
TABLE_ADVICE = "save the table as CSV or Excel (.xlsx) and upload that"
# load(kind, file_name, data, mapping=None) reads a file and keeps it (True), or keeps the reason it
# failed for the page to show (False).
Loader = Callable[..., bool]


def wrong_type(file_name: str, types: Sequence[str] = UPLOAD_TYPES, advice: str = TABLE_ADVICE) -> str | None:
    """The sentence for a file this box does not take (by its extension), or None for one it does."""
    extension = file_name.rpartition(".")[2].lower() if "." in file_name else ""
    if extension in types:
        return None
    what = f"a .{extension} file" if extension else "a file without an extension"
    return f"{file_name} is {what}, which this box does not read: {advice}."


@dataclass(frozen=True)
class PendingFile:
    """A file waiting for the user to map the columns it lacks."""

    kind: str
    file_name: str
    data: bytes
    error: MissingColumnsError


def file_picker(
    where: Any,
    label: str,
    kind: str,
    key: str,
    seen_key: str,
    load: Loader,
    *,
    types: Sequence[str] = UPLOAD_TYPES,
    advice: str = TABLE_ADVICE,
    max_mb: int | None = None,
    caption: str | None = None,
    forget: Callable[[str], None] | None = None,
) -> None:
    """A file uploader in `where` (the page or a column) whose every new upload `load` reads once.

    Streamlit hands the same upload to every rerun; `seen_key` remembers the last one read, so a
    slider moved after an upload does not read the file again. The box states the limits of its
    `kind` of file; the browser refuses a larger file, and the reader checks again. A file of the
    wrong type, or one the reader refuses, leaves the box (a new key draws it empty), and the page
    says why in one sentence; the plan keeps what it held. `types`, `advice`, `max_mb` and `caption` are
    for a file that is not a table of `planner.io.LIMITS` (a plan file). `forget(kind)` drops what the page
    still says about the last file it refused, so a new file's sentence is the only one shown.
    """
    refused_key = f"{seen_key}_refused"
    round_key = f"{seen_key}_round"
    box_key = f"{key}_{st.session_state.get(round_key, 0)}"
    limits = LIMITS.get(kind)
    upload = where.file_uploader(label, key=box_key, max_upload_size=max_mb or limits.max_mb)
    where.caption(caption or limits.caption())
    if refused := st.session_state.get(refused_key):
        where.error(plain(refused), icon=":material/block:")
    if upload is None or st.session_state.get(seen_key) == upload.file_id:
        return
    st.session_state[seen_key] = upload.file_id
    st.session_state.pop(refused_key, None)
    if forget is not None:
        forget(kind)
    refusal = wrong_type(upload.name, types, advice)
    if refusal is not None:
        st.session_state[refused_key] = refusal
    if refusal is not None or not load(kind, upload.name, upload.getvalue()):
        st.session_state[round_key] = st.session_state.get(round_key, 0) + 1
        st.rerun()


def mapping_form(pending: PendingFile, prefix: str, load: Loader) -> None:
    """The file's missing columns, each to be chosen among the file's own; submitting reads it again."""
    st.warning(plain(pending.error), icon=":material/table_edit:")
    # Two columns that mean one: the choice is between those two, not every column of the file.
    candidates = pending.error.candidates if isinstance(pending.error, AmbiguousColumnsError) else {}
    with st.form(f"{prefix}_mapping"):
        mapping = {
            column: st.selectbox(
                f"Which column holds {pending.error.labels[column]}?",
                candidates.get(column, pending.error.available),
                key=f"{prefix}_map_{column}",
            )
            for column in pending.error.missing
        }
        if st.form_submit_button("Read the file with these columns", key=f"{prefix}_map_submit"):
            load(pending.kind, pending.file_name, pending.data, mapping)
            st.rerun()
