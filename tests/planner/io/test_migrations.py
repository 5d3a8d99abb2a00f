"""Upgrades: a store saved before migrations opens with every plan and version, on SQLite and PostgreSQL."""

from __future__ import annotations

import shutil
import sqlite3
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text

from planner.access import Person, TeamRules
from planner.io import migrate
from planner.io.plan_file import plan_from_json
from planner.io.schema import metadata, plans_table, versions_table
from planner.io.service import PlanService
from planner.io.store import PlanNotFoundError, PlanStore
from planner.plan import example_plan
from tests.planner.io.postgres import empty_postgres, postgres_url

OLD_STORE = Path(__file__).resolve().parents[2] / "data" / "store_v1.sqlite3"
ADMIN = Person(email="admin@example.com", name="Admin")


def old_rows() -> tuple[list[sqlite3.Row], list[sqlite3.Row]]:
    """Every plan and version exactly as the old code wrote them."""
    with sqlite3.connect(OLD_STORE) as db:
        db.row_factory = sqlite3.Row
        plans = db.execute("SELECT * FROM plans ORDER BY id").fetchall()
        versions = db.execute("SELECT * FROM plan_versions ORDER BY plan_id, version").fetchall()
    return plans, versions


def assert_everything_kept(store: PlanStore) -> None:
    plans, versions = old_rows()
    live = [p for p in plans if p["deleted_at"] is None]
    assert len(plans) == 4 and len(live) == 3 and len(versions) == 9, "the fixture is what it says"

    assert {p.id for p in store.list_plans()} == {p["id"] for p in live}
    for row in live:
        saved = store.get(row["id"])
        assert (saved.plan, saved.version) == (plan_from_json(row["data"]), row["version"])
    for row in versions:
        assert store.plan_at(row["plan_id"], row["version"]) == plan_from_json(row["data"])
    notes = {(v["plan_id"], v["version"]): v["note"] for v in versions}
    for row in plans:
        for version in store.versions(row["id"]):
            assert notes[(row["id"], version.version)] == version.note and version.author is None

    [deleted] = [p for p in plans if p["deleted_at"] is not None]
    with pytest.raises(PlanNotFoundError):
        store.get(deleted["id"])


def assert_the_admin_owns_and_changes_the_old_plans(store: PlanStore) -> None:
    plans, _ = old_rows()
    live = [p for p in plans if p["deleted_at"] is None]
    admin = PlanService(store, ADMIN, TeamRules(admin_email="admin@example.com"))
    assert {p.role for p in admin.list_plans()} == {"owner"}, "old plans belong to the admin"
    saved = admin.save(live[0]["id"], example_plan(), based_on=live[0]["version"])
    assert store.versions(live[0]["id"])[0].author_name == "Admin" and saved.version == live[0]["version"] + 1
    [deleted] = [p for p in plans if p["deleted_at"] is not None]
    assert admin.undelete(deleted["id"]).plan.name == "Scrapped scenario", "a deleted plan can come back"


def test_an_old_sqlite_store_opens_with_every_plan_and_version(tmp_path):
    copy = tmp_path / "plans.sqlite3"
    shutil.copy(OLD_STORE, copy)

    store = PlanStore(f"sqlite:///{copy}")

    with store.engine.connect() as conn:
        assert migrate.current(conn) == migrate.head()
    assert_everything_kept(store)
    assert_everything_kept(PlanStore(f"sqlite:///{copy}")), "opening it again changes nothing"
    assert_the_admin_owns_and_changes_the_old_plans(store)


def test_the_baseline_is_the_schema_the_old_code_created(tmp_path):
    baseline = create_engine(f"sqlite:///{tmp_path / 'baseline.sqlite3'}")
    with baseline.begin() as conn:
        migrate.command.upgrade(migrate._config(conn), migrate.BASELINE)
    old = create_engine(f"sqlite:///{OLD_STORE}")

    def tables(engine):
        found = inspect(engine)
        return {
            name: (
                [(c["name"], str(c["type"]), c["nullable"]) for c in found.get_columns(name)],
                found.get_pk_constraint(name)["constrained_columns"],
                [(f["constrained_columns"], f["referred_table"]) for f in found.get_foreign_keys(name)],
            )
            for name in ("plans", "plan_versions")
        }

    assert tables(baseline) == tables(old)


def test_the_migrations_build_exactly_the_tables_the_code_uses(tmp_path):
    engine = PlanStore(f"sqlite:///{tmp_path / 'plans.sqlite3'}").engine
    with engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), metadata) == []


def test_an_old_postgresql_store_opens_with_every_plan_and_version():
    engine = empty_postgres()
    # The old code's tables are the baseline's; without Alembic's record, as the old code left them.
    with engine.begin() as conn:
        migrate.command.upgrade(migrate._config(conn), migrate.BASELINE)
        conn.execute(text("DROP TABLE alembic_version"))
        plans, versions = old_rows()
        old_plans = [c.name for c in plans_table.c if c.name != "owner"]
        old_versions = [c.name for c in versions_table.c if c.name not in ("author", "author_name")]
        for row in plans:
            conn.execute(
                text(
                    f"INSERT INTO plans ({', '.join(old_plans)}) VALUES ({', '.join(':' + c for c in old_plans)})"
                ),
                dict(row),
            )
        for row in versions:
            conn.execute(
                text(
                    f"INSERT INTO plan_versions ({', '.join(old_versions)}) "
                    f"VALUES ({', '.join(':' + c for c in old_versions)})"
                ),
                dict(row),
            )

    store = PlanStore(engine=engine)

    assert_everything_kept(store)
    assert_the_admin_owns_and_changes_the_old_plans(store)
    with engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), metadata) == []
    engine.dispose()


def test_several_app_processes_starting_at_once_migrate_once():
    empty_postgres().dispose()
    url = postgres_url()

    with ThreadPoolExecutor(4) as pool:
        stores = list(pool.map(lambda _: PlanStore(url), range(4)))

    saved = stores[0].create(example_plan())
    assert all(s.get(saved.id).plan == example_plan() for s in stores)
    for store in stores:
        store.engine.dispose()
