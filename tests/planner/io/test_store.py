"""The plan store on SQLite and on a real PostgreSQL server: versions, stale saves, delete and undo."""

from __future__ import annotations

import os

import pytest
from sqlalchemy import create_engine
from sqlalchemy.exc import OperationalError

from planner.io.store import (
    PlanNotFoundError,
    PlanStore,
    StalePlanError,
    changed_fields,
    database_url,
    scenario_name,
)
from planner.plan import example_plan, replace
from tests.planner.io.postgres import empty_database
from tests.planner.plans import full_plan

POSTGRES_ENV = "PLANNER_TEST_POSTGRES_URL"


def _unavailable(reason: str) -> None:
    # CI installs and starts PostgreSQL (.ci/run), so there a missing server is a failure, not a skip.
    if os.environ.get("CI"):
        pytest.fail(f"CI must test the store on PostgreSQL: {reason}")
    pytest.skip(f"No PostgreSQL server to test against: {reason} (.ci/run sets one up).")


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    if request.param == "sqlite":
        yield PlanStore(f"sqlite:///{tmp_path / 'plans.sqlite3'}")
        return
    url = os.environ.get(POSTGRES_ENV)
    if not url:
        _unavailable(f"set {POSTGRES_ENV}, e.g. postgresql+psycopg://planner:planner@127.0.0.1/planner_test")
    engine = create_engine(url)
    try:
        with engine.connect():
            pass
    except OperationalError as exc:
        _unavailable(f"cannot connect to {engine.url.render_as_string(hide_password=True)}: {exc.orig}")
    empty_database(engine)
    yield PlanStore(engine=engine)
    engine.dispose()


def test_save_and_load_round_trip_keeps_every_part_of_the_plan(store):
    saved = store.create(full_plan())

    assert store.get(saved.id).plan == full_plan()
    assert store.get(saved.id).version == 1


def test_every_save_keeps_a_version_that_can_be_restored(store):
    first = store.create(example_plan())
    bigger = replace(first.plan, goals=replace(first.plan.goals, avg_deal_size=2_000_000))
    second = store.save(first.id, bigger, based_on=first.version)
    renamed = store.save(first.id, replace(bigger, name="Q1 push"), based_on=second.version)

    history = store.versions(first.id)
    assert [v.version for v in history] == [3, 2, 1]
    assert history[1].note == "changed average first-year deal size"
    assert history[0].note == "changed name"

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


def test_changed_fields_names_what_differs():
    plan = example_plan()

    changed = changed_fields(plan, replace(plan, funnel=plan.funnel.with_rate(0, 0.02), currency="EUR"))

    assert changed == ["currency", "funnel.rates"]


def test_scenario_names_do_not_pile_up():
    assert scenario_name("Plan (scenario 2)", {"Plan (scenario 2)"}) == "Plan (scenario 3)"
