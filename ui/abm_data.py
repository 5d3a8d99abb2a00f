"""Loading the ABM files (accounts, CTA events, NPS answers) into the plan, with clear errors, and the report they give."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import streamlit as st

from planner.abm import AbmReport, AbmSettings, abm_report
from planner.abm.kept import AbmFiles, kept_file, with_file
from planner.io import (
    ABM_FILES,
    DataFileError,
    MissingColumnsError,
    WrongFileError,
    read_accounts_file,
    read_cta_file,
    read_nps_file,
)
from planner.io.text import named
from planner.plan import replace
from ui.state import current_plan, set_plan
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
# Messages and pending mappings belong to this session; the files themselves are kept in the plan.
ERRORS, PENDING = "abm_errors", "abm_pending"
# Bumped to empty the file pickers once the files are removed from the plan.
UPLOAD_ROUND = "abm_upload_round"


@dataclass(frozen=True)
class AbmData:
    """The ABM files the plan keeps, as the report reads them; any of them may be missing."""

    accounts: pd.DataFrame | None = None
    cta: pd.DataFrame | None = None
    nps: pd.DataFrame | None = None
    files: AbmFiles | None = None

    def file_name(self, kind: str) -> str | None:
        return None if self.files is None else self.files.file_name(kind)

    def warnings(self) -> list[str]:
        return [] if self.files is None else self.files.warnings()


@st.cache_data(max_entries=8, show_spinner=False)
def _tables(files_json: str) -> tuple[pd.DataFrame | None, pd.DataFrame | None, pd.DataFrame | None]:
    files = AbmFiles.model_validate_json(files_json)
    return files.accounts_table(), files.cta_table(), files.nps_table()


def loaded() -> AbmData:
    """The ABM files of the plan on screen, whoever loaded them and wherever."""
    files = current_plan().abm_files
    if files is None:
        return AbmData()
    accounts, cta, nps = _tables(files.model_dump_json())
    return AbmData(accounts, cta, nps, files)


def errors() -> dict[str, str]:
    return st.session_state.setdefault(ERRORS, {})


def forget(kind: str) -> None:
    """Drop the sentence about the last `kind` file the page refused: a new one has arrived."""
    errors().pop(kind, None)


def problem_sentence(error: DataFileError) -> str:
    """The reader's sentence, but a file in the wrong box names the box this page has for it."""
    if isinstance(error, WrongFileError):
        return error.sentence(f"upload it in the {ABM_FILES[error.looks_like]} box")
    return str(error)


def load_sample() -> None:
    for kind, name in SAMPLE_FILES.items():
        load(kind, name, (SAMPLES / name).read_bytes())


def load(kind: str, file_name: str, data: bytes, mapping: dict[str, str] | None = None) -> bool:
    """Read one file and keep it in the plan, or the one-sentence reason it failed (the other files stay)."""
    errors().pop(kind, None)
    if (pending := st.session_state.get(PENDING)) and pending.kind == kind:
        del st.session_state[PENDING]
    try:
        read = READERS[kind](named(data, file_name), mapping)
        kept = kept_file(kind, read.table, read.file_name, read.warnings)
    except MissingColumnsError as exc:
        st.session_state[PENDING] = PendingFile(kind, file_name, data, exc)
        return True  # read again once the user maps its columns
    except DataFileError as exc:
        errors()[kind] = problem_sentence(exc)
        return False
    except ValueError as exc:
        errors()[kind] = str(exc)
        return False
    except Exception:  # a file shape we did not foresee must still not reach the page as a traceback
        errors()[kind] = f"{file_name} could not be read; check it opens in a spreadsheet and export it again as CSV."
        return False
    plan = current_plan()
    set_plan(replace(plan, abm_files=with_file(plan.abm_files, kind, kept, datetime.now(UTC))))
    return True


def remove() -> None:
    """Take the ABM files out of the plan and empty the file pickers; the page's settings stay."""
    errors().clear()
    st.session_state.pop(PENDING, None)
    set_plan(replace(current_plan(), abm_files=None))
    st.session_state[UPLOAD_ROUND] = st.session_state.get(UPLOAD_ROUND, 0) + 1


def upload_key(kind: str) -> str:
    return f"abm_upload_{kind}_{st.session_state.get(UPLOAD_ROUND, 0)}"


@st.cache_data(max_entries=16, show_spinner=False)
def _report(
    accounts: pd.DataFrame, cta: pd.DataFrame | None, nps: pd.DataFrame | None, settings_json: str
) -> AbmReport | None:
    return abm_report(accounts, cta, nps, AbmSettings.model_validate_json(settings_json))


def report(data: AbmData, settings: AbmSettings) -> AbmReport | None:
    """The ABM report for the kept files and the plan's settings, cached per selection."""
    return _report(data.accounts, data.cta, data.nps, settings.model_dump_json())
