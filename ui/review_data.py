"""Loading last year's exports into the plan, side by side, with progress, column mapping and clear errors."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import streamlit as st

from planner.io import DataFileError, MissingColumnsError, read_channel_file, read_crm_file
from planner.io.text import named
from planner.plan import remove_last_year, set_last_year
from planner.review import LastYear, SourceKind, last_year_from_channels, last_year_from_crm
from ui.markdown import plain
from ui.state import DATA_PREFIX, current_plan, set_plan
from ui.uploads import PendingFile

SAMPLES = Path(__file__).resolve().parents[1] / "sample_data"
SAMPLE_FILES = {"channels": "channels_2025.csv", "crm": "crm_contacts_2025.csv"}
PENDING, ERROR, APPLIED = "review_pending", "review_error", "review_applied"
# The contacts behind the plan's CRM review, for switching years; they stay in this session only.
CONTACTS = f"{DATA_PREFIX}review_contacts"
# Bumped to empty the file picker once its file is removed from the plan.
UPLOAD_ROUND = f"{DATA_PREFIX}review_upload_round"


@dataclass(frozen=True)
class LoadedContacts:
    """A CRM export's contacts and the reader's notes about it, and which load of the plan's last year they belong to."""

    source: str
    loaded_at: datetime
    contacts: pd.DataFrame
    warnings: tuple[str, ...] = ()


def load_sample(kind: str) -> None:
    name = SAMPLE_FILES[kind]
    load(kind, name, (SAMPLES / name).read_bytes())


def load(kind: str, file_name: str, data: bytes, mapping: dict[str, str] | None = None) -> bool:
    """Read an upload with a progress indicator; keep its summary in the plan, or say why it failed."""
    for key in (ERROR, PENDING, APPLIED):
        st.session_state.pop(key, None)
    handle = named(data, file_name)
    now = datetime.now(UTC)
    with st.status(plain(f"Reading {file_name}…"), expanded=False) as status:
        try:
            if kind == "channels":
                read = read_channel_file(handle, mapping)
                last_year = last_year_from_channels(read.table, file_name, now, read.warnings)
                contacts = None
            else:
                read = read_crm_file(handle, mapping)
                status.update(label=f"Counting {len(read.table):,} contacts by channel…")
                last_year = last_year_from_crm(read.table, file_name, now, warnings=read.warnings)
                contacts = LoadedContacts(last_year.source, last_year.loaded_at, read.table, read.warnings)
        except MissingColumnsError as exc:
            st.session_state[PENDING] = PendingFile(kind, file_name, data, exc)
            status.update(label=plain(f"{file_name}: some columns need mapping"), state="error")
            return True  # read again once the user maps its columns
        except (DataFileError, ValueError) as exc:
            _failed(status, file_name, str(exc))
            return False
        except Exception:  # a file shape we did not foresee must still not reach the page as a traceback
            _failed(
                status,
                file_name,
                f"{file_name} could not be read; check it opens in a spreadsheet and export it again as CSV.",
            )
            return False
        keep(last_year, contacts)
        status.update(label=plain(f"Read {file_name}"), state="complete")
    return True


def _failed(status, file_name: str, message: str) -> None:
    # The plan keeps the last file that loaded; the message says the new one did not replace it.
    st.session_state[ERROR] = message
    status.update(label=plain(f"Could not read {file_name}"), state="error")


def keep(last_year: LastYear, contacts: LoadedContacts | None = None) -> None:
    """Put `last_year` in the plan beside the other source (saved with it); keep a CRM export's contacts."""
    set_plan(set_last_year(current_plan(), last_year))
    if contacts is not None:
        st.session_state[CONTACTS] = contacts


def _held(last_year: LastYear) -> LoadedContacts | None:
    held = st.session_state.get(CONTACTS)
    if held is None or (held.source, held.loaded_at) != (last_year.source, last_year.loaded_at):
        return None
    return held


def contacts_for(last_year: LastYear) -> pd.DataFrame | None:
    """The contacts behind the plan's CRM review, if this session loaded them (not after a reload)."""
    held = _held(last_year)
    return None if held is None else held.contacts


def change_year(last_year: LastYear, year: int) -> None:
    st.session_state.pop(APPLIED, None)
    held = _held(last_year)
    kept = last_year_from_crm(held.contacts, last_year.source, last_year.loaded_at, year, held.warnings)
    keep(kept, held)


def remove(kind: SourceKind) -> None:
    """Take one of last year's sources out of the plan and empty its file picker; the other stays."""
    for key in (ERROR, PENDING, APPLIED):
        st.session_state.pop(key, None)
    set_plan(remove_last_year(current_plan(), kind))
    if kind == "crm":
        st.session_state.pop(CONTACTS, None)
    st.session_state[UPLOAD_ROUND] = st.session_state.get(UPLOAD_ROUND, 0) + 1


def upload_key(kind: str) -> str:
    return f"review_upload_{kind}_{st.session_state.get(UPLOAD_ROUND, 0)}"


def forget(kind: str) -> None:
    """Drop the sentence about the last file the review refused: a new one has arrived."""
    st.session_state.pop(ERROR, None)
