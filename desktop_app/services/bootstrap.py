"""Opening a data directory: folders, database, migrations (composition roots call this)."""

from __future__ import annotations

import logging
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from desktop_app.clock import Clock
from desktop_app.paths import DataDir
from desktop_app.services import evidence_fixity
from desktop_app.services.context import AppContext
from desktop_app.services.errors import Refused
from desktop_app.store import migrate, search
from desktop_app.store.database import open_database, sqlite_url

logger = logging.getLogger(__name__)


def open_context(root: Path, *, db_url: str | None = None, clock: Clock | None = None) -> AppContext:
    data_dir = DataDir(root)
    try:
        data_dir.ensure()
    except OSError as exc:
        raise Refused(f"无法创建数据目录 {root}：{exc.strerror or exc}") from exc
    db = open_database(db_url or sqlite_url(data_dir.database))
    try:
        migrate.upgrade(db, sqlite_path=None if db_url else data_dir.database, backup_dir=data_dir.backups)
    except migrate.DatabaseTooNew as exc:
        db.dispose()
        raise Refused(str(exc)) from exc
    try:
        # the full-text index of the case search (SQLite only; elsewhere the search uses LIKE)
        search.ensure_case_search(db.engine)
    except SQLAlchemyError:
        logger.warning("could not build the case search index: the search uses LIKE", exc_info=True)
    ctx = AppContext(db=db, data_dir=data_dir, clock=clock or Clock.from_environment())
    try:
        # What an interrupted evidence import left: a `.part`, or a file placed but never recorded.
        evidence_fixity.sweep_store(ctx)
    except OSError:
        logger.warning("could not sweep the leftovers of interrupted evidence imports", exc_info=True)
    return ctx
