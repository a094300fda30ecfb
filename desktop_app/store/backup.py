"""Copies of a live SQLite database through the online backup API — never a file copy, which would
miss the -wal file (STYLE.md 4; domain/reliability.md)."""

from __future__ import annotations

import sqlite3
from pathlib import Path


class BackupFailed(RuntimeError):
    pass


def backup_sqlite(source: Path, target: Path) -> Path:
    """Write a consistent copy of `source` to `target` and integrity-check the copy."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    partial.unlink(missing_ok=True)
    src = sqlite3.connect(str(source))
    try:
        dst = sqlite3.connect(str(partial))
        try:
            src.backup(dst)
            result = dst.execute("PRAGMA integrity_check").fetchone()
        finally:
            dst.close()
    finally:
        src.close()
    if not result or result[0] != "ok":
        partial.unlink(missing_ok=True)
        raise BackupFailed(f"备份副本未通过完整性检查：{result}")
    partial.replace(target)
    return target


def integrity_check(path: Path, *, quick: bool = False) -> list[str]:
    """The problems SQLite reports; an empty list when the file is sound."""
    con = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True)
    try:
        pragma = "quick_check" if quick else "integrity_check"
        rows = [r[0] for r in con.execute(f"PRAGMA {pragma}").fetchall()]
        fk = con.execute("PRAGMA foreign_key_check").fetchall()
    finally:
        con.close()
    problems = [r for r in rows if r != "ok"]
    problems += [f"外键不一致：表 {r[0]} 行 {r[1]} 引用 {r[2]}" for r in fk]
    return problems
