"""A team server for browser tests: a real OpenID Connect provider, app processes with sign-in, nginx."""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import pytest
import werkzeug.serving
from playwright.sync_api import Page, expect

from planner.io.store import DATA_DIR_ENV, DATABASE_URL_ENV

with warnings.catch_warnings():
    # Authlib, under oidc-provider-mock, turns its deprecation warnings on for good as it is imported,
    # past pytest's filters: silence them once it has, for the mock's imports; they are not ours.
    import authlib.deprecate  # noqa: F401

    warnings.simplefilter("ignore", DeprecationWarning)
    import oidc_provider_mock

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 30_000
APP_READY = '[data-testid="stApp"][data-test-script-state="notRunning"]'


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_healthy(url: str, process: subprocess.Popen | None = None, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{process.args[:4]} exited before {url} answered")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as reply:
                if reply.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"nothing answered on {url} within {timeout} s")


class Provider:
    """oidc-provider-mock on a loopback port: any client id works; people are added by address."""

    def __init__(self) -> None:
        self.server = werkzeug.serving.make_server("127.0.0.1", 0, oidc_provider_mock.app(), threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True
        )
        self.thread.start()

    def add_person(self, email: str, name: str) -> None:
        """The claims the provider signs for this person: their address (confirmed) and their name."""
        body = json.dumps({"email": email, "email_verified": True, "name": name}).encode()
        request = urllib.request.Request(
            f"{self.url}/users/{quote(email)}",
            data=body,
            method="PUT",
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=10) as reply:
            assert reply.status == 204

    def stop(self) -> None:
        self.server.shutdown()
        self.thread.join(timeout=10)


def write_secrets(folder: Path, app_url: str, provider: Provider, cookie_secret: str) -> Path:
    """A secrets file with sign-in through `provider` for an app the browser reaches at `app_url`."""
    path = folder / "secrets.toml"
    path.write_text(
        "[auth]\n"
        f'redirect_uri = "{app_url}/oauth2callback"\n'
        f'cookie_secret = "{cookie_secret}"\n'
        'client_id = "marketing-planner"\n'
        'client_secret = "only-for-tests"\n'
        f'server_metadata_url = "{provider.url}/.well-known/openid-configuration"\n'
        "\n[planner]\n"
        'admin_email = "admin@example.com"\n'
        'team_domain = "example.com"\n'
    )
    return path


class SignedInApp:
    """`streamlit run app.py` with sign-in on, saving to `database_url` (SQLite in a temp folder if None)."""

    def __init__(self, provider: Provider, database_url: str | None = None) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="planner-team-"))
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        secrets_file = write_secrets(self.folder, self.url, provider, secrets.token_hex(16))
        command = [
            sys.executable, "-m", "streamlit", "run", "app.py",
            "--server.port", str(self.port),
            "--server.address", "127.0.0.1",
            "--server.headless", "true",
            "--browser.gatherUsageStats", "false",
            "--server.fileWatcherType", "none",
            "--secrets.files", str(secrets_file),
        ]  # fmt: skip
        env = {**os.environ, DATA_DIR_ENV: str(self.folder)}
        env.pop(DATABASE_URL_ENV, None)
        if database_url:
            env[DATABASE_URL_ENV] = database_url
        self.database_url = database_url or f"sqlite:///{self.folder / 'plans.sqlite3'}"
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT
        )
        wait_until_healthy(self.url, self.process)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


class TeamServer:
    """deploy/team_server.py itself: N app processes on one PostgreSQL database behind nginx."""

    def __init__(self, provider: Provider, database_url: str, processes: int = 2) -> None:
        self.run_dir = Path(tempfile.mkdtemp(prefix="planner-nginx-"))
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        secrets_file = write_secrets(self.run_dir, self.url, provider, secrets.token_hex(16))
        command = [
            sys.executable, str(ROOT / "deploy" / "team_server.py"),
            "--processes", str(processes), "--port", str(self.port), "--app-ports", "0",
            "--database-url", database_url, "--secrets", str(secrets_file), "--run-dir", str(self.run_dir),
        ]  # fmt: skip
        self.process = subprocess.Popen(
            command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        ready = self.process.stdout.readline()
        if not ready.startswith("Team server ready"):
            self.stop()
            raise RuntimeError(f"deploy/team_server.py did not start: {ready}{self.process.stdout.read()}")

    def logged(self, route: str, until: Callable[[list[str]], bool]) -> list[str]:
        """nginx's access-log lines for one route cookie, once `until` holds for them.

        nginx logs a request when it has finished it, which may be just after the reply
        arrived, and a WebSocket only when it closes.
        """
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            log = (self.run_dir / "access.log").read_text().splitlines()
            found = [line for line in log if line.endswith(f" route={route}")]
            if until(found):
                return found
            time.sleep(0.05)
        raise AssertionError(f"nginx's log never showed what the test waited for, for the route {route}")

    def process_for(self, route: str) -> str:
        """Which app process a browser with this route cookie reaches, as nginx logged it."""
        request = urllib.request.Request(self.url + "/", headers={"Cookie": f"planner_route={route}"})
        with urllib.request.urlopen(request, timeout=10) as reply:
            reply.read()
        return re.search(r"upstream=(\S+)", self.logged(route, until=bool)[-1]).group(1)

    def routes_to_each_process(self) -> list[str]:
        """One route cookie per app process, so two browsers can be sent to two different processes."""
        found: dict[str, str] = {}
        for n in range(50):
            found.setdefault(self.process_for(f"test-route-{n}"), f"test-route-{n}")
            if len(found) >= 2:
                break
        return list(found.values())

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()


@contextmanager
def running(thing) -> Iterator:
    try:
        yield thing
    finally:
        thing.stop()


def sign_in(page: Page, app_url: str, email: str) -> None:
    """Sign in through the provider's own form, as a person does, and wait for the app to say who."""
    page.goto(app_url)
    page.get_by_role("button", name="Sign in").click(timeout=TIMEOUT)
    page.locator('input[name="sub"]').fill(email, timeout=TIMEOUT)
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_url(re.compile(re.escape(app_url)), timeout=TIMEOUT)
    page.wait_for_selector(APP_READY, timeout=TIMEOUT)
    expect(page.get_by_text("Signed in as")).to_be_visible(timeout=TIMEOUT)


def need_nginx() -> None:
    """Skip without Debian's nginx (or, in CI, fail: .ci/run installs it)."""
    if shutil.which("nginx") or Path("/usr/sbin/nginx").exists():
        return
    if os.environ.get("CI"):
        pytest.fail("CI must test the team server behind nginx: install Debian's nginx (.ci/run does).")
    pytest.skip("No nginx to test the team server behind (sudo apt-get install nginx).")
