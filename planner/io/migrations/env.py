"""Alembic's entry point: migrate the connection `planner.io.migrate.upgrade` hands over."""

from alembic import context

from planner.io.schema import metadata

connection = context.config.attributes["connection"]
# Batch mode lets a migration alter a SQLite table by copying it, as SQLite's ALTER cannot.
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
