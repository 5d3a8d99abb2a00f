"""Write `store_v1.sqlite3`: a plan store as the app saved it before sign-in, owners and migrations.

The upgrade test opens this file with today's code and expects every plan and version intact, so
the file must come from the old code. It was made with the code of commit `arch` (8a56d0f), the
last to create its tables without Alembic:

    git worktree add /tmp/planner-arch 8a56d0f
    cd /tmp/planner-arch && python3 -m venv .venv && .venv/bin/pip install -e . && \
        .venv/bin/python /path/to/this/checkout/tests/data/make_store_v1.py OUT.sqlite3

Run it from that old checkout (it imports the old `planner` from the working directory), then
copy OUT.sqlite3 over `tests/data/store_v1.sqlite3`. It refuses to write a store that already has
migrations, so it cannot be rerun by mistake with today's code.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

# The checkout it runs from (the old code), not the one this file lies in.
sys.path.insert(0, str(Path.cwd()))

from sqlalchemy import inspect

from planner.io.store import PlanStore
from planner.plan import Plan, example_plan, replace
from tests.planner.plans import full_plan


def make(out: Path) -> None:
    out.unlink(missing_ok=True)
    store = PlanStore(f"sqlite:///{out}")
    if "alembic_version" in inspect(store.engine).get_table_names():
        raise SystemExit("This store already has migrations: run this script with the code of commit arch.")

    example = store.create(example_plan(), note="created from the worked example")
    bigger = replace(example.plan, goals=replace(example.plan.goals, avg_deal_size=2_000_000))
    second = store.save(example.id, bigger, based_on=1)
    store.save(example.id, replace(bigger, name="Board plan FY2027"), based_on=second.version)

    full = store.create(full_plan(), note="imported from fy2028.json")
    edited = store.save(full.id, replace(full.plan, fiscal_year=2029), based_on=1)
    store.restore(full.id, 1, based_on=edited.version)

    store.create(Plan(name="New plan"), note="created blank")

    gone = store.create(replace(example_plan(), name="Scrapped scenario"))
    store.save(gone.id, replace(gone.plan, currency="EUR"), based_on=1)
    store.delete(gone.id)
    store.engine.dispose()

    # One self-contained file in git: no write-ahead log beside it.
    with sqlite3.connect(out) as db:
        db.execute("PRAGMA journal_mode=DELETE")
        db.execute("VACUUM")


if __name__ == "__main__":
    make(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).with_name("store_v1.sqlite3"))
