"""Engine and session set-up. SQLite is tuned for an office PC with unreliable power
(domain/reliability.md): WAL, synchronous=FULL, foreign keys, a busy timeout, and BEGIN IMMEDIATE
for write transactions so two writers never deadlock on a lock upgrade."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

logger = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 10_000
# The page cache of a bulk_session, KiB (an upper bound, taken only as pages are used).
BULK_CACHE_KIB = 256 * 1024
# The page cache of every connection, KiB (SQLite's default is 2 MiB): with 100,000 cases the list's
# and dashboard's index lookups re-read pages a 2 MiB cache has already dropped (10-40 % of their time
# in the case-list benchmark). An upper bound, taken only as pages are read.
CACHE_KIB = 64 * 1024


def sqlite_url(path: Path) -> str:
    return f"sqlite+pysqlite:///{path.as_posix()}"


def _install_sqlite_hooks(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, connection_record: Any) -> None:
        # Hand transaction control to SQLAlchemy's "begin" event below (pysqlite would otherwise
        # issue a deferred BEGIN of its own only before DML).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        if connection.get_execution_options().get("write", False):
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            connection.exec_driver_sql("BEGIN")


@dataclass(frozen=True)
class Database:
    """The engine and two session factories: reads (deferred) and writes (BEGIN IMMEDIATE)."""

    engine: Engine
    read_sessions: sessionmaker[Session]
    write_sessions: sessionmaker[Session]

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    def dispose(self) -> None:
        self.engine.dispose()


def open_database(url: str) -> Database:
    is_sqlite = url.startswith("sqlite")
    engine = create_engine(url, future=True)
    if is_sqlite:
        _install_sqlite_hooks(engine)
    write_engine = engine.execution_options(write=True)
    return Database(
        engine=engine,
        read_sessions=sessionmaker(bind=engine, expire_on_commit=False),
        write_sessions=sessionmaker(bind=write_engine, expire_on_commit=False),
    )



@contextmanager
def bulk_session(db: Database) -> Iterator[Session]:
    """A write session for loading generated (demo) data in bulk: on SQLite without an fsync per
    commit. A crash meanwhile can lose generated rows, never data a person entered; the setting is
    restored before the connection goes back to the pool."""
    with db.engine.connect() as conn:
        raw = conn.connection.dbapi_connection if db.is_sqlite else None
        if raw is not None:
            raw.execute("PRAGMA synchronous=OFF")  # only outside a transaction
            # Random UUID keys scatter every insert over the whole of each index: with the default
            # 2 MiB page cache, once the indexes outgrow it nearly every row reads pages back from the
            # file and writes them out again (the system time that grew faster than the row count).
            cache = raw.execute("PRAGMA cache_size").fetchone()[0]
            raw.execute(f"PRAGMA cache_size=-{BULK_CACHE_KIB}")
        try:
            with Session(bind=conn.execution_options(write=True)) as session:
                yield session
        finally:
            if conn.in_transaction():
                conn.rollback()
            if raw is not None:
                raw.execute("PRAGMA synchronous=FULL")
                raw.execute(f"PRAGMA cache_size={int(cache)}")
                raw.execute("PRAGMA shrink_memory")
