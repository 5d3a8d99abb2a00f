"""Browser tests: a real `streamlit run` on a free local port, driven by Playwright in Debian's Chromium."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from planner.io.store import DATA_DIR_ENV, DATABASE_URL_ENV

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
INSTALL_HINT = "install Debian's Chromium (sudo apt-get install chromium) to run the browser tests"


def chromium_path() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def pytest_collection_modifyitems(config, items):
    """Skip the browser tests with a how-to where no Chromium exists; in CI they must run."""
    if chromium_path():
        return
    if os.environ.get("CI"):
        raise pytest.UsageError(f"CI has no Chromium: {INSTALL_HINT}.")
    skip = pytest.mark.skip(reason=f"No Chromium found: {INSTALL_HINT}.")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: drives a real Chromium against a running app")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": chromium_path(), "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 1600, "height": 1000}}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class StreamlitServer:
    """`streamlit run` of a script (the app by default) on a free loopback port; `stop()` ends it.

    Plans are saved in `data_dir` (a fresh temporary folder unless given), never in the user's own.
    """

    def __init__(self, script: str = "app.py", data_dir: Path | None = None) -> None:
        self.data_dir = data_dir or Path(tempfile.mkdtemp(prefix="planner-browser-"))
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        command = [
            sys.executable, "-m", "streamlit", "run", script,
            "--server.port", str(self.port),
            "--server.address", "127.0.0.1",
            "--server.headless", "true",
            "--browser.gatherUsageStats", "false",
            "--server.fileWatcherType", "none",
        ]  # fmt: skip
        env = {**os.environ, DATA_DIR_ENV: str(self.data_dir)}
        env.pop(DATABASE_URL_ENV, None)
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
        )
        self._wait_until_healthy()

    def _wait_until_healthy(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                output = self.process.stdout.read().decode(errors="replace")
                raise RuntimeError(f"streamlit exited early:\n{output}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as reply:
                    if reply.status == 200:
                        return
            except OSError:
                # Until the server listens there is no app state to wait on: ask its health check again shortly.
                time.sleep(0.2)
        raise RuntimeError(f"streamlit did not answer on {self.url} within {timeout} s")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


@pytest.fixture(scope="session")
def server() -> Iterator[StreamlitServer]:
    app = StreamlitServer()
    yield app
    app.stop()


@pytest.fixture
def fresh_server() -> Iterator[StreamlitServer]:
    app = StreamlitServer()
    yield app
    app.stop()
