"""The README's run command: the real process starts offscreen, initialises the data directory,
and stays up."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest


@pytest.mark.slow
def test_application_starts_offscreen_initialises_and_stays_up(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", ENFORCEMENT_DESK_HOME=str(tmp_path / "home"))
    proc = subprocess.Popen([sys.executable, "-m", "desktop_app"], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        db = tmp_path / "home" / "enforcement.sqlite3"
        while time.monotonic() < deadline and not (tmp_path / "home" / "audit-head.json").exists():
            assert proc.poll() is None, proc.communicate()
            time.sleep(0.2)
        assert db.exists()
        time.sleep(2)
        assert proc.poll() is None, "the application exited on its own"
    finally:
        proc.terminate()
        try:
            _, err = proc.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            _, err = proc.communicate()
    assert b"Traceback" not in err
