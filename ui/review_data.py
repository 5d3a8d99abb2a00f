"""Loading last year's exports into the session, with progress, column mapping and clear errors."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import streamlit as st

from planner.io import DataFileError, MissingColumnsError, read_channel_table, read_crm_export
from planner.review import crm_channel_table, crm_months, crm_years, months_covered, time_in_stage

SAMPLES = Path(__file__).resolve().parents[1] / "sample_data"
SAMPLE_FILES = {"channels": "channels_2025.csv", "crm": "crm_contacts_2025.csv"}
LOADED, PENDING, ERROR = "review_loaded", "review_pending", "review_error"


@dataclass(frozen=True)
class LoadedReview:
    """Last year's data as this session loaded it: a channel table, and the contacts behind a CRM one."""

    kind: str
    file_name: str
    table: pd.DataFrame
    warnings: tuple[str, ...]
    months: int
    contacts: pd.DataFrame | None = None
    year: int | None = None
    stage_times: pd.DataFrame | None = None


@dataclass(frozen=True)
class PendingFile:
    """A file waiting for the user to map the columns it lacks."""

    kind: str
    file_name: str
    data: bytes
    error: MissingColumnsError


def loaded() -> LoadedReview | None:
    return st.session_state.get(LOADED)


def load_sample(kind: str) -> None:
    name = SAMPLE_FILES[kind]
    load(kind, name, (SAMPLES / name).read_bytes())


def load(kind: str, file_name: str, data: bytes, mapping: dict[str, str] | None = None) -> None:
    """Read an upload with a progress indicator; keep the result, or the one-sentence reason it failed."""
    for key in (ERROR, PENDING, "review_applied"):
        st.session_state.pop(key, None)
    handle = io.BytesIO(data)
    handle.name = file_name
    with st.status(f"Reading {file_name}…", expanded=False) as status:
        try:
            if kind == "channels":
                table = read_channel_table(handle, mapping)
                result = LoadedReview(
                    kind, file_name, table, tuple(table.attrs["warnings"]), months_covered(table)
                )
            else:
                contacts = read_crm_export(handle, mapping)
                status.update(label=f"Counting {len(contacts):,} contacts by channel…")
                result = crm_review(file_name, contacts)
        except MissingColumnsError as exc:
            st.session_state[PENDING] = PendingFile(kind, file_name, data, exc)
            status.update(label=f"{file_name}: some columns need mapping", state="error")
            return
        except (DataFileError, ValueError) as exc:
            _failed(status, file_name, str(exc))
            return
        except (
            Exception
        ) as exc:  # a file shape we did not foresee must still not reach the page as a traceback
            _failed(
                status,
                file_name,
                f"{file_name} could not be read ({type(exc).__name__}: {exc}); check it opens in a spreadsheet and export it again as CSV.",
            )
            return
        st.session_state[LOADED] = result
        status.update(label=f"Read {file_name}", state="complete")


def _failed(status, file_name: str, message: str) -> None:
    # The previous file's review would read as this file's: clear it along with the message.
    st.session_state[ERROR] = message
    st.session_state.pop(LOADED, None)
    status.update(label=f"Could not read {file_name}", state="error")


def crm_review(file_name: str, contacts: pd.DataFrame, year: int | None = None) -> LoadedReview:
    """The per-channel funnel and time in stage of a CRM export, for a year (the latest by default)."""
    years = crm_years(contacts)
    if not years:
        raise DataFileError(f"{file_name} has no dates in 'Became a Lead Date'; export that property too.")
    year = year or years[0]
    return LoadedReview(
        "crm",
        file_name,
        crm_channel_table(contacts, year),
        tuple(contacts.attrs.get("warnings", ())),
        crm_months(contacts, year),
        contacts,
        year,
        time_in_stage(contacts, year),
    )


def change_year(year: int) -> None:
    st.session_state.pop("review_applied", None)
    current = loaded()
    st.session_state[LOADED] = crm_review(current.file_name, current.contacts, year)
