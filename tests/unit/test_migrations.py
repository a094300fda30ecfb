"""Migrations are code and are tested (STYLE.md 4)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from desktop_app.services.bootstrap import open_context
from desktop_app.services.errors import Refused
from desktop_app.store import migrate
from desktop_app.store.base import Base
from desktop_app.store.database import open_database, sqlite_url
from desktop_app.store.search import SEARCH_TABLES, ensure_case_search


def _not_search(obj: object, name: str | None, type_: str, reflected: bool, compare_to: object) -> bool:
    """The FTS5 search index is created at start, not by a migration (store/search.py)."""
    return not (type_ == "table" and name in SEARCH_TABLES)


def _diff(db_path: Path) -> list[object]:
    db = open_database(sqlite_url(db_path))
    try:
        with db.engine.connect() as conn:
            opts = {"compare_type": True, "include_object": _not_search}
            diff = compare_metadata(MigrationContext.configure(conn, opts=opts), Base.metadata)
            conn.rollback()
        return list(diff)
    finally:
        db.dispose()


def test_upgrade_from_empty_equals_the_models(tmp_path: Path) -> None:
    db = open_database(sqlite_url(tmp_path / "x.sqlite3"))
    migrate.upgrade(db)
    db.dispose()
    assert _diff(tmp_path / "x.sqlite3") == []


def test_the_search_index_is_left_out_of_the_comparison(tmp_path: Path) -> None:
    db = open_database(sqlite_url(tmp_path / "x.sqlite3"))
    migrate.upgrade(db)
    assert ensure_case_search(db.engine)
    db.dispose()
    assert _diff(tmp_path / "x.sqlite3") == []


def test_every_revision_goes_up_and_down(tmp_path: Path) -> None:
    db = open_database(sqlite_url(tmp_path / "x.sqlite3"))
    script = ScriptDirectory.from_config(migrate.alembic_config())
    revisions = list(reversed(list(script.walk_revisions())))
    assert revisions, "no migrations"
    for rev in revisions:
        migrate._run(db, "upgrade", rev.revision)
        assert migrate.current_revision(db) == rev.revision
    for rev in reversed(revisions):
        migrate._run(db, "downgrade", rev.down_revision or "base")
        assert migrate.current_revision(db) == rev.down_revision
    migrate._run(db, "upgrade", "head")
    db.dispose()
    assert _diff(tmp_path / "x.sqlite3") == []


def test_database_of_a_newer_version_is_refused_and_left_untouched(tmp_path: Path) -> None:
    ctx = open_context(tmp_path / "d")
    ctx.db.dispose()
    path = tmp_path / "d" / "enforcement.sqlite3"
    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num = 'ffff_from_the_future'")
    con.commit()
    con.close()
    before = path.read_bytes()
    with pytest.raises(Refused, match="更新版本"):
        open_context(tmp_path / "d")
    assert path.read_bytes() == before
    assert not list((tmp_path / "d" / "backups").iterdir())


def test_upgrade_of_an_existing_database_backs_it_up_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "d"
    ctx = open_context(root)
    with ctx.db.engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO setting (key, value, updated_at) VALUES ('k', '1', '2026-01-01')")
    ctx.db.dispose()
    current = migrate.head_revision()
    # Pretend this program knows a newer revision than the file has: upgrade must back up first.
    monkeypatch.setattr(migrate, "head_revision", lambda: "next_revision")
    monkeypatch.setattr(migrate, "_run", lambda db, action, target: None)
    db = open_database(sqlite_url(root / "enforcement.sqlite3"))
    assert migrate.upgrade(db, sqlite_path=root / "enforcement.sqlite3", backup_dir=root / "backups")
    db.dispose()
    backups = list((root / "backups").glob("before-upgrade-*.sqlite3"))
    assert len(backups) == 1
    con = sqlite3.connect(backups[0])
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == current
    assert con.execute("SELECT value FROM setting WHERE key = 'k'").fetchone()[0] == "1"
    con.close()


def test_new_database_is_not_backed_up(tmp_path: Path) -> None:
    ctx = open_context(tmp_path / "d")
    ctx.db.dispose()
    assert list((tmp_path / "d" / "backups").iterdir()) == []


def test_sqlite_pragmas_are_set(tmp_path: Path) -> None:
    ctx = open_context(tmp_path / "d")
    with ctx.read() as session:
        conn = session.connection()
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 10_000
    ctx.db.dispose()
