"""Bring a database to the current schema at start: refuse one written by a newer version (and leave
it untouched), back a SQLite file up with the online backup API, then upgrade to head."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection

from desktop_app.store.backup import backup_sqlite
from desktop_app.store.database import Database

logger = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


class DatabaseTooNew(RuntimeError):
    """The database was written by a newer version of the program."""


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(db: Database) -> str | None:
    with db.engine.connect() as conn:
        rev = MigrationContext.configure(conn).get_current_revision()
        conn.rollback()
        return rev


def check_not_newer(db: Database) -> str | None:
    current = current_revision(db)
    if current is None:
        return None
    script = ScriptDirectory.from_config(alembic_config())
    try:
        script.get_revision(current)
    except Exception as exc:
        raise DatabaseTooNew(
            f"此数据库由更新版本的程序写入（结构版本 {current}），本程序无法打开。"
            "请安装最新版本后再试；数据库未作任何改动。"
        ) from exc
    return current


def _run(db: Database, action: str, target: str) -> None:
    cfg = alembic_config()
    with db.engine.connect() as conn:
        if db.is_sqlite:
            # Batch migrations recreate tables; foreign keys must be off for that, and this pragma
            # only takes effect outside a transaction.
            conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
        cfg.attributes["connection"] = conn
        getattr(command, action)(cfg, target)
        conn.commit()
        if db.is_sqlite:
            _check_foreign_keys(conn)
            conn.exec_driver_sql("PRAGMA foreign_keys=ON")


def _check_foreign_keys(conn: Connection) -> None:
    rows = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    conn.rollback()
    if rows:
        raise RuntimeError(f"migration left {len(rows)} foreign-key violations")


def upgrade(db: Database, *, sqlite_path: Path | None = None, backup_dir: Path | None = None) -> bool:
    """Upgrade to head; returns True when a migration ran. Backs up first when there was data."""
    current = check_not_newer(db)
    head = head_revision()
    if current == head:
        return False
    if current is not None and sqlite_path is not None and backup_dir is not None and sqlite_path.exists():
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        target = backup_dir / f"before-upgrade-{current}-{stamp}.sqlite3"
        backup_sqlite(sqlite_path, target)
        logger.info("backed up the database before upgrading from %s: %s", current, target.name)
    _run(db, "upgrade", "head")
    logger.info("database upgraded from %s to %s", current, head)
    return True


def downgrade(db: Database, target: str) -> None:
    _run(db, "downgrade", target)
