from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from desktop_app.evidence.file_store import FileStore, ImportCancelled


def test_file_is_stored_under_its_hash_and_once(tmp_path: Path) -> None:
    store = FileStore(tmp_path / "store")
    src = tmp_path / "a.bin"
    src.write_bytes(os.urandom(9 * 1024 * 1024 + 7))
    first = store.add_file(src)
    assert first.sha256 == hashlib.sha256(src.read_bytes()).hexdigest()
    assert first.size == src.stat().st_size and not first.already_present
    assert store.path_for(first.sha256).read_bytes() == src.read_bytes()
    second = store.add_file(src)
    assert second.already_present
    assert not list((tmp_path / "store" / "incoming").iterdir())


def test_cancelled_import_leaves_nothing(tmp_path: Path) -> None:
    store = FileStore(tmp_path / "store")
    src = tmp_path / "big.bin"
    src.write_bytes(os.urandom(12 * 1024 * 1024))
    calls = []

    def cancel() -> bool:
        calls.append(1)
        return len(calls) > 2

    with pytest.raises(ImportCancelled):
        store.add_file(src, cancelled=cancel)
    files = [p for p in (tmp_path / "store").rglob("*") if p.is_file()]
    assert files == []


def test_sweep_removes_partials(tmp_path: Path) -> None:
    store = FileStore(tmp_path / "store")
    (tmp_path / "store" / "incoming").mkdir(parents=True)
    (tmp_path / "store" / "incoming" / "x.part").write_bytes(b"half")
    assert store.sweep_partials() == 1
    assert not list((tmp_path / "store" / "incoming").iterdir())


def test_verify_reports_altered_missing_and_untracked(tmp_path: Path) -> None:
    store = FileStore(tmp_path / "store")
    a = store.add_bytes(b"alpha")
    b = store.add_bytes(b"beta")
    c = store.add_bytes(b"gamma")
    assert store.verify([(a.sha256, 5), (b.sha256, 4), (c.sha256, 5)]).ok
    pa = store.path_for(a.sha256)
    pa.chmod(0o644)
    data = bytearray(pa.read_bytes())
    data[0] ^= 0x01
    pa.write_bytes(bytes(data))
    store.path_for(b.sha256).chmod(0o644)
    store.path_for(b.sha256).unlink()
    (tmp_path / "store" / "stray.txt").write_text("x")
    report = store.verify([(a.sha256, 5), (b.sha256, 4), (c.sha256, 5)])
    assert report.altered == [a.sha256]
    assert report.missing == [b.sha256]
    assert report.untracked == ["stray.txt"]
    assert not report.ok
