"""Start N app processes on one PostgreSQL database behind nginx on this machine's loopback.

    .venv/bin/python deploy/team_server.py --processes 2 --port 8080 \
        --database-url postgresql+psycopg://planner:PASSWORD@127.0.0.1/planner \
        --secrets .streamlit/secrets.toml

nginx runs with deploy/nginx/planner.conf, its upstream list and listen address filled in; the
processes and nginx stop together on Ctrl-C or SIGTERM. It prints one line when the server
answers: `Team server ready on http://127.0.0.1:8080 with 2 app processes`.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SITE = Path(__file__).resolve().parent / "nginx" / "planner.conf"
DATABASE_URL_ENV = "PLANNER_DATABASE_URL"
# The access log names the process each request reached, so a route can be traced to a process.
MAIN = """\
worker_processes 1;
pid {run}/nginx.pid;
error_log {run}/error.log warn;
daemon off;
events {{ worker_connections 1024; }}
http {{
    log_format planner '$remote_addr [$time_local] "$request" $status '
                       'upstream=$upstream_addr route=$planner_route';
    access_log {run}/access.log planner;
    client_body_temp_path {run}/client_body;
    proxy_temp_path {run}/proxy;
    fastcgi_temp_path {run}/fastcgi;
    uwsgi_temp_path {run}/uwsgi;
    scgi_temp_path {run}/scgi;
    include {run}/planner.conf;
}}
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def site_config(app_ports: list[int], port: int) -> str:
    """deploy/nginx/planner.conf with these app processes upstream and this port to listen on."""
    text = SITE.read_text()
    servers = "".join(f"    server 127.0.0.1:{p} max_fails=3 fail_timeout=10s;\n" for p in app_ports)
    text, upstreams = re.subn(
        r"(?m)^    server 127\.0\.0\.1:\d+ [^\n]*\n(?:    server [^\n]*\n)*", servers, text
    )
    text, listens = re.subn(r"(?m)^    listen [^;]+;", f"    listen 127.0.0.1:{port};", text)
    if (upstreams, listens) != (1, 1):
        raise SystemExit(f"{SITE} no longer has one upstream server list and one listen line to fill in.")
    return text


def wait_healthy(url: str, process: subprocess.Popen, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"{' '.join(map(str, process.args[:4]))}… stopped before it answered on {url}.")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as reply:
                if reply.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"Nothing answered on {url}/_stcore/health within {timeout:.0f} s.")


def app_process(port: int, database_url: str, secrets: Path | None, log: Path) -> subprocess.Popen:
    command = [
        sys.executable, "-m", "streamlit", "run", "app.py",
        "--server.port", str(port),
        "--server.address", "127.0.0.1",
        "--server.headless", "true",
        "--browser.gatherUsageStats", "false",
        "--server.fileWatcherType", "none",
    ]  # fmt: skip
    if secrets is not None:
        command += ["--secrets.files", str(secrets)]
    env = {**os.environ, DATABASE_URL_ENV: database_url}
    with log.open("ab") as out:
        return subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)


def stop(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        if process.poll() is None:
            process.terminate()
    for process in processes:
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--processes", type=int, default=2, help="how many app processes (default 2)")
    parser.add_argument("--port", type=int, default=8080, help="the port nginx listens on, on 127.0.0.1")
    parser.add_argument(
        "--app-ports",
        type=int,
        default=8501,
        help="the first app process's port (default 8501); 0 picks free ports",
    )
    parser.add_argument("--database-url", default=os.environ.get(DATABASE_URL_ENV), help="the PostgreSQL URL")
    parser.add_argument("--secrets", type=Path, help="the secrets file with [auth] and [planner] (optional)")
    parser.add_argument("--run-dir", type=Path, help="where nginx's config, logs and the app logs go")
    args = parser.parse_args()
    if not args.database_url or not args.database_url.startswith("postgresql"):
        raise SystemExit(
            f"Give the PostgreSQL URL with --database-url or {DATABASE_URL_ENV}: every process must share it."
        )
    nginx = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if nginx is None:
        raise SystemExit("nginx is not installed: sudo apt-get install nginx")

    run = (args.run_dir or Path(tempfile.mkdtemp(prefix="planner-team-"))).resolve()
    run.mkdir(parents=True, exist_ok=True)
    # nginx's workers drop root for "nobody", who must reach their temporary folders in here.
    run.chmod(0o755)
    ports = [free_port() if args.app_ports == 0 else args.app_ports + i for i in range(args.processes)]
    (run / "planner.conf").write_text(site_config(ports, args.port))
    (run / "nginx.conf").write_text(MAIN.format(run=run))

    processes: list[subprocess.Popen] = []
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        # All at once: the migrations hold a database lock, so one process migrates and the rest wait.
        for port in ports:
            processes.append(app_process(port, args.database_url, args.secrets, run / f"app-{port}.log"))
        for port, process in zip(ports, processes, strict=True):
            wait_healthy(f"http://127.0.0.1:{port}", process)
        command = [nginx, "-p", str(run), "-e", str(run / "error.log"), "-c", str(run / "nginx.conf")]
        processes.append(subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT))
        wait_healthy(f"http://127.0.0.1:{args.port}", processes[-1], timeout=20)
        print(
            f"Team server ready on http://127.0.0.1:{args.port} with {args.processes} app processes "
            f"(logs in {run})",
            flush=True,
        )
        while all(p.poll() is None for p in processes):
            time.sleep(0.5)
        raise SystemExit("An app process or nginx stopped; see the logs in the run folder.")
    except KeyboardInterrupt:
        pass
    finally:
        stop(processes)


if __name__ == "__main__":
    main()
