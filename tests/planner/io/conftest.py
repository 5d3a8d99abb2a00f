"""A plan store on SQLite and on a real PostgreSQL server, for every test that asks for `store`."""

from __future__ import annotations

import pytest

from planner.io.store import PlanStore
from tests.planner.io.postgres import empty_postgres


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    if request.param == "sqlite":
        yield PlanStore(f"sqlite:///{tmp_path / 'plans.sqlite3'}")
        return
    engine = empty_postgres()
    yield PlanStore(engine=engine)
    engine.dispose()
