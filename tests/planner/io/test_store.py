"""The plan store on SQLite and on a real PostgreSQL server: versions, stale saves, delete and undo."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from planner.io import snapshots
from planner.io.store import (
    PlanNotFoundError,
    PlanStore,
    StalePlanError,
    database_url,
    scenario_name,
)
from planner.plan import example_plan, replace
from tests.planner.io.postgres import empty_postgres
from tests.planner.plans import full_plan


class Clock:
    """The store's clock in a test: a fixed moment that moves when the test moves it, and by a
    millisecond each time the store reads it, so no two saves are at the same instant."""

    def __init__(self) -> None:
        self.now = datetime(2027, 3, 1, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.now += timedelta(milliseconds=1)
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path, clock):
    if request.param == "sqlite":
        yield PlanStore(f"sqlite:///{tmp_path / 'plans.sqlite3'}", clock=clock)
        return
    engine = empty_postgres()
    yield PlanStore(engine=engine, clock=clock)
    engine.dispose()


def test_save_and_load_round_trip_keeps_every_part_of_the_plan(store):
    saved = store.create(full_plan())

    assert store.get(saved.id).plan == full_plan()
    assert store.get(saved.id).version == 1


def test_every_save_keeps_a_version_that_can_be_restored(store, clock):
    first = store.create(example_plan())
    clock.advance(minutes=5)
    bigger = replace(first.plan, goals=replace(first.plan.goals, avg_deal_size=2_000_000))
    second = store.save(first.id, bigger, based_on=first.version)
    clock.advance(minutes=5)
    renamed = store.save(first.id, replace(bigger, name="Q1 push"), based_on=second.version)

    history = store.versions(first.id)
    assert [v.version for v in history] == [3, 2, 1]
    assert history[1].note == "Average first-year deal size $1.1M → $2.0M"
    assert history[0].note == "Plan name “Worked example: inbound plan” → “Q1 push”"

    clock.advance(minutes=5)
    restored = store.restore(first.id, 1, based_on=renamed.version)

    assert restored.version == 4
    assert store.get(first.id).plan == example_plan()
    assert store.versions(first.id)[0].note == "restored version 1"
    assert store.plan_at(first.id, 3).name == "Q1 push", "the versions in between are kept"


def test_saving_over_a_newer_version_is_refused_and_loses_nothing(store):
    opened = store.create(example_plan())
    theirs = store.save(opened.id, replace(opened.plan, name="Theirs"), based_on=opened.version)
    mine = replace(opened.plan, name="Mine")

    with pytest.raises(StalePlanError) as stale:
        store.save(opened.id, mine, based_on=opened.version)

    assert (stale.value.based_on, stale.value.current) == (1, 2)
    assert "reload their version or save yours as a copy" in str(stale.value)
    assert store.get(opened.id).plan == theirs.plan
    copy = store.create(mine)
    assert {p.name for p in store.list_plans()} == {"Theirs", "Mine"} and copy.id != opened.id


def test_list_is_newest_first_and_duplicates_are_named_scenarios(store):
    a = store.create(example_plan())
    b = store.create(replace(example_plan(), name="Other"))
    store.save(a.id, replace(a.plan, fiscal_year=2028), based_on=1)

    assert [p.id for p in store.list_plans()] == [a.id, b.id]

    copy = store.duplicate(a.id)
    second = store.duplicate(a.id)

    assert copy.plan.name == "Worked example: inbound plan (scenario 2)"
    assert second.plan.name.endswith("(scenario 3)")
    assert copy.plan.fiscal_year == 2028 and copy.version == 1


def test_rename_is_a_new_version(store):
    saved = store.create(example_plan())

    renamed = store.rename(saved.id, "  Board version ")

    assert renamed.plan.name == "Board version" and renamed.version == 2
    assert store.list_plans()[0].name == "Board version"


def test_delete_hides_the_plan_and_undo_brings_it_back_whole(store):
    saved = store.create(full_plan())
    store.save(saved.id, replace(saved.plan, name="Edited"), based_on=1)

    store.delete(saved.id)

    assert store.list_plans() == []
    with pytest.raises(PlanNotFoundError, match="may have been deleted"):
        store.get(saved.id)
    with pytest.raises(PlanNotFoundError):
        store.save(saved.id, full_plan(), based_on=2)

    back = store.undelete(saved.id)

    assert back.plan.name == "Edited" and back.version == 2
    assert len(store.versions(saved.id)) == 2


def test_a_plan_saved_by_one_store_is_read_by_another_on_the_same_database(tmp_path):
    url = f"sqlite:///{tmp_path / 'shared' / 'plans.sqlite3'}"
    saved = PlanStore(url).create(full_plan())

    assert PlanStore(url).get(saved.id).plan == full_plan(), "a server restart finds the plan"


def test_the_data_folder_and_database_url_come_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("PLANNER_DATA_DIR", str(tmp_path))
    assert database_url() == f"sqlite:///{tmp_path / 'plans.sqlite3'}"

    monkeypatch.setenv("PLANNER_DATABASE_URL", "postgresql+psycopg://team@db/plans")
    assert database_url() == "postgresql+psycopg://team@db/plans"


def test_scenario_names_do_not_pile_up():
    assert scenario_name("Plan (scenario 2)", {"Plan (scenario 2)"}) == "Plan (scenario 3)"


def _quick_edits(store, clock, saved, count, seconds=5):
    """`count` saves of the funnel's MQL → SQL rate, `seconds` apart, as a slider moved step by step."""
    for step in range(count):
        clock.advance(seconds=seconds)
        rate = 0.20 + 0.01 * (step + 1)
        saved = store.save(
            saved.id, replace(saved.plan, funnel=saved.plan.funnel.with_rate(2, rate)), saved.version
        )
    return saved


def test_twenty_quick_saves_are_one_history_entry_and_twenty_versions(store, clock):
    opened = store.create(example_plan())
    colleague_opened = store.get(opened.id)

    latest = _quick_edits(store, clock, opened, 20)

    assert latest.version == store.get(opened.id).version == 21, "every save is still a version"
    history = store.versions(opened.id)
    assert [v.version for v in history] == [21, 1], "the creation, then the burst as one entry"
    assert history[0].note == "MQLs → SQLs rate 20% → 40%", "from before the first save to after the last"
    assert history[0].saved_at == clock.now
    assert store.plan_at(opened.id, 21) == latest.plan
    with pytest.raises(StalePlanError) as stale:
        store.save(
            opened.id, replace(colleague_opened.plan, name="Theirs"), based_on=colleague_opened.version
        )
    assert (stale.value.based_on, stale.value.current) == (1, 21)
    assert store.get(opened.id).plan == latest.plan


def test_a_pause_another_author_or_a_restore_starts_a_new_entry(store, clock):
    opened = store.create(example_plan())
    first_burst = _quick_edits(store, clock, opened, 3)
    clock.advance(seconds=60)  # a minute after the last save: a new entry
    second_burst = _quick_edits(store, clock, first_burst, 2, seconds=0)
    clock.advance(seconds=10)
    restored = store.restore(opened.id, first_burst.version, based_on=second_burst.version)
    clock.advance(seconds=10)
    after_restore = _quick_edits(store, clock, restored, 1)

    notes = [(v.version, v.note) for v in store.versions(opened.id)]
    assert notes == [
        (8, "MQLs → SQLs rate 23% → 21%"),
        (7, "restored version 4"),
        (6, "MQLs → SQLs rate 23% → 22%"),
        (4, "MQLs → SQLs rate 20% → 23%"),
        (1, "created"),
    ]
    assert after_restore.version == 8


def test_a_burst_that_ends_where_it_started_says_so(store, clock):
    opened = store.create(example_plan())
    moved = _quick_edits(store, clock, opened, 2)
    clock.advance(seconds=5)
    back = store.save(opened.id, opened.plan, based_on=moved.version)

    assert [(v.version, v.note) for v in store.versions(opened.id)] == [
        (4, "No change overall"),
        (1, "created"),
    ]
    assert store.get(opened.id).plan == opened.plan and back.version == 4


def test_a_version_pinned_by_a_meeting_snapshot_stays_its_own_entry(store, clock):
    opened = store.create(example_plan())
    pinned = _quick_edits(store, clock, opened, 1)
    snapshots.freeze(store.engine, opened.id, pinned.version, "Board", date(2027, 3, 2))

    _quick_edits(store, clock, pinned, 2)

    assert [v.version for v in store.versions(opened.id)] == [4, 2, 1]
    assert store.plan_at(opened.id, 2) == pinned.plan


def test_old_versions_thin_out_to_the_last_of_each_day(store, clock):
    opened = store.create(example_plan())
    saved = opened
    for day in range(10):  # two entries a day, at 09:00 and 15:00, for ten days from 1 March
        for hour in (9, 15):
            clock.now = datetime(2027, 3, 1 + day, hour, tzinfo=UTC)
            year = 2028 + day * 2 + (hour == 15)
            saved = store.save(opened.id, replace(saved.plan, fiscal_year=year), saved.version)
            if saved.version == 2:
                snapshots.freeze(store.engine, opened.id, 2, "Kick-off", date(2027, 3, 1))

    kept = [v.version for v in store.versions(opened.id, limit=100)]

    # Now is 10 March, 15:00: from 4 March 09:00 (version 8) every version is within the week;
    # before it, the last of each day (versions 7, 5, 3), and version 2, a meeting snapshot's.
    assert kept == [21, 20, 19, 18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 5, 3, 2]
    assert store.plan_at(opened.id, 2).fiscal_year == 2028
    assert store.get(opened.id).version == 21
    with pytest.raises(LookupError, match="no version 4"):
        store.plan_at(opened.id, 4)
