"""Autosave when one session's script runs overlap: its own earlier save is never someone else's."""

from __future__ import annotations

import threading
import types

import pytest

from planner.access import LOCAL_USER
from planner.io.service import PlanService
from planner.io.store import PlanStore
from planner.plan import example_plan, replace
from ui import autosave


class SlowCommits(PlanStore):
    """A real SQLite store whose first save waits, as a commit under load does, until released."""

    def __init__(self, url: str) -> None:
        super().__init__(url)
        self.entered: list[threading.Event] = [threading.Event(), threading.Event()]
        self.release = threading.Event()
        self.saves = 0

    def save(self, plan_id, plan, based_on, note=None, author=None):
        self.entered[min(self.saves, 1)].set()
        self.saves += 1
        if self.saves == 1:
            self.release.wait(timeout=10)
        return super().save(plan_id, plan, based_on, note, author)


@pytest.fixture
def session(tmp_path, monkeypatch):
    """One session's saving state, on a store of its own, outside a Streamlit script run."""
    store = SlowCommits(f"sqlite:///{tmp_path / 'plans.sqlite3'}")
    info = autosave.Saving()
    monkeypatch.setattr(autosave, "saving", lambda: info)
    # The session saves as the local user, through the same service the pages use.
    monkeypatch.setattr(autosave, "store", lambda: PlanService(store, LOCAL_USER))
    monkeypatch.setattr(autosave, "st", types.SimpleNamespace(query_params={}))
    autosave.autosave(example_plan())  # the first change: version 1 of a new plan
    return info, store


def test_a_second_run_saving_while_the_first_commits_saves_on_top_of_it(session):
    info, store = session
    first, second = (replace(example_plan(), name=name) for name in ("First move", "Second move"))

    earlier = threading.Thread(target=autosave.autosave, args=(first,))
    earlier.start()
    assert store.entered[0].wait(timeout=10), "the first run reached its save"
    later = threading.Thread(target=autosave.autosave, args=(second,))
    later.start()
    # Unlocked, the later run would read version 1 and reach the store now; locked, it waits.
    store.entered[1].wait(timeout=0.5)
    store.release.set()
    earlier.join(timeout=10)
    later.join(timeout=10)

    assert info.stale is None, "the session was told its own save was someone else's"
    assert info.version == 3
    assert store.get(info.id).plan.name == "Second move"
