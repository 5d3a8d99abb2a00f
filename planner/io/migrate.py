"""Bring a plan database to the latest schema with Alembic; the store does this when it opens."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, inspect, text

MIGRATIONS = Path(__file__).with_name("migrations")
# The revision that matches the two tables every store had before migrations existed.
BASELINE = "0001"
# Any fixed number: PostgreSQL serialises every process that migrates the same database on it.
_LOCK_KEY = 7_316_254_001


def _config(connection: Connection) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def head() -> str:
    """The latest revision the code knows."""
    return ScriptDirectory(str(MIGRATIONS)).get_current_head() or BASELINE


def current(connection: Connection) -> str | None:
    """The revision the database is at; None for an empty one or a store from before migrations."""
    return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine) -> None:
    """Create or upgrade the tables in one transaction; several app processes may start at once."""
    latest = head()
    with engine.connect() as connection:
        if current(connection) == latest:
            return
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK_KEY})
        tables = set(inspect(connection).get_table_names())
        if "plans" in tables and "alembic_version" not in tables:
            # A store from before migrations: its two tables are the baseline, so start after it.
            command.stamp(_config(connection), BASELINE)
        command.upgrade(_config(connection), "head")
