"""The evidence store beyond the basics of test_file_store: an import killed between placing its file and
recording it, imports still running in another program, checked export, view copies, destruction."""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

import pytest

from desktop_app.evidence.file_store import FileStore, FixityError


def _crash(stored: object) -> None:
    """What a kill -9 leaves of a held import: the marker file, no lock, no settle."""
    pending = stored.pending  # type: ignore[attr-defined]
    assert pending is not None
    os.close(pending.fd)
    pending.fd = None


def test_held_import_keeps_a_marker_until_settled(tmp_path: Path) -> None:
    store = FileStore(tmp_path / "store")
    stored = store.add_bytes(b"x")
    assert stored.pending is None  # plain imports leave nothing behind
    held = store.add_file(_file(tmp_path, b"evidence"), hold=True)
    assert held.pending is not None and held.pending.path.exists()
    assert store.path_for(held.sha256).read_bytes() == b"evidence"
    store.settle(held)
    assert list(store.incoming.glob("*.pending")) == []
    assert store.path_for(held.sha256).exists()


def test_sweep_removes_the_file_of_an_import_killed_before_it_was_recorded(tmp_path: Path) -> None:
    store = FileStore(tmp_path / "store")
    held = store.add_file(_file(tmp_path, b"never recorded"), hold=True)
    _crash(held)
    result = store.sweep(lambda sha: False)
    assert result.orphans == 1
    assert not store.path_for(held.sha256).exists()
    assert list(store.incoming.iterdir()) == []


def test_sweep_keeps_a_file_the_database_references(tmp_path: Path) -> None:
    store = FileStore(tmp_path / "store")
    held = store.add_file(_file(tmp_path, b"recorded, marker not yet dropped"), hold=True)
    _crash(held)
    assert store.sweep(lambda sha: sha == held.sha256).orphans == 0
    assert store.path_for(held.sha256).exists()
    assert list(store.incoming.iterdir()) == []


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX flock")
def test_sweep_leaves_an_import_that_is_still_running_alone(tmp_path: Path) -> None:
    import fcntl

    store = FileStore(tmp_path / "store")
    store.incoming.mkdir(parents=True)
    part = store.incoming / "abc.part"
    part.write_bytes(b"half")
    held = store.add_file(_file(tmp_path, b"being recorded"), hold=True)
    with part.open("rb+") as fh:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)  # as the writing program holds it
        result = store.sweep(lambda sha: False)
        assert part.exists()
    assert result.partials == 0 and result.orphans == 0
    assert store.path_for(held.sha256).exists()  # its marker is still held
    assert store.sweep(lambda sha: False).partials == 1
    store.settle(held)


def test_discard_removes_a_new_file_unless_referenced(tmp_path: Path) -> None:
    store = FileStore(tmp_path / "store")
    a = store.add_file(_file(tmp_path, b"rolled back"), hold=True)
    store.discard(a, lambda sha: False)
    assert not store.path_for(a.sha256).exists()
    b = store.add_file(_file(tmp_path, b"referenced meanwhile"), hold=True)
    store.discard(b, lambda sha: True)
    assert store.path_for(b.sha256).exists()
    assert list(store.incoming.iterdir()) == []


def test_an_already_stored_file_gets_no_marker_and_is_never_discarded(tmp_path: Path) -> None:
    store = FileStore(tmp_path / "store")
    first = store.add_bytes(b"same bytes")
    again = store.add_file(_file(tmp_path, b"same bytes"), hold=True)
    assert again.already_present and again.pending is None
    store.discard(again, lambda sha: False)
    assert store.path_for(first.sha256).exists()


def test_export_checks_the_hash_and_leaves_nothing_when_altered(tmp_path: Path) -> None:
    store = FileStore(tmp_path / "store")
    data = os.urandom(5 * 1024 * 1024 + 3)
    stored = store.add_bytes(data)
    out = tmp_path / "out" / "copy.bin"
    assert store.export(stored.sha256, out) == len(data)
    assert out.read_bytes() == data
    path = store.path_for(stored.sha256)
    path.chmod(0o644)
    altered = bytearray(data)
    altered[100] ^= 0xFF
    path.write_bytes(bytes(altered))
    with pytest.raises(FixityError):
        store.export(stored.sha256, tmp_path / "out" / "second.bin")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["copy.bin"]


def test_view_copy_has_the_original_name_and_the_same_bytes(tmp_path: Path) -> None:
    store = FileStore(tmp_path / "store")
    stored = store.add_bytes(b"video bytes")
    view = store.view_copy(stored.sha256, tmp_path / "cache" / "现场录像.mp4")
    assert view.name == "现场录像.mp4"
    assert view.read_bytes() == b"video bytes"
    assert store.view_copy(stored.sha256, view) == view  # asking again is harmless


def test_destroy_removes_a_stored_file(tmp_path: Path) -> None:
    store = FileStore(tmp_path / "store")
    stored = store.add_bytes(b"kept 30 years")
    assert store.destroy(stored.sha256)
    assert not store.path_for(stored.sha256).exists()
    assert not store.destroy(stored.sha256)


def test_stored_files_are_read_only(tmp_path: Path) -> None:
    store = FileStore(tmp_path / "store")
    stored = store.add_file(_file(tmp_path, b"never modified"), hold=True)
    store.settle(stored)
    mode = store.path_for(stored.sha256).stat().st_mode
    assert not mode & 0o222
    assert hashlib.sha256(store.path_for(stored.sha256).read_bytes()).hexdigest() == stored.sha256


def _file(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / f"src-{hashlib.sha256(data).hexdigest()[:8]}.bin"
    path.write_bytes(data)
    return path
