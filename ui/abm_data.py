"""Loading the ABM files (accounts, CTA events, NPS answers) into the session, with clear errors."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import streamlit as st

from planner.abm import AbmReport, AbmSettings, abm_report
from planner.io import (
    ABM_FILES,
    DataFile,
    DataFileError,
    MissingColumnsError,
    WrongFileError,
    read_accounts_file,
    read_cta_file,
    read_nps_file,
)
from planner.io.text import named
from ui.state import DATA_PREFIX
from ui.uploads import PendingFile

SAMPLES = Path(__file__).resolve().parents[1] / "sample_data"
SAMPLE_FILES = {
    "accounts": "abm_accounts_2025.csv",
    "cta": "abm_cta_events_2025.csv",
    "nps": "abm_nps_2025.csv",
}
# Labels of the upload boxes, by the kind of file each takes (the readers' `AbmFile`).
KINDS = {"accounts": "Account activity", "cta": "CTA events", "nps": "NPS answers"}
READERS = {"accounts": read_accounts_file, "cta": read_cta_file, "nps": read_nps_file}
# The loaded files outlive page switches (see DATA_PREFIX); messages and pending mappings do not.
LOADED = f"{DATA_PREFIX}abm"
ERRORS, PENDING = "abm_errors", "abm_pending"


@dataclass(frozen=True)
class AbmData:
    """The ABM files this session loaded, as their readers returned them (kind → file); any may be missing."""

    files: tuple[tuple[str, DataFile], ...] = ()

    def _file(self, kind: str) -> DataFile | None:
        return dict(self.files).get(kind)

    def _table(self, kind: str) -> pd.DataFrame | None:
        read = self._file(kind)
        return None if read is None else read.table

    @property
    def accounts(self) -> pd.DataFrame | None:
        return self._table("accounts")

    @property
    def cta(self) -> pd.DataFrame | None:
        return self._table("cta")

    @property
    def nps(self) -> pd.DataFrame | None:
        return self._table("nps")

    def file_name(self, kind: str) -> str | None:
        read = self._file(kind)
        return None if read is None else read.file_name

    def warnings(self) -> list[str]:
        return [
            f"{read.file_name}: {w}" for kind in KINDS if (read := self._file(kind)) for w in read.warnings
        ]

    def with_file(self, kind: str, read: DataFile) -> AbmData:
        """These files with `read` in `kind`'s place, the most recent load last."""
        return AbmData((*((k, f) for k, f in self.files if k != kind), (kind, read)))


def problem_sentence(error: DataFileError) -> str:
    """The reader's sentence, but a file in the wrong box names the box this page has for it."""
    if isinstance(error, WrongFileError):
        return error.sentence(f"upload it in the {ABM_FILES[error.looks_like]} box")
    return str(error)


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
    try:
        read = READERS[kind](named(data, file_name), mapping)
    except MissingColumnsError as exc:
        st.session_state[PENDING] = PendingFile(kind, file_name, data, exc)
        return
    except DataFileError as exc:
        errors()[kind] = problem_sentence(exc)
        return
    except ValueError as exc:
        errors()[kind] = str(exc)
        return
    except Exception as exc:  # a file shape we did not foresee must still not reach the page as a traceback
        errors()[kind] = (
            f"{file_name} could not be read ({type(exc).__name__}); check it opens in a spreadsheet and "
            "export it again as CSV."
        )
        return
    st.session_state[LOADED] = loaded().with_file(kind, read)


@st.cache_data(max_entries=16, show_spinner=False)
def _report(
    accounts: pd.DataFrame, cta: pd.DataFrame | None, nps: pd.DataFrame | None, settings_json: str
) -> AbmReport | None:
    return abm_report(accounts, cta, nps, AbmSettings.model_validate_json(settings_json))


def report(data: AbmData, settings: AbmSettings) -> AbmReport | None:
    """The ABM report for the loaded files and the plan's settings, cached per selection."""
    return _report(data.accounts, data.cta, data.nps, settings.model_dump_json())
