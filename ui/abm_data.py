"""Loading the ABM files (accounts, CTA events, NPS answers) into the session, with clear errors."""

from __future__ import annotations

import io
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd
import streamlit as st

from planner.abm import AbmReport, AbmSettings, abm_report
from planner.io import (
    DataFileError,
    MissingColumnsError,
    read_account_activity,
    read_cta_events,
    read_nps_responses,
)
from ui.review_data import PendingFile
from ui.state import DATA_PREFIX

SAMPLES = Path(__file__).resolve().parents[1] / "sample_data"
SAMPLE_FILES = {
    "accounts": "abm_accounts_2025.csv",
    "cta": "abm_cta_events_2025.csv",
    "nps": "abm_nps_2025.csv",
}
# Labels of the upload boxes; the readers name the same boxes when a file is put in the wrong one.
KINDS = {"accounts": "Account activity", "cta": "CTA events", "nps": "NPS answers"}
READERS = {"accounts": read_account_activity, "cta": read_cta_events, "nps": read_nps_responses}
# The loaded files outlive page switches (see DATA_PREFIX); messages and pending mappings do not.
LOADED = f"{DATA_PREFIX}abm"
ERRORS, PENDING = "abm_errors", "abm_pending"


@dataclass(frozen=True)
class AbmData:
    """The ABM files this session loaded; any of them may be missing."""

    accounts: pd.DataFrame | None = None
    cta: pd.DataFrame | None = None
    nps: pd.DataFrame | None = None
    names: tuple[tuple[str, str], ...] = ()

    def file_name(self, kind: str) -> str | None:
        return dict(self.names).get(kind)

    def warnings(self) -> list[str]:
        return [
            f"{frame.attrs.get('file_name')}: {w}"
            for frame in (self.accounts, self.cta, self.nps)
            if frame is not None
            for w in frame.attrs.get("warnings", [])
        ]


def loaded() -> AbmData:
    return st.session_state.get(LOADED, AbmData())


def errors() -> dict[str, str]:
    return st.session_state.setdefault(ERRORS, {})


def load_sample() -> None:
    for kind, name in SAMPLE_FILES.items():
        load(kind, name, (SAMPLES / name).read_bytes())


def load(kind: str, file_name: str, data: bytes, mapping: dict[str, str] | None = None) -> None:
    """Read one file; keep it, or the one-sentence reason it failed (the other files stay)."""
    errors().pop(kind, None)
    if (pending := st.session_state.get(PENDING)) and pending.kind == kind:
        del st.session_state[PENDING]
    handle = io.BytesIO(data)
    handle.name = file_name
    try:
        table = READERS[kind](handle, mapping)
    except MissingColumnsError as exc:
        st.session_state[PENDING] = PendingFile(kind, file_name, data, exc)
        return
    except (DataFileError, ValueError) as exc:
        errors()[kind] = str(exc)
        return
    except Exception as exc:  # a file shape we did not foresee must still not reach the page as a traceback
        errors()[kind] = (
            f"{file_name} could not be read ({type(exc).__name__}); check it opens in a spreadsheet and "
            "export it again as CSV."
        )
        return
    current = loaded()
    names = (*tuple((k, v) for k, v in current.names if k != kind), (kind, file_name))
    st.session_state[LOADED] = replace(current, **{kind: table}, names=names)


@st.cache_data(max_entries=16, show_spinner=False)
def _report(
    accounts: pd.DataFrame, cta: pd.DataFrame | None, nps: pd.DataFrame | None, settings_json: str
) -> AbmReport | None:
    return abm_report(accounts, cta, nps, AbmSettings.model_validate_json(settings_json))


def report(data: AbmData, settings: AbmSettings) -> AbmReport | None:
    """The ABM report for the loaded files and the plan's settings, cached per selection."""
    return _report(data.accounts, data.cta, data.nps, settings.model_dump_json())
