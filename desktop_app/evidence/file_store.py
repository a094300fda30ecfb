"""The content-addressed file store for evidence and proofs: files named by their SHA-256, written
atomically (temporary file, fsync, rename, fsync of the folder) and never modified.

A large video is read once: each chunk is hashed here while a writer thread writes the previous one,
so hashing and disk writes overlap (hashlib releases the GIL on large buffers). An interrupted or
cancelled import leaves only a `.part` file, swept at the next start."""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import queue
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

logger = logging.getLogger(__name__)

CHUNK = 4 * 1024 * 1024
PART_SUFFIX = ".part"


class ImportCancelled(Exception):
    """The user cancelled; nothing was kept."""


@dataclass(frozen=True)
class StoredFile:
    sha256: str
    size: int
    already_present: bool


@dataclass
class FixityReport:
    checked: int = 0
    altered: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    untracked: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.altered or self.missing or self.untracked)


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

    def sweep_partials(self) -> int:
        """Remove leftovers of interrupted imports (run at start)."""
        removed = 0
        if not self.root.exists():
            return 0
        for part in self.root.rglob(f"*{PART_SUFFIX}"):
            try:
                part.unlink()
                removed += 1
            except OSError:
                logger.warning("could not remove an interrupted import's leftover %s", part.name)
        return removed

    def add_bytes(self, data: bytes) -> StoredFile:
        import io

        return self.add_stream(io.BytesIO(data), total=len(data))

    def add_file(
        self,
        source: Path,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> StoredFile:
        total = source.stat().st_size
        with source.open("rb") as fh:
            return self.add_stream(fh, total=total, progress=progress, cancelled=cancelled)

    def add_stream(
        self,
        stream: BinaryIO,
        *,
        total: int = 0,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> StoredFile:
        self.root.mkdir(parents=True, exist_ok=True)
        staging = self.root / "incoming"
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

        try:
            with tmp.open("wb") as out:
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
            final.parent.mkdir(parents=True, exist_ok=True)
            os.replace(tmp, final)
            _fsync_dir(final.parent)
            with contextlib.suppress(OSError):
                final.chmod(0o444)  # never modified
            return StoredFile(sha, size, already_present=False)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise

    def verify(self, known: Iterable[tuple[str, int]],
               progress: Callable[[int, int], None] | None = None) -> FixityReport:
        """Re-hash every stored file: altered, missing and untracked files are reported."""
        expected = dict(known)
        report = FixityReport()
        seen: set[str] = set()
        if self.root.exists():
            for path in sorted(self.root.rglob("*")):
                if not path.is_file() or path.parent.name == "incoming":
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
