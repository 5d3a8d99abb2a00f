"""The plan database fails under a user (read-only, full, locked, stopped): one sentence, their typing
stays on screen, and it is saved once the database is back, without typing it again.

Each failure is real: a small disk mounted for the test (made read-only, or filled up), a second
program holding SQLite's write lock, and a PostgreSQL server behind a connection the test cuts.
"""

from __future__ import annotations

import os
import socket
import sqlite3
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from planner.amounts import format_amount
from planner.io import store as store_module
from planner.io.store import DATA_DIR_ENV, DATABASE_URL_ENV, SQLITE_FILE, PlanStore
from planner.plan import example_plan
from tests.app.conftest import open_app, open_link, shown
from tests.planner.io.postgres import empty_postgres
from ui import autosave

NEW_GOAL = 12_345_000.0


@pytest.fixture(autouse=True)
def retry_at_once(monkeypatch):
    # The page tries again every few seconds by itself; the test's own reruns stand in for the timer.
    monkeypatch.setattr(autosave, "RETRY_SECONDS", 0)


@contextmanager
def small_disk(folder: Path, size: str = "1m") -> Iterator[Path]:
    """A real file system of `size`, mounted at `folder` for the test (needs root, as in CI)."""
    folder.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)], capture_output=True
    )
    if mounted.returncode != 0:
        # Root in a container without the right to mount (CAP_SYS_ADMIN) cannot either: say so, loudly.
        pytest.skip(f"Mounting a small disk for the test needs root and the right to mount: {mounted.stderr.decode()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=True)


def remount(folder: Path, mode: str) -> None:
    subprocess.run(["mount", "-o", f"remount,{mode}", str(folder)], check=True)


def saved_plan() -> str:
    store = PlanStore()
    plan_id = store.create(example_plan()).id
    store.engine.dispose()  # the file is closed, as when the server is started afresh
    return plan_id


def open_goals(plan_id: str) -> AppTest:
    return open_link(plan_id, "pages/goals.py")


def type_new_goal(at: AppTest) -> None:
    at.text_input(key="goals_revenue_target").set_value(format_amount(NEW_GOAL)).run()


def said(at: AppTest) -> str:
    return " ".join(
        shown(e.value)
        for kind in ("error", "warning", "info", "caption", "markdown")
        for e in getattr(at, kind)
    )


def assert_one_sentence_kept_typing(at: AppTest, cause: str, hidden: list[str]) -> None:
    assert not at.exception, at.exception
    errors = [shown(e.value) for e in at.error]
    assert errors == [next(e for e in errors if e.startswith("Your changes are not saved yet because"))], (
        errors
    )
    [error] = errors
    assert cause in error and ". " not in error.rstrip("."), f"one sentence naming the cause: {error}"
    for secret in hidden:
        assert secret not in said(at), f"{secret!r} is the administrator's business, not the page's"
    assert at.text_input(key="goals_revenue_target").value == format_amount(NEW_GOAL), "the box keeps what was typed"
    assert at.session_state["plan"].goals.revenue_target == NEW_GOAL, "the plan on screen keeps it"


def assert_saved_after_recovery(at: AppTest, plan_id: str, store: PlanStore) -> None:
    at.run()  # the next rerun (a click, or the page's own timer) tries again
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert store.get(plan_id).plan.goals.revenue_target == NEW_GOAL, "saved without typing it again"
    assert store.get(plan_id).version == 2


def test_a_read_only_plan_file_still_opens_refuses_saves_in_one_sentence_and_saves_once_writable(
    tmp_path, monkeypatch
):
    with small_disk(tmp_path / "volume") as volume:
        monkeypatch.setenv(DATA_DIR_ENV, str(volume))
        plan_id = saved_plan()
        remount(volume, "ro")

        at = open_goals(plan_id)
        assert at.query_params["plan"] == plan_id and not at.error, "a read-only file still opens its plans"
        type_new_goal(at)
        assert_one_sentence_kept_typing(at, "read-only", [str(volume), "sqlite", "readonly database"])

        remount(volume, "rw")
        assert_saved_after_recovery(at, plan_id, PlanStore())


def test_a_full_disk_refuses_the_save_in_one_sentence_and_it_is_saved_once_space_is_freed(
    tmp_path, monkeypatch
):
    with small_disk(tmp_path / "volume") as volume:
        monkeypatch.setenv(DATA_DIR_ENV, str(volume))
        plan_id = saved_plan()
        at = open_goals(plan_id)
        filler = volume / "filler"
        with filler.open("wb", buffering=0) as out, pytest.raises(OSError):
            while True:
                out.write(b"\0" * 65536)

        type_new_goal(at)
        assert_one_sentence_kept_typing(at, "disk is full", [str(volume), "sqlite", "disk I/O"])
        at.switch_page("pages/plans.py").run()
        at.button(key=f"plans_copy_{plan_id}").click().run()
        assert not at.exception, "a button's save says why it did not happen, with no traceback"
        assert (
            "The scenario was not created because the server's disk is full: nothing changed, so try "
            "again once whoever runs the planner frees some space."
        ) in [shown(e.value) for e in at.error]
        assert len(PlanStore().list_plans()) == 1
        at.switch_page("pages/goals.py").run()

        filler.unlink()
        assert_saved_after_recovery(at, plan_id, PlanStore())


def test_a_server_started_on_a_full_disk_shows_pages_and_says_why_nothing_is_saved(tmp_path, monkeypatch):
    with small_disk(tmp_path / "volume", size="64k") as volume:
        (volume / "filler").write_bytes(b"\0" * 48_000)
        with (volume / "more").open("wb", buffering=0) as out, pytest.raises(OSError):
            while True:
                out.write(b"\0" * 4096)
        monkeypatch.setenv(DATA_DIR_ENV, str(volume / "planner"))
        at = open_app("pages/goals.py")

        type_new_goal(at)
        assert not at.exception
        assert any("the server's disk is full" in shown(e.value) for e in at.error), [
            e.value for e in at.error
        ]
        at.switch_page("pages/plans.py").run()
        assert not at.exception, "the Plans page says it too, with no traceback"
        assert str(volume) not in said(at)


def test_a_locked_plan_file_waits_then_says_so_and_saves_once_released(monkeypatch):
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_MS", 300)
    plan_id = saved_plan()
    at = open_goals(plan_id)
    other_program = sqlite3.connect(Path(os.environ[DATA_DIR_ENV]) / SQLITE_FILE, isolation_level=None)
    other_program.execute("BEGIN EXCLUSIVE")

    type_new_goal(at)
    assert_one_sentence_kept_typing(at, "another program is holding the plan database", ["sqlite", "locked"])

    other_program.execute("ROLLBACK")
    other_program.close()
    assert_saved_after_recovery(at, plan_id, PlanStore())


class Gate:
    """A loopback port in front of the PostgreSQL server that the test can close and open again."""

    def __init__(self, host: str, port: int) -> None:
        self.target = (host, port)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.open = True
        self.links: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if not self.open:
                client.close()
                continue
            server = socket.create_connection(self.target)
            self.links += [client, server]
            for source, sink in ((client, server), (server, client)):
                threading.Thread(target=self._pipe, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pipe(source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for end in (source, sink):
                with suppress(OSError):
                    end.shutdown(socket.SHUT_RDWR)

    def cut(self) -> None:
        """Stop the server, as far as the app can tell: every connection drops and new ones are refused."""
        self.open = False
        for link in self.links:
            with suppress(OSError):
                link.shutdown(socket.SHUT_RDWR)
        self.links.clear()

    def close(self) -> None:
        self.cut()
        self.listener.close()


def test_a_stopped_postgresql_says_one_sentence_and_saves_the_typing_once_it_is_back(monkeypatch):
    engine = empty_postgres()
    url = engine.url
    gate = Gate(url.host or "127.0.0.1", url.port or 5432)
    try:
        through_gate = url.set(host="127.0.0.1", port=gate.port).render_as_string(hide_password=False)
        monkeypatch.setenv(DATABASE_URL_ENV, through_gate)
        store = PlanStore(through_gate)
        plan_id = store.create(example_plan()).id
        at = open_goals(plan_id)

        gate.cut()
        type_new_goal(at)
        assert_one_sentence_kept_typing(
            at, "the plan database cannot be reached", ["127.0.0.1", str(gate.port), "psycopg", "connection"]
        )

        gate.open = True
        assert_saved_after_recovery(at, plan_id, PlanStore(engine=engine))
    finally:
        gate.close()
