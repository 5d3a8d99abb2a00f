"""A real PostgreSQL server for the store's tests: emptied before each test; in CI it must exist."""

from __future__ import annotations

import os

import pytest
from sqlalchemy import Engine, MetaData, create_engine
from sqlalchemy.exc import OperationalError

POSTGRES_ENV = "PLANNER_TEST_POSTGRES_URL"


def unavailable(reason: str) -> None:
    # CI installs and starts PostgreSQL (.ci/run), so there a missing server is a failure, not a skip.
    if os.environ.get("CI"):
        pytest.fail(f"CI must test the store on PostgreSQL: {reason}")
    pytest.skip(f"No PostgreSQL server to test against: {reason} (.ci/run sets one up).")


def empty_database(engine: Engine) -> None:
    """Drop every table, the migrations' own record included, so the next store starts from nothing."""
    tables = MetaData()
    tables.reflect(engine)
    tables.drop_all(engine)


def postgres_url() -> str:
    """The test server's URL from the environment; skips (or fails in CI) without one."""
    url = os.environ.get(POSTGRES_ENV)
    if not url:
        unavailable(f"set {POSTGRES_ENV}, e.g. postgresql+psycopg://planner:planner@127.0.0.1/planner_test")
    return url


def empty_postgres() -> Engine:
    """An engine on the test server with no tables in it."""
    engine = create_engine(postgres_url())
    try:
        with engine.connect():
            pass
    except OperationalError as exc:
        unavailable(f"cannot connect to {engine.url.render_as_string(hide_password=True)}: {exc.orig}")
    empty_database(engine)
    return engine
