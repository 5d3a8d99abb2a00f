"""Every test saves plans into its own temporary folder, never into the user's real data folder."""

from __future__ import annotations

import os
import tempfile

import pytest

from planner.io.store import DATA_DIR_ENV, DATABASE_URL_ENV

# A safety net for anything started outside a test's own folder (a server subprocess, a collection-time
# import): set before any test runs, so the user's plans are never touched.
os.environ[DATA_DIR_ENV] = tempfile.mkdtemp(prefix="planner-tests-")
os.environ.pop(DATABASE_URL_ENV, None)


@pytest.fixture(autouse=True)
def data_dir(tmp_path_factory, monkeypatch):
    """A fresh, empty plan store for each test."""
    folder = tmp_path_factory.mktemp("plans")
    monkeypatch.setenv(DATA_DIR_ENV, str(folder))
    monkeypatch.delenv(DATABASE_URL_ENV, raising=False)
    return folder
