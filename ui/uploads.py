"""The upload flow the review and ABM pages share: a file picker that reads each upload once, and the mapping form."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import streamlit as st

from planner.io import LIMITS, AmbiguousColumnsError, MissingColumnsError

UPLOAD_TYPES = ["csv", "tsv", "txt", "xlsx"]
# load(kind, file_name, data, mapping=None) reads a file and keeps it, or the reason it failed.
Loader = Callable[..., None]


@dataclass(frozen=True)
class PendingFile:
    """A file waiting for the user to map the columns it lacks."""

    kind: str
    file_name: str
    data: bytes
    error: MissingColumnsError


def file_picker(where: Any, label: str, kind: str, key: str, seen_key: str, load: Loader) -> None:
    """A file uploader in `where` (the page or a column) whose every new upload `load` reads once.

    Streamlit hands the same upload to every rerun; `seen_key` remembers the last one read, so a
    slider moved after an upload does not read the file again. The box states the limits of its
    `kind` of file; the browser refuses a larger file, and the reader checks again.
    """
    limits = LIMITS[kind]
    upload = where.file_uploader(label, type=UPLOAD_TYPES, key=key, max_upload_size=limits.max_mb)
    where.caption(limits.caption())
    if upload is not None and st.session_state.get(seen_key) != upload.file_id:
        st.session_state[seen_key] = upload.file_id
        load(kind, upload.name, upload.getvalue())


def mapping_form(pending: PendingFile, prefix: str, load: Loader) -> None:
    """The file's missing columns, each to be chosen among the file's own; submitting reads it again."""
    st.warning(str(pending.error), icon=":material/table_edit:")
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
