"""The team server's files agree with the app: upload size, nginx's configuration, and no secret committed."""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

from planner.io.limits import LARGEST_UPLOAD_MB

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "deploy" / "nginx" / "planner.conf"


def team_server_script():
    spec = importlib.util.spec_from_file_location("team_server", ROOT / "deploy" / "team_server.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_nginx_lets_through_the_largest_upload_the_app_accepts():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    [body] = re.findall(r"client_max_body_size (\d+)m;", SITE.read_text())

    # One megabyte over the largest file, for the upload form's own bytes around it; no more.
    assert int(body) == config["server"]["maxUploadSize"] + 1 == LARGEST_UPLOAD_MB + 1


def test_nginx_keeps_each_browser_on_one_process_and_upgrades_the_websocket():
    site = SITE.read_text()

    assert "hash $planner_route consistent;" in site
    assert "add_header Set-Cookie $planner_route_cookie always;" in site
    assert re.search(r"location /_stcore/stream \{[^}]*proxy_read_timeout 1d;", site)
    assert "proxy_set_header Upgrade $http_upgrade;" in site and "location = /_stcore/health" in site


def test_the_script_fills_in_the_processes_and_the_port():
    rendered = team_server_script().site_config([9001, 9002, 9003], 9443)

    assert re.findall(r"server 127\.0\.0\.1:(\d+) max_fails", rendered) == ["9001", "9002", "9003"]
    assert "listen 127.0.0.1:9443;" in rendered and "8080" not in rendered


def test_nginx_accepts_the_configuration_the_script_writes(tmp_path):
    nginx = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if nginx is None:
        if os.environ.get("CI"):
            pytest.fail("CI must check the nginx configuration: install Debian's nginx (.ci/run does).")
        pytest.skip("No nginx to check the configuration with (sudo apt-get install nginx).")
    script = team_server_script()
    (tmp_path / "planner.conf").write_text(script.site_config([9001, 9002], 9443))
    (tmp_path / "nginx.conf").write_text(script.MAIN.format(run=tmp_path))

    checked = subprocess.run(
        [nginx, "-t", "-p", str(tmp_path), "-e", str(tmp_path / "error.log"), "-c", str(tmp_path / "nginx.conf")],
        capture_output=True,
        text=True,
    )

    assert checked.returncode == 0, checked.stderr


def test_the_secrets_example_has_sign_in_switched_on_and_no_secret_in_it():
    example = tomllib.loads((ROOT / ".streamlit" / "secrets.toml.example").read_text())

    assert example["auth"]["cookie_secret"] == "" and example["auth"]["client_secret"] == ""
    assert example["planner"]["admin_email"]
    ignored = (ROOT / ".gitignore").read_text().splitlines()
    assert ".streamlit/secrets.toml" in ignored, "a real secrets file is never committed"
