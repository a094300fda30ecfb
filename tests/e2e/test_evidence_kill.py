"""A real `evidence add` of a large video, killed with SIGKILL in the middle of the copy: once the program
has started again there is no file, no record and no `.part` left (domain/reliability.md: interrupted
copy of a large evidence file). Then the same import runs to the end and the store verifies."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop_app.cli.main import main

NOW = "2026-11-23T10:00:00+08:00"
SIZE_MB = 300


def _cli(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, ENFORCEMENT_DESK_NOW=NOW)
    return subprocess.run([sys.executable, "-m", "desktop_app", "--data-dir", str(data), *args], env=env,
                          capture_output=True, text=True, timeout=300)


def _big_file(path: Path) -> Path:
    """~300 MB that no file system can shortcut: random chunks, with a sparse hole in the middle."""
    with path.open("wb") as fh:
        for i in range(SIZE_MB // 4):
            if i == SIZE_MB // 8:
                fh.seek(4 * 1024 * 1024, os.SEEK_CUR)  # a hole reads as zeros
                continue
            fh.write(os.urandom(4 * 1024 * 1024))
        fh.write(b"end")
    return path


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_a_killed_import_leaves_nothing_once_started_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("ENFORCEMENT_DESK_NOW", NOW)
    data = tmp_path / "data"
    assert main(["--data-dir", str(data), "demo", "--cases", "0"]) == 0
    capsys.readouterr()
    assert main(["--data-dir", str(data), "--as", "demo-officer1", "case", "new", "--item", "DQ-01", "--source",
                 "inspection", "--facts", "露天焚烧秸秆", "--person", "142322198001010010", "--name", "王某某",
                 "--on", "2026-11-20T09:00"]) == 0
    case = capsys.readouterr().out.strip()
    video = _big_file(tmp_path / "执法记录仪录像.mp4")
    incoming = data / "evidence" / "incoming"

    env = dict(os.environ, ENFORCEMENT_DESK_NOW=NOW)
    proc = subprocess.Popen([sys.executable, "-m", "desktop_app", "--data-dir", str(data), "--as", "demo-officer1",
                             "evidence", "add", case, str(video), "--type", "视听资料"],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        partial = None
        while time.monotonic() < deadline and proc.poll() is None:
            parts = list(incoming.glob("*.part")) if incoming.is_dir() else []
            if parts and parts[0].stat().st_size >= 32 * 1024 * 1024:
                partial = parts[0]
                break
            time.sleep(0.005)
        assert proc.poll() is None, "the import ended before it could be killed: " + proc.communicate()[1].decode()
        assert partial is not None
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.communicate()
    assert proc.returncode == -signal.SIGKILL
    assert partial.exists()  # the killed import did leave its half-written copy behind

    listed = _cli(data, "evidence", "list", case, "--json")  # the program starts again
    assert listed.returncode == 0, listed.stderr
    assert json.loads(listed.stdout) == []
    assert list(incoming.iterdir()) == []
    assert [p for p in (data / "evidence").rglob("*") if p.is_file()] == []
    checked = _cli(data, "evidence", "verify", "--json")
    assert checked.returncode == 0, checked.stdout
    assert json.loads(checked.stdout)["checked"] == 0

    done = _cli(data, "--as", "demo-officer1", "evidence", "add", case, str(video), "--type", "视听资料", "--json")
    assert done.returncode == 0, done.stderr
    (item,) = json.loads(done.stdout)
    assert item["number"] == 1 and item["size"] == video.stat().st_size
    checked = _cli(data, "evidence", "verify", "--json")
    assert checked.returncode == 0 and json.loads(checked.stdout)["checked"] == 1
