"""Alembic environment: run with the connection that desktop_app.store.migrate passes in."""

from __future__ import annotations

from alembic import context

from desktop_app.store import models  # noqa: F401  (registers every table)
from desktop_app.store.base import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:
    raise RuntimeError("migrations run through desktop_app.store.migrate, which passes a connection")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite alters tables by copying them
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
