"""The content-addressed file store for evidence and proofs: files named by their SHA-256, written
atomically (temporary file, fsync, rename, fsync of the folder) and never modified.

A large video is read once: each chunk is hashed here while a writer thread writes the previous one,
so hashing and disk writes overlap (hashlib releases the GIL on large buffers). An interrupted or
cancelled import leaves only a `.part` file, swept at the next start.

The database row that references a new file commits after the file is in place. So that a crash in
between leaves no orphan, an import that will be recorded (`hold=True`) first writes a `.pending` marker
naming the file, and the caller settles it once its transaction has committed (or discards the file
when it rolled back). At start, `sweep` removes every `.part` and, for each unsettled marker, the file it
names unless the database references it. A file still being written, or a marker still held, by another
running program is locked (POSIX `flock`; on Windows an open file cannot be deleted) and left alone."""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import queue
import sys
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

if sys.platform != "win32":
    import fcntl

logger = logging.getLogger(__name__)

CHUNK = 4 * 1024 * 1024
PART_SUFFIX = ".part"
PENDING_SUFFIX = ".pending"
INCOMING = "incoming"


class ImportCancelled(Exception):
    """The user cancelled; nothing was kept."""


class FixityError(Exception):
    """A stored file's bytes no longer match its name (SHA-256)."""


class PendingMarker:
    """The open, locked marker of a newly placed file whose database row is not committed yet."""

    def __init__(self, path: Path, fd: int) -> None:
        self.path = path
        self.fd: int | None = fd

    def release(self) -> None:
        if self.fd is not None:
            with contextlib.suppress(OSError):
                os.close(self.fd)
            self.fd = None
        self.path.unlink(missing_ok=True)


@dataclass(frozen=True)
class StoredFile:
    sha256: str
    size: int
    already_present: bool
    pending: PendingMarker | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class SweepResult:
    partials: int = 0
    orphans: int = 0


@dataclass
class FixityReport:
    checked: int = 0
    altered: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    untracked: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.altered or self.missing or self.untracked)


def _lock(fd: int, *, wait: bool) -> bool:
    """An exclusive lock on an open file (POSIX); False when another process holds it. The lock goes
    with the process: a killed import leaves its files unlocked for the next sweep."""
    if sys.platform == "win32":
        return True  # an open file cannot be deleted on Windows: that is the lock there
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
    except BlockingIOError:
        return False
    except OSError:
        return True  # a file system without locks: nothing to coordinate with
    return True


def _try_lock_path(path: Path) -> int | None:
    """Open `path` and lock it without waiting: the descriptor, or None when it is in use (or gone)."""
    try:
        fd = os.open(path, os.O_RDWR)
    except OSError:
        return None
    if _lock(fd, wait=False):
        return fd
    os.close(fd)
    return None


def _make_writable(path: Path) -> None:
    # Stored files are read-only; Windows refuses to delete a read-only file.
    with contextlib.suppress(OSError):
        path.chmod(0o644)


def _fsync_dir(folder: Path) -> None:
    if os.name == "nt":  # Windows cannot open a directory for fsync; NTFS journals the rename.
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class FileStore:
    def __init__(self, root: Path) -> None:
        self.root = root

    def path_for(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def exists(self, sha256: str) -> bool:
        return self.path_for(sha256).is_file()

    @property
    def incoming(self) -> Path:
        return self.root / INCOMING

    def sweep_partials(self) -> int:
        """Remove leftovers of interrupted imports (run at start); an import still running is left alone."""
        removed = 0
        if not self.root.exists():
            return 0
        for part in self.root.rglob(f"*{PART_SUFFIX}"):
            fd = None
            if sys.platform != "win32":  # on Windows the unlink below fails while the file is open
                fd = _try_lock_path(part)
                if fd is None:
                    continue  # being written by a running import (or already gone)
            try:
                part.unlink()
                removed += 1
            except OSError:
                logger.info("an import's temporary file %s is in use or could not be removed", part.name)
            finally:
                if fd is not None:
                    os.close(fd)
        return removed

    def sweep(self, referenced: Callable[[str], bool]) -> SweepResult:
        """Start-up clean-up: `.part` files, and the files of unsettled `.pending` markers that the
        database does not reference (an import killed after placing its file, before its commit)."""
        partials = self.sweep_partials()
        orphans = 0
        if self.incoming.is_dir():
            for marker in sorted(self.incoming.glob(f"*{PENDING_SUFFIX}")):
                sha = marker.name.split(".", 1)[0]
                if sys.platform == "win32":
                    try:
                        marker.unlink()  # fails while the importing program holds it open
                    except OSError:
                        continue
                    if not referenced(sha):
                        orphans += self._remove_stored(sha)
                    continue
                fd = _try_lock_path(marker)
                if fd is None:
                    continue
                try:
                    if not referenced(sha):
                        orphans += self._remove_stored(sha)
                    marker.unlink(missing_ok=True)
                finally:
                    os.close(fd)
        if orphans:
            logger.warning("removed %d file(s) of imports interrupted before they were recorded", orphans)
        return SweepResult(partials, orphans)

    def _remove_stored(self, sha256: str) -> int:
        path = self.path_for(sha256)
        if not path.exists():
            return 0
        _make_writable(path)
        path.unlink()
        _fsync_dir(path.parent)
        return 1

    def settle(self, stored: StoredFile) -> None:
        """The caller's transaction that records the file has committed: drop its marker."""
        if stored.pending is not None:
            stored.pending.release()

    def discard(self, stored: StoredFile, referenced: Callable[[str], bool]) -> None:
        """The caller's transaction rolled back: remove a file this import placed, unless something
        else references it by now, and drop the marker."""
        if stored.pending is None:
            return
        try:
            if not referenced(stored.sha256):
                self._remove_stored(stored.sha256)
        finally:
            stored.pending.release()

    def destroy(self, sha256: str) -> bool:
        """Remove a stored file for good (a retention period ran out); True when there was one."""
        return bool(self._remove_stored(sha256))

    def add_bytes(self, data: bytes) -> StoredFile:
        import io

        return self.add_stream(io.BytesIO(data), total=len(data))

    def add_file(
        self,
        source: Path,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
        *,
        hold: bool = False,
    ) -> StoredFile:
        total = source.stat().st_size
        with source.open("rb") as fh:
            return self.add_stream(fh, total=total, progress=progress, cancelled=cancelled, hold=hold)

    def add_stream(
        self,
        stream: BinaryIO,
        *,
        total: int = 0,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
        hold: bool = False,
    ) -> StoredFile:
        """Store the stream's bytes under their hash. With `hold`, a newly placed file keeps a pending
        marker until `settle` (or `discard`): the caller records it in the database in between."""
        self.root.mkdir(parents=True, exist_ok=True)
        staging = self.incoming
        staging.mkdir(exist_ok=True)
        tmp = staging / f"{os.urandom(8).hex()}{PART_SUFFIX}"
        digest = hashlib.sha256()
        size = 0
        chunks: queue.Queue[bytes | None] = queue.Queue(maxsize=4)
        failure: list[BaseException] = []

        def writer(out: BinaryIO) -> None:
            try:
                while True:
                    chunk = chunks.get()
                    if chunk is None:
                        return
                    if not failure:
                        out.write(chunk)
            except BaseException as exc:  # reported to the reading thread below
                failure.append(exc)
                while chunks.get() is not None:
                    pass

        marker: PendingMarker | None = None
        try:
            with tmp.open("wb") as out:
                _lock(out.fileno(), wait=True)
                thread = threading.Thread(target=writer, args=(out,), daemon=True)
                thread.start()
                try:
                    while True:
                        if cancelled is not None and cancelled():
                            raise ImportCancelled()
                        chunk = stream.read(CHUNK)
                        if not chunk:
                            break
                        digest.update(chunk)
                        size += len(chunk)
                        chunks.put(chunk)
                        if failure:
                            raise failure[0]
                        if progress is not None:
                            progress(size, total)
                finally:
                    chunks.put(None)
                    thread.join()
                if failure:
                    raise failure[0]
                out.flush()
                os.fsync(out.fileno())
            sha = digest.hexdigest()
            final = self.path_for(sha)
            if final.exists():
                tmp.unlink()
                return StoredFile(sha, size, already_present=True)
            if hold:
                marker = self._write_marker(sha)
            final.parent.mkdir(parents=True, exist_ok=True)
            with contextlib.suppress(OSError):
                tmp.chmod(0o444)  # never modified
            os.replace(tmp, final)
            _fsync_dir(final.parent)
            return StoredFile(sha, size, already_present=False, pending=marker)
        except BaseException:
            tmp.unlink(missing_ok=True)
            if marker is not None:
                marker.release()
            raise

    def _write_marker(self, sha256: str) -> PendingMarker:
        path = self.incoming / f"{sha256}.{os.urandom(6).hex()}{PENDING_SUFFIX}"
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o644)
        try:
            _lock(fd, wait=True)
            os.write(fd, sha256.encode("ascii"))
            os.fsync(fd)
            _fsync_dir(self.incoming)
        except BaseException:
            os.close(fd)
            path.unlink(missing_ok=True)
            raise
        return PendingMarker(path, fd)

    def export(
        self,
        sha256: str,
        dest: Path,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> int:
        """Copy a stored file to `dest` (atomically, checking its hash on the way); returns its size.
        FixityError when the stored bytes no longer match their hash (nothing is left at `dest`)."""
        source = self.path_for(sha256)
        total = source.stat().st_size
        dest.parent.mkdir(parents=True, exist_ok=True)
        tmp = dest.with_name(f".{dest.name}.{os.urandom(4).hex()}{PART_SUFFIX}")
        digest = hashlib.sha256()
        done = 0
        try:
            with source.open("rb") as fh, tmp.open("wb") as out:
                while chunk := fh.read(CHUNK):
                    if cancelled is not None and cancelled():
                        raise ImportCancelled()
                    digest.update(chunk)
                    out.write(chunk)
                    done += len(chunk)
                    if progress is not None:
                        progress(done, total)
                out.flush()
                os.fsync(out.fileno())
            if digest.hexdigest() != sha256:
                raise FixityError(sha256)
            os.replace(tmp, dest)
            _fsync_dir(dest.parent)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        return done

    def view_copy(self, sha256: str, dest: Path) -> Path:
        """A read-only file named `dest` with the stored bytes, for a program that picks its viewer by
        the file name (the store's names have no extension): a hard link where the file system allows
        it (instant, even for a video of several GB), else a checked copy."""
        source = self.path_for(sha256)
        if not source.is_file():
            raise FileNotFoundError(source)
        dest.parent.mkdir(parents=True, exist_ok=True)
        if dest.exists():
            if dest.stat().st_size == source.stat().st_size and os.path.samefile(dest, source):
                return dest
            _make_writable(dest)
            dest.unlink()
        try:
            os.link(source, dest)
        except OSError:
            self.export(sha256, dest)
            with contextlib.suppress(OSError):
                dest.chmod(0o444)
        return dest

    def verify(self, known: Iterable[tuple[str, int]],
               progress: Callable[[int, int], None] | None = None) -> FixityReport:
        """Re-hash every stored file: altered, missing and untracked files are reported."""
        expected = dict(known)
        report = FixityReport()
        seen: set[str] = set()
        if self.root.exists():
            for path in sorted(self.root.rglob("*")):
                if not path.is_file() or path.parent == self.incoming:
                    continue
                name = path.name
                if name not in expected or path != self.path_for(name):
                    report.untracked.append(str(path.relative_to(self.root)))
                    continue
                seen.add(name)
                digest = hashlib.sha256()
                with path.open("rb") as fh:
                    while chunk := fh.read(CHUNK):
                        digest.update(chunk)
                report.checked += 1
                if digest.hexdigest() != name:
                    report.altered.append(name)
                if progress is not None:
                    progress(report.checked, len(expected))
        report.missing = sorted(set(expected) - seen)
        return report
